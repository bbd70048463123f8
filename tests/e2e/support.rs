//! What several of the end-to-end tests use: a store of the app's own opened directly
//! (to seed characters or settings before a start), a simulator on the app's clock with its
//! environment for the app, an app with Aura linked through the UI, `xdotool` on the test
//! display, and the page condition "every portrait has loaded".
//!
//! Generic helpers shared with other crates' tests (free ports, the files of a data folder
//! and scanning them for tokens) are in `cynosure-testkit`.

use std::sync::Arc;

use cynosure_core::roster::models::{AuthState, LinkedCharacter};
use cynosure_core::{Config, Cynosure, ManualClock, Paths};
use cynosure_testkit::free_port;

use crate::harness::{self, App};

/// The clock of stores seeded before a start (the app itself runs on the system clock).
const NOW: i64 = 1_790_000_000_000;

/// The store in `dir`, opened directly (file vault), as the app would open it.
pub async fn open_store(dir: &std::path::Path) -> Cynosure {
    let mut config = Config::new(Paths::in_dir(dir), Arc::new(ManualClock::new(NOW)));
    config.vault = cynosure_core::auth::VaultChoice::File;
    Cynosure::open(config).await.expect("open a fresh store")
}

/// Stores these characters (id, name, token health) in `dir` before the app starts.
pub async fn seed(dir: &std::path::Path, characters: &[(i64, &str, AuthState)]) {
    let core = open_store(dir).await;
    for (i, (id, name, auth_state)) in characters.iter().enumerate() {
        cynosure_core::store::roster::upsert(
            core.db(),
            &LinkedCharacter {
                character_id: *id,
                name: (*name).to_owned(),
                corporation_id: 98_000_001,
                owner_hash: format!("owner-{id}"),
                scopes: vec!["esi-skills.read_skills.v1".into()],
                auth_state: *auth_state,
                added_at: NOW + i as i64,
                account_id: None,
            },
        )
        .await
        .expect("seed a character");
    }
    core.close().await;
}

/// A simulator on the system clock (the app's) that signs in as Aura.
pub async fn simulator() -> cynosure_sim::Sim {
    let sim = cynosure_sim::Sim::start(cynosure_sim::SimConfig {
        clock: cynosure_sim::SimClock::system(),
        options: cynosure_sim::Options {
            token_log: harness::token_log(),
            ..Default::default()
        },
        ..cynosure_sim::SimConfig::default()
    })
    .await
    .unwrap();
    sim.login_as(cynosure_sim::world::AURA);
    sim
}

/// The app's environment for a simulator: ESI, EVE's login and images on loopback, the
/// simulator's application as the build's own, and a stand-in browser.
pub fn sim_env(sim: &cynosure_sim::Sim) -> Vec<(&'static str, String)> {
    let base = sim.base_url().to_owned();
    vec![
        ("CYNOSURE_ESI_URL", base.clone()),
        ("CYNOSURE_SSO_URL", base.clone()),
        ("CYNOSURE_IMAGES_URL", base),
        // As a release build's own EVE application: sign-in is one click, no setup.
        (
            cynosure_core::auth::BUILT_IN_CLIENT_ID_ENV,
            cynosure_sim::DEFAULT_CLIENT_ID.into(),
        ),
        ("CYNOSURE_OPENER", "curl -sSL -o /dev/null".into()),
    ]
}

/// Starts the app against a simulator and links Aura through the UI ("Sign in with EVE
/// Online" on the first-run Overview; the stand-in browser follows EVE's redirects to the
/// loopback listener), then goes on to Characters.
pub async fn app_with_aura(sim: &cynosure_sim::Sim, data: &std::path::Path) -> App {
    // The callback port is chosen as late as possible (a test may have waited a while for
    // the one window), and registered with the simulator's application.
    let port = free_port();
    sim.add_callback(&format!("http://localhost:{port}/callback"));
    {
        let core = open_store(data).await;
        cynosure_core::settings::commands::settings_update(
            &core,
            cynosure_core::settings::models::SettingsPatch {
                callback_port: Some(port),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        core.close().await;
    }
    let app = App::start_with_env(data, &sim_env(sim)).await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.click("[data-testid=add-character]").await;
    assert_eq!(
        app.text_of(".overview-card .roster-name").await,
        "Aura Vexx"
    );
    assert!(
        app.client
            .find(fantoccini::Locator::Css("[data-testid=signin-setup]"))
            .await
            .is_err(),
        "one click: no application to set up"
    );
    app.click("[data-testid=nav-characters]").await;
    assert_eq!(app.text_of(".roster-item .roster-name").await, "Aura Vexx");
    app
}

/// Changes settings in `dir`'s store before the app starts (what a player set earlier).
pub async fn seed_settings(
    dir: &std::path::Path,
    patch: cynosure_core::settings::models::SettingsPatch,
) {
    let core = open_store(dir).await;
    cynosure_core::settings::commands::settings_update(&core, patch)
        .await
        .unwrap();
    core.close().await;
}

/// Turns a feature on in Settings and re-authorises the one linked character that
/// lacks its scopes, as a player does.
pub async fn turn_on_feature(app: &App, feature: &str) {
    show_view(app, "settings").await;
    app.click(&format!("[data-testid=feature-{feature}]")).await;
    assert_eq!(
        app.text_of("[data-testid=reauthorise-start]").await,
        "Re-authorise 1 character"
    );
    app.click("[data-testid=reauthorise-start]").await;
    app.wait_until(
        "!document.querySelector('[data-testid=reauthorise]')",
        &format!("re-authorised for {feature}"),
    )
    .await;
}

/// Runs `xdotool` on the test display and returns what it printed.
pub fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Every card's portrait has loaded (the CSP lets the image server's pictures in).
pub const PORTRAITS_LOADED: &str = "[...document.querySelectorAll('img.portrait')].length > 0 && \
     [...document.querySelectorAll('img.portrait')].every(i => i.complete && i.naturalWidth > 0)";

/// Shows a view, clicked from script (WebDriver's pointer does not follow the zoom).
pub async fn show_view(app: &App, view: &str) {
    app.eval(&format!(
        "document.querySelector('[data-testid=nav-{view}]').click(); return null;"
    ))
    .await;
    app.wait_until(
        &format!(
            "document.querySelector('[data-testid=nav-{view}]')?.getAttribute('aria-current') === 'page'"
        ),
        &format!("the {view} view"),
    )
    .await;
}

/// Presses Ctrl+= `times` times, as a player zooms in (20 % a step), and waits until the
/// page of `width` CSS pixels at 100 % shows the new zoom.
pub async fn zoom_in(app: &App, times: u32, width: f64) {
    for _ in 0..times {
        app.eval("window.dispatchEvent(new KeyboardEvent('keydown', { key: '=', ctrlKey: true })); return null;")
            .await;
    }
    let zoom = 1.0 + 0.2 * f64::from(times);
    app.wait_until(
        &format!("Math.abs(window.innerWidth - {width} / {zoom}) < 2"),
        &format!("the page to zoom to {:.0} %", zoom * 100.0),
    )
    .await;
}

/// Runs `tests/e2e/desktop.py` (what a player does around the window: its close button,
/// the tray menu) and returns what it printed; panics when it fails.
pub fn desktop(args: &[&str]) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/desktop.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "desktop.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The tray menu's item labels as the app exports them on the session bus: its
/// StatusNotifierItem's `com.canonical.dbusmenu` object (libayatana-appindicator), what
/// a desktop's tray shows when the menu opens. Empty while the app has none yet.
pub fn tray_menu(app: &App) -> Vec<String> {
    tray_menu_of(&app.processes())
}

pub fn tray_menu_of(pids: &[u32]) -> Vec<String> {
    let pids: Vec<String> = pids.iter().map(u32::to_string).collect();
    let args: Vec<&str> = ["tray-menu"]
        .into_iter()
        .chain(pids.iter().map(String::as_str))
        .collect();
    desktop(&args).lines().map(str::to_owned).collect()
}

/// Clicks the first tray menu item whose label contains `label`, as a player does.
pub fn tray_click(pids: &[u32], label: &str) {
    let pids: Vec<String> = pids.iter().map(u32::to_string).collect();
    let args: Vec<&str> = ["tray-click", label]
        .into_iter()
        .chain(pids.iter().map(String::as_str))
        .collect();
    desktop(&args);
}

/// The app's window on screen (its X window id), if it has one.
pub fn main_window() -> Option<String> {
    xdotool(&["search", "--onlyvisible", "--name", "^Cynosure"])
        .lines()
        .next()
        .map(str::to_owned)
}

/// Clicks the window's close button (the window manager's close request).
pub fn close_window() {
    let window = main_window().expect("the app's window on screen");
    desktop(&["close", &window]);
}

/// Waits (up to 20 s, polling) for a tray menu item that `wanted` accepts; returns it.
pub async fn wait_for_tray_item(app: &App, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let items = tray_menu(app);
        if let Some(item) = items.iter().find(|l| wanted(l)) {
            return item.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: not in the tray menu {items:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}
