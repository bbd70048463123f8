//! End-to-end tests of the real app in a real window (see `harness.rs`).

mod harness;

use std::sync::Arc;

use cynosure_core::roster::models::{AuthState, LinkedCharacter};
use cynosure_core::{Config, Cynosure, ManualClock, Paths};
use harness::App;
use tempfile::TempDir;

const NOW: i64 = 1_790_000_000_000;

async fn seed(dir: &std::path::Path, characters: &[(i64, &str, AuthState)]) {
    let core = Cynosure::open(Config {
        paths: Paths::in_dir(dir),
        clock: Arc::new(ManualClock::new(NOW)),
    })
    .await
    .expect("open a fresh store");
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
    let app = App::start(data.path()).await;

    let text = app.text_of("[data-testid=roster-empty] h2").await;
    assert_eq!(text, "No characters yet");
    app.screenshot("empty-roster").await;
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

    let code = app.attr_of("[data-testid=roster-error]", "data-code").await;
    let text = app.text_of("[data-testid=roster-error]").await;
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
