//! The mirror's promises about a user's file: WAL and foreign keys on, a backup before
//! any migration, and a clear refusal (with the file untouched) of a file it must not
//! touch.

use std::path::{Path, PathBuf};

use sqlx::migrate::Migrator;
use tempfile::TempDir;

use super::{Db, StoreError};
use crate::paths::Paths;

const NOW: i64 = 1_790_000_000_000;

fn repo_migrations() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations")
}

/// This build's migrations plus one more: a stand-in for the next version of Cynosure.
async fn newer_build(dir: &Path) -> Migrator {
    let migrations = dir.join("newer-migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    for entry in std::fs::read_dir(repo_migrations()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), migrations.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        migrations.join("99990101000000_from_the_future.sql"),
        "CREATE TABLE future_feature (id INTEGER PRIMARY KEY);",
    )
    .unwrap();
    Migrator::new(migrations.as_path()).await.unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_new_database_uses_wal_foreign_keys_and_a_busy_timeout() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let db = Db::open(&paths, NOW).await.unwrap();

    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert!(busy >= 1000, "busy_timeout is {busy} ms");
    assert!(paths.database().is_file());
    assert!(
        !paths.backups_dir().exists(),
        "a new database needs no backup"
    );
}

#[tokio::test]
async fn reopening_a_current_database_keeps_its_data_and_makes_no_backup() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let db = Db::open(&paths, NOW).await.unwrap();
    sqlx::query("INSERT INTO settings (key, value) VALUES ('closeToTray', 'false')")
        .execute(db.pool())
        .await
        .unwrap();
    db.close().await;

    let db = Db::open(&paths, NOW + 1).await.unwrap();
    let value: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'closeToTray'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(value, "false");
    assert!(!paths.backups_dir().exists());
}

#[tokio::test]
async fn migrating_an_existing_database_backs_it_up_first() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let db = Db::open(&paths, NOW).await.unwrap();
    sqlx::query("INSERT INTO settings (key, value) VALUES ('closeToTray', 'false')")
        .execute(db.pool())
        .await
        .unwrap();
    db.close().await;

    let newer = newer_build(dir.path()).await;
    let db = Db::open_with(&paths, NOW + 1, &newer).await.unwrap();
    sqlx::query("SELECT id FROM future_feature")
        .fetch_all(db.pool())
        .await
        .expect("the newer migration ran");
    db.close().await;

    let backups = files_in(&paths.backups_dir());
    assert_eq!(backups.len(), 1, "one backup: {backups:?}");
    let backup = paths.backups_dir().join(&backups[0]);
    let backup_paths = Paths::in_dir(dir.path().join("restore"));
    std::fs::create_dir_all(&backup_paths.data_dir).unwrap();
    std::fs::copy(&backup, backup_paths.database()).unwrap();
    let restored = Db::open(&backup_paths, NOW + 2).await.unwrap();
    let value: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'closeToTray'")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(value, "false", "the backup holds the data as it was");
    let has_future: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'future_feature'")
            .fetch_one(restored.pool())
            .await
            .unwrap();
    assert_eq!(has_future, 0, "the backup predates the migration");
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let newer = newer_build(dir.path()).await;
    let db = Db::open_with(&paths, NOW, &newer).await.unwrap();
    db.close().await;
    let before = std::fs::read(paths.database()).unwrap();
    let files_before = files_in(dir.path());

    let error = Db::open(&paths, NOW + 1).await.unwrap_err();

    assert!(
        matches!(
            error,
            StoreError::SchemaTooNew {
                found: 99990101000000,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("newer version of Cynosure"), "{message}");
    assert!(
        message.contains(crate::VERSION),
        "names the version that wrote it: {message}"
    );
    assert!(
        std::fs::read(paths.database()).unwrap() == before,
        "file untouched"
    );
    assert_eq!(
        files_in(dir.path()),
        files_before,
        "no backup, no new files"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let garbage: Vec<u8> = (0..64 * 1024u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(paths.database(), &garbage).unwrap();

    let error = Db::open(&paths, NOW).await.unwrap_err();

    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not a database file"), "{error}");
    assert!(
        std::fs::read(paths.database()).unwrap() == garbage,
        "file untouched"
    );
    assert_eq!(files_in(dir.path()), vec!["cynosure.sqlite3".to_string()]);
}

#[tokio::test]
async fn a_corrupt_file_with_an_sqlite_header_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i * 13 % 256) as u8));
    std::fs::write(paths.database(), &bytes).unwrap();

    let error = Db::open(&paths, NOW).await.unwrap_err();

    assert!(
        matches!(
            error,
            StoreError::NotADatabase { .. } | StoreError::Open { .. }
        ),
        "{error:?}"
    );
    assert!(
        std::fs::read(paths.database()).unwrap() == bytes,
        "file untouched"
    );
}

#[tokio::test]
async fn another_programs_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    {
        use sqlx::{ConnectOptions as _, Connection as _};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(paths.database())
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::query("CREATE TABLE bookmarks (url TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let before = std::fs::read(paths.database()).unwrap();

    let error = Db::open(&paths, NOW).await.unwrap_err();

    assert!(matches!(error, StoreError::NotOurs { .. }), "{error:?}");
    assert!(
        std::fs::read(paths.database()).unwrap() == before,
        "file untouched"
    );
}

#[tokio::test]
async fn errors_cross_ipc_with_a_stable_code_and_a_human_message() {
    let dir = TempDir::new().unwrap();
    let paths = Paths::in_dir(dir.path());
    std::fs::write(paths.database(), b"definitely not sqlite").unwrap();

    let error: crate::IpcError = Db::open(&paths, NOW).await.unwrap_err().into();

    assert_eq!(error.code, "store.not_a_database");
    assert!(
        !error.message.contains("Error {"),
        "no debug dump: {}",
        error.message
    );
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["code"], "store.not_a_database");
    assert!(json["message"]
        .as_str()
        .unwrap()
        .contains("left it untouched"));
}
