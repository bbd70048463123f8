//! The window: started at login it waits in the tray until opened, and a window saved off
//! screen opens on screen.

use tempfile::TempDir;

use crate::harness::{self, App};
use crate::support::xdotool;

/// Started by its login item (`--autostart`), Cynosure waits in the tray with no window on
/// screen; starting it again (as from the app menu) brings the window up.
#[tokio::test(flavor = "multi_thread")]
async fn started_at_login_it_waits_in_the_tray_until_opened() {
    let data = TempDir::new().unwrap();
    let app = App::start_with_args(data.path(), &[], &["--autostart"]).await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    let visible = || xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    assert_eq!(visible(), "", "no window on screen after a start at login");

    let second = std::process::Command::new(harness::app_binary())
        .env("CYNOSURE_DATA_DIR", data.path())
        .status()
        .expect("start Cynosure a second time");
    assert!(second.success(), "the second launch hands over and exits");
    app.wait_until(
        "document.visibilityState === 'visible'",
        "the page to be shown",
    )
    .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while visible().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the window did not come up on a second launch"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await;
}

/// A window last seen on a monitor that is gone (its saved place is far off this screen)
/// opens on screen, at its saved size, not where nobody can see it.
#[tokio::test(flavor = "multi_thread")]
async fn a_window_saved_off_screen_opens_on_screen() {
    let data = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    let config = home.path().join(".config/org.cynosure.desktop");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join(".window-state.json"),
        r#"{"main":{"width":900,"height":600,"x":9000,"y":7000,"prev_x":9000,"prev_y":7000,
            "maximized":false,"visible":true,"decorated":true,"fullscreen":false}}"#,
    )
    .unwrap();
    let app =
        App::start_with_env(data.path(), &[("HOME", home.path().display().to_string())]).await;
    app.text_of("[data-testid=overview-empty] h2").await;
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    let geometry = xdotool(&["getwindowgeometry", "--shell", &window]);
    let value = |key: &str| -> i64 {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {geometry}"))
    };
    let (x, y, width, height) = (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"));
    // The test display is 1280×800.
    assert!(
        x >= 0 && y >= 0 && x + width <= 1280 && y + height <= 800,
        "window at {x},{y} size {width}×{height}"
    );
    assert_eq!((width, height), (900, 600), "the saved size is kept");
    app.quit().await;
}
