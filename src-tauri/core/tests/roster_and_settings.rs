//! The roster and settings slices through their command functions, on a real file.

use std::sync::Arc;

use cynosure_core::roster::commands::{linked_character, roster_list};
use cynosure_core::roster::models::{AuthState, LinkedCharacter};
use cynosure_core::settings::commands::{settings_get, settings_update};
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::{Config, Cynosure, IpcError, ManualClock, Paths};
use tempfile::TempDir;

const NOW: i64 = 1_790_000_000_000;

async fn open(dir: &TempDir) -> Cynosure {
    let mut config = Config::new(Paths::in_dir(dir.path()), Arc::new(ManualClock::new(NOW)));
    config.vault = cynosure_core::auth::VaultChoice::File;
    Cynosure::open(config).await.unwrap()
}

fn character(id: i64, name: &str, added_at: i64) -> LinkedCharacter {
    LinkedCharacter {
        character_id: id,
        name: name.into(),
        corporation_id: 98_000_001,
        owner_hash: format!("hash-{id}"),
        scopes: vec![
            "esi-skills.read_skills.v1".into(),
            "esi-location.read_online.v1".into(),
        ],
        auth_state: AuthState::Ok,
        added_at,
        account_id: None,
    }
}

#[tokio::test]
async fn the_roster_is_empty_at_first_and_lists_characters_in_the_order_they_were_added() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;
    assert!(roster_list(&core).await.unwrap().is_empty());

    cynosure_core::store::roster::upsert(core.db(), &character(2, "Second", NOW + 10))
        .await
        .unwrap();
    cynosure_core::store::roster::upsert(core.db(), &character(1, "First", NOW))
        .await
        .unwrap();

    let roster = roster_list(&core).await.unwrap();
    let names: Vec<&str> = roster.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["First", "Second"]);
    assert_eq!(roster[0].scopes.len(), 2);
    assert_eq!(roster[0].auth_state, AuthState::Ok);
}

#[tokio::test]
async fn relinking_keeps_when_a_character_was_first_added() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;
    cynosure_core::store::roster::upsert(core.db(), &character(1, "Old Name", NOW))
        .await
        .unwrap();
    let mut relinked = character(1, "New Name", NOW + 999);
    relinked.auth_state = AuthState::ReauthRequired;
    cynosure_core::store::roster::upsert(core.db(), &relinked)
        .await
        .unwrap();

    let stored = linked_character(&core, 1).await.unwrap();
    assert_eq!(stored.name, "New Name");
    assert_eq!(stored.auth_state, AuthState::ReauthRequired);
    assert_eq!(stored.added_at, NOW);
}

#[tokio::test]
async fn an_unknown_character_id_is_refused_with_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;

    let error: IpcError = linked_character(&core, 424242).await.unwrap_err().into();

    assert_eq!(error.code, "roster.unknown_character");
    assert_eq!(error.message, "Character 424242 is not linked to Cynosure.");
}

#[tokio::test]
async fn settings_default_then_persist_across_restarts() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;
    assert!(
        settings_get(&core).await.unwrap().close_to_tray,
        "default on"
    );

    let updated = settings_update(
        &core,
        SettingsPatch {
            close_to_tray: Some(false),
            ..SettingsPatch::default()
        },
    )
    .await
    .unwrap();
    assert!(!updated.close_to_tray);
    assert!(!core.settings_snapshot().close_to_tray, "in effect at once");
    core.close().await;

    let reopened = open(&dir).await;
    assert!(!settings_get(&reopened).await.unwrap().close_to_tray);
}

#[tokio::test]
async fn an_empty_patch_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;
    let before = settings_get(&core).await.unwrap();
    let after = settings_update(&core, SettingsPatch::default())
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn the_eve_application_settings_are_validated() {
    let dir = TempDir::new().unwrap();
    let core = open(&dir).await;
    assert_eq!(settings_get(&core).await.unwrap().client_id, None);
    assert_eq!(settings_get(&core).await.unwrap().callback_port, 8471);

    let patch = |client_id: Option<&str>, port: Option<u16>| SettingsPatch {
        client_id: client_id.map(|id| Some(id.to_owned())),
        callback_port: port,
        ..SettingsPatch::default()
    };
    let set = settings_update(
        &core,
        patch(Some(" 0123456789abcdef0123456789abcdef "), Some(9000)),
    )
    .await
    .unwrap();
    assert_eq!(
        set.client_id.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    assert_eq!(set.callback_port, 9000);

    // Bad values are refused with a clear error and change nothing.
    for bad in [
        patch(Some("id with spaces/../"), None),
        patch(None, Some(80)),
    ] {
        let e = cynosure_core::IpcError::from(settings_update(&core, bad).await.unwrap_err());
        assert_eq!(e.code, "settings.invalid");
    }
    core.close().await;
    let reopened = open(&dir).await;
    let kept = settings_get(&reopened).await.unwrap();
    assert_eq!(
        kept.client_id.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    assert_eq!(kept.callback_port, 9000);

    // An empty client id clears it.
    let cleared = settings_update(&reopened, patch(Some(""), None))
        .await
        .unwrap();
    assert_eq!(cleared.client_id, None);
}
