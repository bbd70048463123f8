//! End-to-end tests of the real app in a real window (see `harness.rs`).

mod harness;

use std::sync::Arc;

use cynosure_core::roster::models::{AuthState, LinkedCharacter};
use cynosure_core::{Config, Cynosure, ManualClock, Paths};
use harness::App;
use tempfile::TempDir;

const NOW: i64 = 1_790_000_000_000;

async fn open_store(dir: &std::path::Path) -> Cynosure {
    let mut config = Config::new(Paths::in_dir(dir), Arc::new(ManualClock::new(NOW)));
    config.vault = cynosure_core::auth::VaultChoice::File;
    Cynosure::open(config).await.expect("open a fresh store")
}

async fn seed(dir: &std::path::Path, characters: &[(i64, &str, AuthState)]) {
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
            },
        )
        .await
        .expect("seed a character");
    }
    core.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_start_shows_the_empty_roster() {
    let data = TempDir::new().unwrap();
    // A home of its own: "start at login" writes the login item there.
    let home = TempDir::new().unwrap();
    let app =
        App::start_with_env(data.path(), &[("HOME", home.path().display().to_string())]).await;

    // The Overview is the first view: a welcome and the way to sign in.
    let text = app.text_of("[data-testid=overview-empty] h2").await;
    assert_eq!(text, "Welcome to Cynosure");
    assert_eq!(
        app.text_of("[data-testid=add-character]").await,
        "Sign in with EVE Online"
    );
    app.screenshot("welcome").await;
    app.click("[data-testid=nav-characters]").await;
    let text = app.text_of("[data-testid=roster-empty] h2").await;
    assert_eq!(text, "No characters yet");
    app.screenshot("empty-roster").await;

    // Settings says where the data is and which version this is.
    app.click("[data-testid=nav-settings]").await;
    let data_folder = app.text_of("[data-testid=your-data] dd code").await;
    assert_eq!(data_folder, data.path().display().to_string());
    let about = app.text_of("[data-testid=about]").await;
    assert!(
        about.contains(&format!("Cynosure {}", env!("CARGO_PKG_VERSION"))),
        "{about}"
    );
    app.screenshot("settings").await;

    // Start at login: an XDG autostart entry that starts Cynosure in the tray.
    let login_items = home.path().join(".config/autostart");
    let entries = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&login_items)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    assert!(entries().is_empty());
    app.click("[data-testid=start-at-login]").await;
    app.text_of("[data-testid=start-at-login]:checked").await;
    let created = entries();
    assert_eq!(created.len(), 1, "{created:?}");
    let entry = std::fs::read_to_string(&created[0]).unwrap();
    assert!(entry.contains("--autostart"), "{entry}");
    app.click("[data-testid=start-at-login]").await;
    app.text_of("[data-testid=start-at-login]:not(:checked)")
        .await;
    assert!(entries().is_empty(), "turned off: the login item is gone");
    app.quit().await;

    assert!(
        data.path().join("cynosure.sqlite3").is_file(),
        "the app created its database in CYNOSURE_DATA_DIR"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_stored_roster_is_shown_at_start() {
    let data = TempDir::new().unwrap();
    seed(
        data.path(),
        &[
            (2_112_000_001, "Aura Vexx", AuthState::Ok),
            (2_112_000_002, "Brakk Tollan", AuthState::ReauthRequired),
        ],
    )
    .await;
    let app = App::start(data.path()).await;

    let cards = app.text_of("[data-testid=overview]").await;
    assert!(cards.contains("Aura Vexx"), "{cards}");
    assert!(cards.contains("Brakk Tollan"), "{cards}");
    assert!(cards.contains("0 of 2 online"), "{cards}");
    app.screenshot("stored-overview").await;
    app.click("[data-testid=nav-characters]").await;
    let list = app.text_of("[data-testid=roster-list]").await;
    assert!(list.contains("Aura Vexx"), "{list}");
    assert!(list.contains("Brakk Tollan"), "{list}");
    assert!(
        list.contains("Sign-in needed"),
        "token health shown: {list}"
    );
    app.screenshot("stored-roster").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbage_database_gives_a_clear_error_and_is_left_untouched() {
    let data = TempDir::new().unwrap();
    let garbage = b"this is not an sqlite database, it is a grocery list".repeat(100);
    std::fs::write(data.path().join("cynosure.sqlite3"), &garbage).unwrap();
    let app = App::start(data.path()).await;

    let code = app
        .attr_of("[data-testid=overview-error]", "data-code")
        .await;
    let text = app.text_of("[data-testid=overview-error]").await;
    assert_eq!(code.as_deref(), Some("store.not_a_database"));
    assert!(text.contains("not a database file"), "{text}");
    assert!(text.contains("left it untouched"), "{text}");
    app.screenshot("garbage-database").await;
    app.quit().await;

    assert!(
        std::fs::read(data.path().join("cynosure.sqlite3")).unwrap() == garbage,
        "the file is byte-for-byte as it was"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Add a character through the UI: the core opens "the browser" (a stand-in that
/// follows EVE's redirects), the loopback listener takes the callback, the roster shows
/// the character, the keychain holds its token; then unlink it through the UI.
#[tokio::test(flavor = "multi_thread")]
async fn a_character_is_added_and_unlinked_through_the_ui() {
    const AURA: i64 = cynosure_sim::world::AURA;

    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;
    assert_eq!(app.text_of(".roster-corp").await, "Brave Industries");
    assert_eq!(app.text_of(".roster-item .badge").await, "Linked");
    app.screenshot("character-added").await;
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.route == "sso.token" && r.status == 200),
        "the code was exchanged"
    );

    // The refresh token is in the session's Secret Service, under this data folder's
    // service name, and the UI does not claim a file is used.
    let service = format!("org.cynosure.desktop ({})", data.path().display());
    let lookup = std::process::Command::new("secret-tool")
        .args(["lookup", "service", &service, "username", &AURA.to_string()])
        .output()
        .unwrap();
    assert!(
        lookup.status.success() && !lookup.stdout.is_empty(),
        "the keychain holds the token"
    );
    assert!(app
        .client
        .find(fantoccini::Locator::Css("[data-testid=vault-file]"))
        .await
        .is_err());

    // The leak scan, from the UI's side: every payload the UI can receive, the DOM, and
    // the files in the data folder.
    let mut seen = vec![app.page_source().await];
    for command in ["roster_list", "auth_status", "settings_get"] {
        seen.push(app.invoke(command).await.to_string());
    }

    app.click("[data-testid=unlink]").await;
    app.click("[data-testid=unlink-confirm]").await;
    assert_eq!(
        app.text_of("[data-testid=roster-empty] h2").await,
        "No characters yet"
    );
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.route == "sso.revoke" && r.character_id == Some(AURA)),
        "unlink revoked the token at SSO"
    );
    let lookup = std::process::Command::new("secret-tool")
        .args(["lookup", "service", &service, "username", &AURA.to_string()])
        .output()
        .unwrap();
    assert!(!lookup.status.success(), "the keychain entry is gone");
    seen.push(app.page_source().await);
    app.quit().await;

    let tokens: Vec<String> = sim
        .access_tokens_issued()
        .into_iter()
        .chain(sim.refresh_tokens_issued())
        .collect();
    assert!(!tokens.is_empty());
    for text in &seen {
        for token in &tokens {
            assert!(
                !text.contains(token.as_str()),
                "a token reached the web view"
            );
        }
    }
    for path in files_under(data.path()) {
        // A file listed a moment ago may be gone (SQLite removes its -wal/-shm files
        // as the last connection closes): what is gone holds nothing.
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        };
        for token in &tokens {
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "a token leaked into {}",
                path.display()
            );
        }
    }
}

/// A simulator on the system clock (the app's) that signs in as Aura.
async fn simulator() -> cynosure_sim::Sim {
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

/// The app's environment for a simulator: ESI, EVE's login and images on loopback, and a
/// stand-in browser.
fn sim_env(sim: &cynosure_sim::Sim) -> Vec<(&'static str, String)> {
    let base = sim.base_url().to_owned();
    vec![
        ("CYNOSURE_ESI_URL", base.clone()),
        ("CYNOSURE_SSO_URL", base.clone()),
        ("CYNOSURE_IMAGES_URL", base),
        ("CYNOSURE_CLIENT_ID", cynosure_sim::DEFAULT_CLIENT_ID.into()),
        ("CYNOSURE_OPENER", "curl -sSL -o /dev/null".into()),
    ]
}

/// Starts the app against a simulator and links Aura through the UI ("Sign in with EVE
/// Online" on the first-run Overview; the stand-in browser follows EVE's redirects to the
/// loopback listener), then goes on to Characters.
async fn app_with_aura(sim: &cynosure_sim::Sim, data: &std::path::Path) -> App {
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
    app.click("[data-testid=nav-characters]").await;
    assert_eq!(app.text_of(".roster-item .roster-name").await, "Aura Vexx");
    app
}

/// Both boards render the simulator's data; a countdown ticks; a job ending a few seconds
/// after start flips to Ready on screen with no request made for it.
#[tokio::test(flavor = "multi_thread")]
async fn the_boards_show_skills_and_jobs_and_a_job_flips_to_ready() {
    const AURA: i64 = cynosure_sim::world::AURA;
    const SOON: i64 = 500_000_099;

    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;
    // A job that ends 25 s from now (the industry board has not been read yet).
    let now = sim.clock().now_ms();
    sim.with_world(|w| {
        w.characters
            .get_mut(&AURA)
            .unwrap()
            .jobs
            .push(cynosure_sim::world::job(
                SOON,
                AURA,
                691,
                587,
                7,
                now - 3_600_000,
                now + 25_000,
            ));
    });
    app.click("[data-testid=nav-industry]").await;
    let row = format!("tr[data-job-id='{SOON}']");
    let product = app.text_of(&format!("{row} td:nth-child(3)")).await;
    assert!(
        product.contains("Rifter") && product.contains("7"),
        "{product}"
    );
    assert_eq!(
        app.attr_of(&row, "data-ready").await.as_deref(),
        Some("false")
    );
    let location = app.text_of(&format!("{row} td:nth-child(5)")).await;
    assert!(location.contains("Jita IV - Moon 4"), "{location}");
    let corp_row = app.text_of("tr[data-job-id='500000101']").await;
    assert!(corp_row.contains("Brave Industries"), "{corp_row}");
    let jobs_reads = |sim: &cynosure_sim::Sim| {
        sim.requests()
            .iter()
            .filter(|r| r.route == "esi.character_jobs")
            .count()
    };
    let reads = jobs_reads(&sim);
    assert!(reads >= 1);

    // The countdown ticks.
    let first = app.text_of(&format!("{row} .countdown")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let again = app.text_of(&format!("{row} .countdown")).await;
        if again != first {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the countdown did not move from {first}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.screenshot("industry-board").await;

    // At its end date the job shows Ready, derived on screen.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while app.attr_of(&row, "data-ready").await.as_deref() != Some("true") {
        assert!(
            std::time::Instant::now() < deadline,
            "the job never flipped to Ready"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(app.text_of(&row).await.contains("Ready"));
    assert_eq!(jobs_reads(&sim), reads, "no request was made for the flip");
    app.screenshot("industry-ready").await;

    app.click("[data-testid=nav-skills]").await;
    let training = app
        .text_of("[data-character-id='2112000001'] .training-skill")
        .await;
    assert_eq!(training, "Small Hybrid Turret IV");
    let countdown = app
        .text_of("[data-character-id='2112000001'] [data-testid=skill-countdown]")
        .await;
    assert!(countdown.contains('h'), "{countdown}");
    app.screenshot("skills-board").await;

    // The Overview sums the same boards up: Aura's card shows her training and her jobs,
    // the ready one among them.
    app.click("[data-testid=nav-overview]").await;
    let card = "[data-testid=overview] .overview-card[data-character-id='2112000001']";
    let training = app.text_of(&format!("{card} .training-skill")).await;
    assert_eq!(training, "Small Hybrid Turret IV");
    let jobs = app
        .text_of(&format!("{card} [data-testid=overview-jobs]"))
        .await;
    let counts: Vec<u32> = jobs
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        counts.len() == 2 && counts[0] + counts[1] == 3 && counts[1] >= 1,
        "three personal jobs, at least one ready: {jobs}"
    );
    let summary = app.text_of("[data-testid=overview-summary]").await;
    assert!(summary.contains("of 1 online"), "{summary}");
    assert!(summary.contains("ready"), "{summary}");
    app.screenshot("overview").await;
    app.quit().await;
}

/// A tray host (XEmbed system tray) for the test display, and pictures of it.
struct TrayHost(std::process::Child);

impl TrayHost {
    fn start() -> TrayHost {
        let child = std::process::Command::new("trayer")
            .args([
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                "--SetDockType",
                "true",
                "--transparent",
                "false",
                "--tint",
                "0xffffff",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("trayer (installed by cargo xtask test)");
        TrayHost(child)
    }

    /// The top-right corner of the screen, where trayer docks.
    fn picture(&self, name: &str) -> Vec<u8> {
        let path = harness::artifacts_dir().join(format!("{name}.png"));
        let status = std::process::Command::new("/usr/bin/import")
            .args(["-window", "root", "-crop", "160x32+1120+0"])
            .arg(&path)
            .status()
            .expect("ImageMagick import");
        assert!(status.success());
        let pixels = std::process::Command::new("/usr/bin/convert")
            .arg(&path)
            .args(["-depth", "8", "rgba:-"])
            .output()
            .expect("ImageMagick convert");
        pixels.stdout
    }
}

impl Drop for TrayHost {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Online polling stops while the window is hidden and resumes when it shows; a flip
/// changes the portrait's dot and the tray icon.
#[tokio::test(flavor = "multi_thread")]
async fn online_status_is_polled_only_while_visible_and_shown_in_the_tray() {
    const AURA: i64 = cynosure_sim::world::AURA;
    let tray = TrayHost::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;
    let online_reads = |sim: &cynosure_sim::Sim| {
        sim.requests()
            .iter()
            .filter(|r| r.route == "esi.online")
            .map(|r| r.at_ms)
            .collect::<Vec<_>>()
    };

    assert_eq!(
        app.attr_of(".roster-item .dot[data-online='online']", "data-online")
            .await
            .as_deref(),
        Some("online"),
        "Aura's portrait shows her online"
    );
    // Give the tray a moment to redraw from the same event, then picture it.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let tray_online = tray.picture("tray-some-online");

    // Hide the window (as the window manager does): the page becomes hidden and polling
    // stops at once.
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    xdotool(&["windowunmap", &window]);
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let hidden_at = sim.clock().now_ms();
    // Meanwhile Aura logs off in game.
    sim.with_world(|w| w.characters.get_mut(&AURA).unwrap().online = false);
    tokio::time::sleep(std::time::Duration::from_secs(70)).await;
    assert!(
        online_reads(&sim).iter().all(|t| *t < hidden_at),
        "no online request while hidden (more than a cache window)"
    );

    // Shown again while stale: polled at once, and the dot and the tray follow the flip.
    // Read the clock first: the app may poll before xdotool even returns.
    let shown_at = sim.clock().now_ms();
    xdotool(&["windowmap", &window]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !online_reads(&sim).iter().any(|t| *t >= shown_at) {
        assert!(
            std::time::Instant::now() < deadline,
            "no poll after the window showed again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let polled_in = online_reads(&sim)
        .into_iter()
        .find(|t| *t >= shown_at)
        .unwrap()
        - shown_at;
    assert!(polled_in <= 1_500, "polled {polled_in} ms after showing");
    assert_eq!(
        app.attr_of(".roster-item .dot[data-online='offline']", "data-online")
            .await
            .as_deref(),
        Some("offline")
    );
    app.screenshot("online-dot-offline").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let tray_offline = tray.picture("tray-none-online");
    assert!(
        tray_online != tray_offline,
        "the tray icon changed with the flip"
    );
    app.quit().await;
}

/// A notification server (dunst) on the test's D-Bus session, and `dbus-monitor`
/// recording every `Notify` call made on that bus.
struct NotificationBus {
    monitor: std::process::Child,
    dunst: std::process::Child,
    log: std::path::PathBuf,
}

/// One `org.freedesktop.Notifications.Notify` call: summary (title) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Notified {
    summary: String,
    body: String,
}

impl NotificationBus {
    fn start() -> NotificationBus {
        let log = harness::artifacts_dir().join(format!("notify-{}.log", std::process::id()));
        let monitor = std::process::Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(std::fs::File::create(&log).expect("the monitor's log"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dbus-monitor (package dbus-bin)");
        // An earlier app may have had dunst started by D-Bus activation: then this one
        // exits at once and the running one serves.
        let dunst = std::process::Command::new("dunst")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dunst (installed by cargo xtask test)");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !Self::served() {
            assert!(
                std::time::Instant::now() < deadline,
                "no notification server on the session bus"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        NotificationBus {
            monitor,
            dunst,
            log,
        }
    }

    fn served() -> bool {
        let out = std::process::Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.Notifications",
            ])
            .output()
            .expect("dbus-send");
        String::from_utf8_lossy(&out.stdout).contains("boolean true")
    }

    /// Every Notify call so far, in order.
    fn calls(&self) -> Vec<Notified> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut calls = Vec::new();
        for block in text.split("method call ").skip(1) {
            if !block.lines().next().unwrap_or("").contains("member=Notify") {
                continue;
            }
            // Arguments: app_name, replaces_id, app_icon, summary, body, actions, hints,
            // timeout; the strings are printed `string "…"` (a string may span lines).
            let mut strings = Vec::new();
            let mut open: Option<String> = None;
            for line in block.lines().skip(1) {
                match open.take() {
                    Some(mut s) => {
                        s.push('\n');
                        s.push_str(line);
                        if line.ends_with('"') {
                            strings.push(s.trim_end_matches('"').to_owned());
                        } else {
                            open = Some(s);
                        }
                    }
                    None => {
                        let t = line.trim_start();
                        if let Some(rest) = t.strip_prefix("string \"") {
                            match rest.strip_suffix('"') {
                                Some(whole) => strings.push(whole.to_owned()),
                                None => open = Some(rest.to_owned()),
                            }
                        } else if t.starts_with("array [") {
                            break;
                        }
                    }
                }
            }
            if strings.len() >= 4 {
                calls.push(Notified {
                    summary: strings[2].clone(),
                    body: strings[3].clone(),
                });
            }
        }
        calls
    }

    /// Waits for a Notify call whose summary contains `needle`.
    async fn wait_for(&self, needle: &str, within: std::time::Duration) -> Notified {
        let deadline = std::time::Instant::now() + within;
        loop {
            if let Some(found) = self
                .calls()
                .into_iter()
                .find(|c| c.summary.contains(needle))
            {
                return found;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no notification about {needle:?} within {within:?}; seen: {:?}",
                self.calls()
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}

impl Drop for NotificationBus {
    fn drop(&mut self) {
        for child in [&mut self.monitor, &mut self.dunst] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A job ending 20 s after start rings exactly once, as a native notification, with the
/// window hidden; a click on it opens the Industry board; a restart does not ring it
/// again.
#[tokio::test(flavor = "multi_thread")]
async fn a_ready_job_rings_once_as_a_desktop_notification_even_hidden() {
    const AURA: i64 = cynosure_sim::world::AURA;
    const TITLE: &str = "Job ready — Manufacturing: 77 × Antimatter Charge S";
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    // Only this test's jobs, so that nothing else rings meanwhile.
    sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().jobs.clear();
        for corp in w.corporations.values_mut() {
            corp.jobs.clear();
        }
    });
    let app = app_with_aura(&sim, data.path()).await;
    let started = sim.clock().now_ms();
    // ESI gives job times to the second.
    let ends = (started + 20_000) / 1000 * 1000;
    sim.with_world(|w| {
        let jobs = &mut w.characters.get_mut(&AURA).unwrap().jobs;
        jobs.push(cynosure_sim::world::job(
            500_000_077,
            AURA,
            1137,
            222,
            77,
            started - 3_600_000,
            ends,
        ));
        // Rings after the restart below: proof that the restarted app's alarm ran.
        jobs.push(cynosure_sim::world::job(
            500_000_078,
            AURA,
            2047,
            2046,
            5,
            started - 3_600_000,
            ends + 75_000,
        ));
    });
    // Opening the Industry board reads it; then the window is hidden.
    app.click("[data-testid=nav-industry]").await;
    app.text_of("tr[data-job-id='500000077']").await;
    app.click("[data-testid=nav-characters]").await;
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    xdotool(&["windowunmap", &window]);
    assert!(
        sim.clock().now_ms() < ends,
        "the window was hidden before the job ended"
    );

    let rung = bus
        .wait_for(TITLE, std::time::Duration::from_secs(60))
        .await;
    assert_eq!(
        rung,
        Notified {
            summary: TITLE.into(),
            body: "Aura Vexx · Jita IV - Moon 4 - Caldari Navy Assembly Plant".into(),
        }
    );
    assert!(sim.clock().now_ms() >= ends, "not before the job's end");

    // A click on the notification (dunst's default action) shows the Industry board.
    let clicked = std::process::Command::new("dunstctl")
        .args(["action", "0"])
        .status()
        .expect("dunstctl");
    assert!(clicked.success());
    assert_eq!(
        app.attr_of(
            "[data-testid=nav-industry][aria-current=page]",
            "aria-current"
        )
        .await
        .as_deref(),
        Some("page"),
        "the click opened the Industry board"
    );
    assert!(
        !xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]).is_empty(),
        "the click showed the window"
    );
    app.quit().await;

    // Restarted: the job is still on the board, ready, and stays silent; the next job
    // rings when it ends.
    let app = App::start_with_env(data.path(), &sim_env(&sim)).await;
    bus.wait_for("5 × Damage Control I", std::time::Duration::from_secs(120))
        .await;
    let about_first: Vec<Notified> = bus
        .calls()
        .into_iter()
        .filter(|c| c.summary.contains("77 × Antimatter Charge S") || c.body.contains("77 ×"))
        .collect();
    assert_eq!(about_first.len(), 1, "rung exactly once: {about_first:?}");
    app.quit().await;
}

/// Every card's portrait has loaded (the CSP lets the image server's pictures in).
const PORTRAITS_LOADED: &str = "[...document.querySelectorAll('img.portrait')].length > 0 && \
     [...document.querySelectorAll('img.portrait')].every(i => i.complete && i.naturalWidth > 0)";

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
    for _ in 0..5 {
        app.eval("window.dispatchEvent(new KeyboardEvent('keydown', { key: '=', ctrlKey: true })); return null;")
            .await;
    }
    app.wait_until(
        &format!("Math.abs(window.innerWidth - {width} / 2) < 2"),
        "the page to zoom to 200 %",
    )
    .await;
    for view in ["skills", "industry", "characters", "settings", "overview"] {
        app.eval(&format!(
            "document.querySelector('[data-testid=nav-{view}]').click(); return null;"
        ))
        .await;
        app.wait_until(
            &format!("document.querySelector('[data-testid=nav-{view}]').getAttribute('aria-current') === 'page'"),
            &format!("the {view} view"),
        )
        .await;
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

/// The smoke test `cargo xtask deb` runs against the installed package (`/usr/bin/cynosure`
/// through `CYNOSURE_E2E_APP`), with its data in `CYNOSURE_E2E_DATA_DIR` so the caller can
/// check it survives removal: first run, the demo (its simulator, sign-in, boards and
/// portraits inside the installed binary), back to the player's own data.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by `cargo xtask deb` against the installed .deb"]
async fn installed_app_smoke() {
    let temp = TempDir::new().unwrap();
    let data = std::env::var_os("CYNOSURE_E2E_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_owned());
    println!("app under test: {}", harness::app_binary().display());
    let app = App::start(&data).await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.click("[data-testid=explore-demo]").await;
    app.wait_until(
        "document.querySelectorAll('.overview-card').length === 3",
        "the demo's characters",
    )
    .await;
    app.wait_until(PORTRAITS_LOADED, "the demo's portraits")
        .await;
    app.click("[data-testid=nav-industry]").await;
    app.wait_until(
        "document.querySelector('[data-testid=industry-board]')?.textContent.includes('Rifter')",
        "the demo's jobs",
    )
    .await;
    app.screenshot("installed-industry").await;
    app.click("[data-testid=nav-settings]").await;
    let about = app.text_of("[data-testid=about]").await;
    assert!(
        about.contains(&format!("Cynosure {}", env!("CARGO_PKG_VERSION"))),
        "{about}"
    );
    app.click("[data-testid=leave-demo]").await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.quit().await;
    assert!(data.join("cynosure.sqlite3").is_file());
    assert!(data.join("demo/cynosure.sqlite3").is_file());
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

/// A tiny update feed on loopback: `latest.json` offering 99.0.0 and a download that is,
/// while `tampered` is set, not the bytes the signature was made for. Returns its base
/// URL and the paths asked for.
fn update_feed(
    tampered: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let signature = include_str!("fixtures/update-test.sig").trim().to_owned();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = asked.clone();
    let download = format!("{base}/cynosure-99.0.0.bin");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            log.lock().unwrap().push(path.clone());
            let (kind, body) = if path == "/latest.json" {
                let platform = serde_json::json!({ "signature": signature, "url": download });
                let feed = serde_json::json!({
                    "version": "99.0.0",
                    "notes": "A test release",
                    "pub_date": "2026-12-01T00:00:00Z",
                    "platforms": {
                        "linux-x86_64": platform,
                        "linux-x86_64-deb": platform,
                        "linux-x86_64-appimage": platform,
                    }
                });
                ("application/json", feed.to_string().into_bytes())
            } else if tampered.load(std::sync::atomic::Ordering::SeqCst) {
                ("application/octet-stream", b"a tampered update".to_vec())
            } else {
                ("application/octet-stream", b"the real update".to_vec())
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    (base, asked)
}

/// With an update feed set, Cynosure offers the newer version; a download whose signature
/// does not check out is refused in plain words and nothing is installed, while the signed
/// bytes pass the check.
#[tokio::test(flavor = "multi_thread")]
async fn an_update_with_a_bad_signature_is_refused() {
    let data = TempDir::new().unwrap();
    let tampered = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (feed, asked) = update_feed(tampered.clone());
    let app = App::start_with_env(
        data.path(),
        &[
            ("CYNOSURE_UPDATE_FEED", format!("{feed}/latest.json")),
            (
                "CYNOSURE_UPDATE_PUBKEY",
                include_str!("fixtures/update-test.pub").trim().to_owned(),
            ),
        ],
    )
    .await;
    let banner = app.text_of("[data-testid=update-banner]").await;
    assert!(banner.contains("Cynosure 99.0.0 is available"), "{banner}");
    app.click("[data-testid=update-install]").await;
    assert_eq!(
        app.attr_of("[data-testid=update-error]", "data-code")
            .await
            .as_deref(),
        Some("update.signature")
    );
    let error = app.text_of("[data-testid=update-error]").await;
    assert!(error.contains("Nothing was installed"), "{error}");
    assert!(
        asked
            .lock()
            .unwrap()
            .iter()
            .any(|p| p == "/cynosure-99.0.0.bin"),
        "the download was fetched and then refused: {:?}",
        asked.lock().unwrap()
    );
    // Still this version, still running.
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );

    // The bytes that were signed pass the check (so the key and signature are sound) and
    // reach the installer, which refuses them for what they are: not an app bundle.
    tampered.store(false, std::sync::atomic::Ordering::SeqCst);
    app.click("[data-testid=update-install]").await;
    app.wait_until(
        "document.querySelector('[data-testid=update-error]')?.dataset.code === 'update.install'",
        "the installer's refusal",
    )
    .await;
    app.quit().await;
}
