//! The SQLite mirror: one file, WAL, foreign keys on, migrations from the root
//! `migrations/`, and one repository module per slice.
//!
//! Opening is careful with a user's existing file: it is inspected read-only first;
//! a file that is not a Cynosure database, or one written by a newer schema, is
//! refused with a clear error and left byte-for-byte untouched; a file that needs
//! migrating is copied to `backups/` before the first migration runs.

pub mod accounts;
pub mod boards;
pub mod contract_items;
mod error;
pub mod memo;
pub mod names;
pub mod notified;
pub mod online;
pub mod roster;
pub mod settings;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions as _, Connection as _};

pub use error::StoreError;

use crate::paths::Paths;

static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const BACKUPS_KEPT: usize = 5;

/// The pool over the one database file.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
    memo: std::sync::Arc<memo::Memo>,
}

/// What a read-only look at an existing file found.
#[derive(Debug)]
struct Existing {
    applied: Vec<i64>,
}

impl Db {
    /// Opens the database in `paths.data_dir`, creating it if absent and migrating it if
    /// it is older than this build.
    #[tracing::instrument(skip_all, fields(path = %paths.database().display()), err)]
    pub async fn open(paths: &Paths, now_ms: i64) -> Result<Self, StoreError> {
        Self::open_with(paths, now_ms, &MIGRATOR).await
    }

    /// [`Db::open`] with a given set of migrations (tests stand in older and newer builds).
    pub(crate) async fn open_with(
        paths: &Paths,
        now_ms: i64,
        migrator: &Migrator,
    ) -> Result<Self, StoreError> {
        let path = paths.database();
        crate::paths::create_private_dir(&paths.data_dir).map_err(|source| {
            StoreError::DataDir {
                path: paths.data_dir.clone(),
                source,
            }
        })?;

        if let Some(existing) = inspect(&path, migrator).await? {
            let pending = migrator
                .iter()
                .filter(|m| !existing.applied.contains(&m.version))
                .count();
            if pending > 0 && !existing.applied.is_empty() {
                backup(&path, &paths.backups_dir(), &existing, now_ms).await?;
            }
        }

        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::from_open(&path, e))?;
        migrator.run(&pool).await?;

        let db = Self {
            pool,
            path,
            memo: Default::default(),
        };
        db.stamp_meta(now_ms).await?;
        Ok(db)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub(crate) fn memo(&self) -> &memo::Memo {
        &self.memo
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Folds the WAL into the main file and closes every connection, so the file on
    /// disk is complete by itself (for backups, copies and the next start).
    pub async fn close(&self) {
        // A checkpoint reports "busy" (without failing) while another connection still
        // reads; retry a little so the file is whole before the connections go (the last
        // one to close would otherwise checkpoint on its own thread, later).
        for _ in 0..20 {
            match sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await
            {
                Ok((0, _, _)) => break,
                Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
                Err(e) => {
                    tracing::warn!(error = %e, "WAL checkpoint on close failed");
                    break;
                }
            }
        }
        self.pool.close().await;
        // The pool's last connection closes on its own thread a moment after the pool
        // says it is closed; SQLite then removes the (empty) WAL. Wait for that, briefly,
        // so the next opener or copier meets a file that is whole by itself.
        let wal = sidecar(&self.path, "-wal");
        for _ in 0..100 {
            if !wal.exists() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }

    async fn stamp_meta(&self, now_ms: i64) -> Result<(), StoreError> {
        let version = crate::VERSION;
        let now = now_ms.to_string();
        sqlx::query!(
            "INSERT INTO meta (key, value) VALUES ('created_at', ?) ON CONFLICT (key) DO NOTHING",
            now
        )
        .execute(&self.pool)
        .await?;
        self.set_meta("last_opened_version", version).await
    }

    /// One fact about this database file (the `meta` table), if recorded.
    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar!("SELECT value FROM meta WHERE key = ?", key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query!(
            "INSERT INTO meta (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            key,
            value
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// When ESI's cached affiliation of these characters (`ids`, sorted, comma-separated)
    /// expires, as last asked.
    pub async fn affiliation_checked(&self) -> Result<Option<(String, i64)>, StoreError> {
        let ids = self.meta("affiliation_ids").await?;
        let expires = self.meta("affiliation_expires_at").await?;
        Ok(ids.zip(expires.and_then(|v| v.parse().ok())))
    }

    pub async fn save_affiliation_checked(
        &self,
        ids: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.set_meta("affiliation_ids", ids).await?;
        self.set_meta("affiliation_expires_at", &expires_at.to_string())
            .await
    }

    /// The last offset learnt between this computer's clock and EVE's servers (0 if none).
    pub async fn server_offset_ms(&self) -> Result<i64, StoreError> {
        let value = self.meta("server_offset_ms").await?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    pub async fn save_server_offset_ms(&self, offset_ms: i64) -> Result<(), StoreError> {
        self.set_meta("server_offset_ms", &offset_ms.to_string())
            .await
    }

    /// Where refresh tokens were last kept (`"keychain"` or `"file"`): a change of
    /// store is the player's choice, never a silent fallback.
    pub async fn vault_record(&self) -> Result<Option<String>, StoreError> {
        self.meta("vault").await
    }

    pub async fn save_vault_record(&self, record: &str) -> Result<(), StoreError> {
        self.set_meta("vault", record).await
    }
}

/// Looks at an existing file without writing to it. `None`: no file (or an empty one),
/// which SQLite will create.
async fn inspect(path: &Path, migrator: &Migrator) -> Result<Option<Existing>, StoreError> {
    use std::io::Read as _;

    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::DataDir {
                path: path.to_owned(),
                source,
            })
        }
        Ok(mut file) => {
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            if len == 0 {
                return Ok(None);
            }
            if file.read_exact(&mut header).is_err() || &header != SQLITE_HEADER {
                return Err(StoreError::NotADatabase {
                    path: path.to_owned(),
                });
            }
        }
    }

    // Without a WAL holding pages the main file holds everything: read it as immutable, so
    // SQLite creates no sidecar files for a look that must leave no trace. (A read-only
    // look at a WAL database otherwise creates -wal/-shm files it cannot delete again.)
    let complete = std::fs::metadata(sidecar(path, "-wal")).map_or(true, |m| m.len() == 0);
    let mut conn = read_only(path, complete).await?;
    let result = read_schema_state(&mut conn, path, migrator).await;
    let _ = conn.close().await;
    result.map(Some)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

async fn read_only(path: &Path, immutable: bool) -> Result<SqliteConnection, StoreError> {
    SqliteConnectOptions::from_str("sqlite://")
        .map_err(|e| StoreError::from_open(path, e))?
        .filename(path)
        .read_only(true)
        .immutable(immutable)
        .create_if_missing(false)
        .busy_timeout(BUSY_TIMEOUT)
        .connect()
        .await
        .map_err(|e| StoreError::from_open(path, e))
}

async fn read_schema_state(
    conn: &mut SqliteConnection,
    path: &Path,
    migrator: &Migrator,
) -> Result<Existing, StoreError> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| StoreError::from_open(path, e))?;
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        if tables.is_empty() {
            return Ok(Existing { applied: vec![] });
        }
        return Err(StoreError::NotOurs {
            path: path.to_owned(),
        });
    }

    let rows: Vec<(i64, bool, Vec<u8>)> =
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| StoreError::from_open(path, e))?;

    // Which app version last opened the file, for the error message; tolerant of a
    // schema that has no such table.
    let written_by: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'last_opened_version'")
            .fetch_optional(&mut *conn)
            .await
            .ok()
            .flatten();

    let mut applied = Vec::with_capacity(rows.len());
    for (version, success, checksum) in rows {
        match migrator.iter().find(|m| m.version == version) {
            None => {
                return Err(StoreError::SchemaTooNew {
                    found: version,
                    supported: migrator.iter().map(|m| m.version).max().unwrap_or(0),
                    written_by,
                })
            }
            Some(known) if !success || known.checksum.as_ref() != checksum.as_slice() => {
                return Err(StoreError::SchemaMismatch {
                    path: path.to_owned(),
                    version,
                })
            }
            Some(_) => applied.push(version),
        }
    }
    Ok(Existing { applied })
}

/// Copies the database (a consistent snapshot, WAL included) into `backups/` before a
/// migration, keeping the newest few copies.
async fn backup(
    path: &Path,
    backups_dir: &Path,
    existing: &Existing,
    now_ms: i64,
) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(backups_dir).map_err(|e| StoreError::Backup(e.to_string()))?;
    let schema = existing.applied.iter().max().copied().unwrap_or(0);
    let target = backups_dir.join(format!("cynosure-schema{schema}-{now_ms}.sqlite3"));
    let target_str = target
        .to_str()
        .ok_or_else(|| StoreError::Backup("backup path is not valid UTF-8".into()))?
        .to_owned();

    let mut conn = read_only(path, false).await?;
    let result = sqlx::query("VACUUM INTO ?")
        .bind(&target_str)
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
    result.map_err(|e| StoreError::Backup(e.to_string()))?;
    tracing::info!(backup = %target.display(), "backed up the database before migrating");

    prune_backups(backups_dir);
    Ok(target)
}

fn prune_backups(backups_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(backups_dir) else {
        return;
    };
    let mut backups: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("cynosure-schema")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for (_, old) in backups.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}
