//! The demo: the walk from the first run through every view (the README's screenshots,
//! then every view at 200 % zoom), and `cynosure --demo`.

use tempfile::TempDir;

use crate::harness::App;
use crate::support::{open_store, show_view, zoom_in, PORTRAITS_LOADED};

/// Nothing sticks out sideways: no horizontal scrolling.
const NO_SIDEWAYS_SCROLL: &str =
    "document.documentElement.scrollWidth <= document.documentElement.clientWidth";

/// First run → "Explore the demo" → every view → Settings → leave, in the real window,
/// with the demo's simulator in-process; each view is saved for the README. Then the same
/// views at 200 % zoom: nothing scrolls sideways.
#[tokio::test(flavor = "multi_thread")]
async fn the_demo_walk_from_first_run_through_every_view() {
    let data = TempDir::new().unwrap();
    let app = App::start(data.path()).await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.screenshot_for_docs("welcome").await;

    app.click("[data-testid=explore-demo]").await;
    assert_eq!(
        app.text_of("[data-testid=demo-badge] .demo-badge").await,
        "DEMO"
    );
    app.wait_until(
        "document.querySelectorAll('.overview-card').length === 3 && \
         ![...document.querySelectorAll('.overview-card')].some(c => c.dataset.queueState === 'unknown') && \
         !document.querySelector('[data-testid=overview] [data-testid=skeleton]')",
        "three demo characters with their queues and jobs",
    )
    .await;
    app.wait_until(PORTRAITS_LOADED, "the demo's portraits")
        .await;
    // The faces came with the roster: the window's CSP lets no image in from a loopback
    // port (an image server on one is never even asked).
    let elsewhere = cynosure_sim::Sim::start(cynosure_sim::SimConfig::default())
        .await
        .unwrap();
    app.eval(&format!(
        "const i = new Image(); i.onload = () => window.__loopbackImage = 'loaded'; \
         i.onerror = () => window.__loopbackImage = 'refused'; \
         i.src = '{}/characters/{}/portrait?size=128';",
        elsewhere.base_url(),
        cynosure_sim::world::AURA
    ))
    .await;
    app.wait_until(
        "window.__loopbackImage === 'refused'",
        "a loopback image refused by the CSP",
    )
    .await;
    assert!(
        elsewhere
            .requests()
            .iter()
            .all(|r| r.route != "images.portrait"),
        "the CSP stopped the request before it left the window"
    );
    let overview = app.text_of("[data-testid=overview]").await;
    for expected in [
        "Aura Vexx",
        "Brakk Tollan",
        "Cora Maelis",
        "Brave Industries",
        "Maelis Holdings",
    ] {
        assert!(
            overview.contains(expected),
            "{expected} missing: {overview}"
        );
    }
    let summary = app.text_of("[data-testid=overview-summary]").await;
    assert!(summary.contains("of 3 online"), "{summary}");
    assert!(summary.contains("ready"), "{summary}");
    app.screenshot_for_docs("overview").await;
    // The same pilots as one dense table, then back to the cards.
    app.click("[data-testid=layout-table]").await;
    app.wait_until(
        "document.querySelectorAll('[data-testid=pilots] tr[data-character-id]').length === 3",
        "the All pilots table",
    )
    .await;
    app.screenshot_for_docs("pilots").await;
    app.click("[data-testid=layout-cards]").await;

    // A pilot's page, from the pilot's name: the whole queue, skills by group, jobs.
    app.eval(
        "[...document.querySelectorAll('[data-testid=pilot-link]')].find((b) => b.textContent === 'Aura Vexx').click()",
    )
    .await;
    app.wait_until(
        "document.querySelectorAll('[data-testid=pilot-queue] li').length > 0 && \
         document.querySelectorAll('[data-testid=pilot-skill-groups] details').length > 0",
        "Aura's page with her queue and skill groups",
    )
    .await;
    app.screenshot_for_docs("pilot").await;
    app.click("[data-testid=pilot-back]").await;

    app.click("[data-testid=nav-skills]").await;
    app.wait_until(
        "document.querySelectorAll('[data-testid=training]').length >= 2",
        "skills in training",
    )
    .await;
    let skills = app.text_of("[data-testid=skills-board]").await;
    assert!(skills.contains("Small Hybrid Turret"), "{skills}");
    assert_eq!(
        app.text_of("[data-testid=demo-badge] .demo-badge").await,
        "DEMO"
    );
    app.screenshot_for_docs("skills").await;

    app.click("[data-testid=nav-industry]").await;
    app.wait_until(
        "document.querySelector('[data-testid=industry-board]')?.textContent.includes('Brave Industries')",
        "the corporation's jobs",
    )
    .await;
    let industry = app.text_of("[data-testid=industry-board]").await;
    assert!(
        industry.contains("manufacturing") && industry.contains("slots free"),
        "the free slots: {industry}"
    );
    for expected in [
        "Rifter",
        "Antimatter Charge S",
        "200mm Railgun I",
        "Material Efficiency Research",
    ] {
        assert!(
            industry.contains(expected),
            "{expected} missing: {industry}"
        );
    }
    app.screenshot_for_docs("industry").await;

    // Planetary industry is on in the demo: colonies with extractors counting down.
    app.click("[data-testid=nav-planets]").await;
    app.wait_until(
        "document.querySelectorAll('[data-testid=planets-board] .colony').length >= 5",
        "the demo's colonies",
    )
    .await;
    app.screenshot_for_docs("planets").await;

    // Clones and jumps are on too: Aura's next clone jump counts down, her jump clones
    // are named; the free slots head Industry (checked above by the board's text).
    app.click("[data-testid=nav-clones]").await;
    app.wait_until(
        &format!(
            "document.querySelector(\"[data-testid=clones-board] .card[data-character-id='{}'] [data-testid=clone-jump]\")?.textContent.startsWith('Next clone jump')",
            cynosure_sim::world::AURA
        ),
        "Aura's next clone jump",
    )
    .await;
    let clones = app.text_of("[data-testid=clones-board]").await;
    assert!(clones.contains("Jita IV - Moon 4"), "{clones}");
    app.screenshot_for_docs("clones").await;

    // Market orders and contracts are on too: Aura's open orders, the soonest expiry
    // first, and her contracts, the courier she carries first.
    app.click("[data-testid=nav-trade]").await;
    app.wait_until(
        &format!(
            "document.querySelectorAll(\"[data-testid=markets-board] [data-character-id='{}'] [data-testid=orders] tbody tr\").length === 3",
            cynosure_sim::world::AURA
        ),
        "Aura's open orders",
    )
    .await;
    let orders = app.text_of("[data-testid=markets-board]").await;
    assert!(
        orders.contains("Rifter") && orders.contains("Tritanium"),
        "{orders}"
    );
    app.wait_until(
        "document.querySelector('[data-testid=contracts-board] [data-testid=contracts] tbody tr')?.textContent.includes('Courier to Amarr VIII')",
        "Aura's courier contract first",
    )
    .await;
    app.screenshot_for_docs("trade").await;

    // Next: every character's deadlines, one login per account (Aura and Brakk share
    // Account A).
    app.click("[data-testid=nav-next]").await;
    app.wait_until(
        "(() => { const t = [...document.querySelectorAll('[data-testid=next-line] .next-text')].map((e) => e.textContent); \
         return t.length === 2 && t.some((l) => l.startsWith('Account A — log in')) && t.some((l) => l.startsWith('Account B — log in')); })()",
        "a Next line per account",
    )
    .await;
    app.screenshot_for_docs("next").await;

    app.click("[data-testid=nav-characters]").await;
    app.wait_until(
        "document.querySelectorAll('.roster-item').length === 3",
        "the demo's roster",
    )
    .await;
    app.wait_until(PORTRAITS_LOADED, "the roster's portraits")
        .await;
    app.screenshot_for_docs("characters").await;

    app.click("[data-testid=nav-settings]").await;
    let data_folder = app.text_of("[data-testid=your-data] dd code").await;
    assert_eq!(data_folder, data.path().join("demo").display().to_string());
    app.screenshot_for_docs("settings").await;
    app.click("[data-testid=licences] summary").await;
    app.wait_until(
        "document.querySelector('[data-testid=licences]').textContent.includes('tauri')",
        "the licence list",
    )
    .await;
    let licences = app.text_of("[data-testid=licences]").await;
    assert!(licences.contains("Apache-2.0 OR MIT"), "{licences}");

    // 200 % zoom, as a player zooms (Ctrl+= five times): every view still fits the
    // window's width. (Clicked from script: WebDriver's pointer does not follow zoom.)
    let width = app.eval("return window.innerWidth").await.as_f64().unwrap();
    zoom_in(&app, 5, width).await;
    for view in ["skills", "industry", "characters", "settings", "overview"] {
        show_view(&app, view).await;
        app.screenshot(&format!("{view}-200-percent")).await;
        app.wait_until(NO_SIDEWAYS_SCROLL, &format!("{view} to fit at 200 %"))
            .await;
    }
    app.eval("window.dispatchEvent(new KeyboardEvent('keydown', { key: '0', ctrlKey: true })); return null;")
        .await;
    app.wait_until(
        &format!("window.innerWidth === {width}"),
        "the page back at 100 %",
    )
    .await;

    // The way back: the player's own (empty) data, untouched by the demo.
    app.click("[data-testid=leave-demo]").await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    assert!(app
        .eval("return document.querySelector('[data-testid=demo-badge]')")
        .await
        .is_null());
    app.quit().await;
    let own = open_store(data.path()).await;
    let linked = cynosure_core::roster::commands::roster_list(&own)
        .await
        .unwrap();
    assert!(
        linked.is_empty(),
        "the demo's characters stayed in the demo: {linked:?}"
    );
    own.close().await;
}

/// `cynosure --demo` opens straight into the demo.
#[tokio::test(flavor = "multi_thread")]
async fn cynosure_dash_dash_demo_starts_in_the_demo() {
    let data = TempDir::new().unwrap();
    let app = App::start_with_args(data.path(), &[], &["--demo"]).await;
    assert_eq!(
        app.text_of("[data-testid=demo-badge] .demo-badge").await,
        "DEMO"
    );
    app.wait_until(
        "document.querySelectorAll('.overview-card').length === 3",
        "the demo's characters",
    )
    .await;
    app.quit().await;
    assert!(data.path().join("demo/cynosure.sqlite3").is_file());
}
