//! The roster: a first start (the welcome, Settings, start at login), a stored roster shown
//! at start, a garbage database refused and left untouched, and a character signed in and
//! unlinked through the UI (keychain, revocation, no token in the web view or the files).

use cynosure_core::roster::models::AuthState;
use cynosure_testkit::{bytes_contain, contents_under};
use tempfile::TempDir;

use crate::harness::App;
use crate::support::{app_with_aura, seed, simulator};

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
    // A badge only for what needs the player: none on a linked character.
    assert!(app
        .client
        .find(fantoccini::Locator::Css(".roster-item .badge"))
        .await
        .is_err());
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
    // A file gone since it was listed (SQLite's -wal/-shm) holds nothing: passed over.
    for (path, bytes) in contents_under(data.path()) {
        for token in &tokens {
            assert!(
                !bytes_contain(&bytes, token),
                "a token leaked into {}",
                path.display()
            );
        }
    }
}
