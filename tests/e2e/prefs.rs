//! The window's own preferences, in the real window: changed, the app quit and started
//! again, and everything is as it was left.

use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::harness::App;
use crate::support::{show_view, zoom_in};

/// The page's width in CSS pixels: it shrinks as the zoom grows.
const WIDTH: &str = "return window.innerWidth";

/// The view, the Industry sort and columns, a section opened and the zoom are kept
/// between starts (in `ui-prefs.json`, in the data folder).
#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_as_it_was_left() {
    let data = TempDir::new().unwrap();
    let app = App::start_with_args(data.path(), &[], &["--demo"]).await;
    app.wait_until(
        "document.querySelectorAll('.overview-card').length === 3",
        "the demo's characters",
    )
    .await;
    let width = app.eval(WIDTH).await.as_f64().unwrap();

    // A section opened on Skills.
    show_view(&app, "skills").await;
    app.click("[data-section^=skills-trained-] summary").await;
    let opened = app
        .eval("return document.querySelector('[data-section^=skills-trained-]').dataset.section")
        .await;
    let opened = opened.as_str().unwrap().to_owned();

    // Industry sorted by product, newest first, without the location column.
    show_view(&app, "industry").await;
    app.click("[data-testid=sort-product]").await;
    app.click("[data-testid=sort-product]").await;
    app.click("[data-testid=industry-columns] summary").await;
    app.click("[data-testid=column-location]").await;
    app.wait_until(
        "!document.querySelector('th[data-column=location]') && document.querySelector('th[data-column=product]')?.getAttribute('aria-sort') === 'descending'",
        "the product sort and no location column",
    )
    .await;

    // Zoomed in twice (120 %, 140 %).
    zoom_in(&app, 2, width).await;

    // Written down by the store (it saves a moment after each change).
    let file = data.path().join("ui-prefs.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let kept = std::fs::read_to_string(&file).unwrap_or_default();
        if kept.contains("\"zoom\": 140") || kept.contains("\"zoom\":140") {
            break;
        }
        assert!(Instant::now() < deadline, "ui-prefs.json holds: {kept}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;

    let again = App::start_with_args(data.path(), &[], &["--demo"]).await;
    again
        .wait_until(
            "document.querySelector('[data-testid=nav-industry]')?.getAttribute('aria-current') === 'page'",
            "the Industry view, where the window was left",
        )
        .await;
    again
        .wait_until(
            "document.querySelectorAll('tbody tr').length > 0",
            "the demo's jobs",
        )
        .await;
    again
        .wait_until(
            "!document.querySelector('th[data-column=location]') && document.querySelector('th[data-column=product]')?.getAttribute('aria-sort') === 'descending'",
            "the kept sort and columns",
        )
        .await;
    again
        .wait_until(
            &format!("Math.abs(window.innerWidth - {width} / 1.4) < 2"),
            "the kept zoom (140 %)",
        )
        .await;
    show_view(&again, "skills").await;
    again
        .wait_until(
            &format!("document.querySelector('[data-section={opened}]')?.open === true"),
            "the section opened before",
        )
        .await;
    again.quit().await;
}
