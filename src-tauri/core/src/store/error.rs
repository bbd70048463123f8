use std::path::PathBuf;

use crate::error::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Cynosure could not find your home folder to keep its data in. Set CYNOSURE_DATA_DIR to a folder it may use.")]
    NoHomeDir,

    #[error("The data folder {} cannot be used: {source}.", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{} is not a database file. Cynosure left it untouched: move it away (or point CYNOSURE_DATA_DIR elsewhere) and start again.", path.display())]
    NotADatabase { path: PathBuf },

    #[error("{} is a database of another program. Cynosure left it untouched: move it away (or point CYNOSURE_DATA_DIR elsewhere) and start again.", path.display())]
    NotOurs { path: PathBuf },

    #[error("Your data was saved by a newer version of Cynosure{}. It was left untouched: update Cynosure to open it.", written_by.as_deref().map(|v| format!(" ({v})")).unwrap_or_default())]
    SchemaTooNew {
        found: i64,
        supported: i64,
        written_by: Option<String>,
    },

    #[error("The database {} was changed outside Cynosure (schema step {version} does not match). It was left untouched.", path.display())]
    SchemaMismatch { path: PathBuf, version: i64 },

    #[error("Could not back up your data before upgrading it, so it was not upgraded: {0}.")]
    Backup(String),

    #[error("Could not upgrade your data: {0}.")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    #[error("Could not open the database {}: {detail}.", path.display())]
    Open { path: PathBuf, detail: String },

    #[error("The disk is full, so Cynosure cannot save what it fetched. What you see is the last saved copy; it catches up by itself once there is room.")]
    DiskFull,

    #[error("The local database failed: {0}.")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if is_disk_full(&e) {
            Self::DiskFull
        } else {
            Self::Database(e)
        }
    }
}

/// SQLITE_FULL (13, and its extended codes), or the OS saying so.
fn is_disk_full(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|c| c.parse::<i64>().ok())
            .is_some_and(|c| c & 0xff == 13),
        sqlx::Error::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    }
}

impl StoreError {
    pub(crate) fn from_open(path: &std::path::Path, error: sqlx::Error) -> Self {
        let detail = match &error {
            sqlx::Error::Database(db) => db.message().to_owned(),
            other => other.to_string(),
        };
        // SQLITE_NOTADB (26): the header looked right but the file is not a database.
        if detail.contains("file is not a database") {
            return Self::NotADatabase {
                path: path.to_owned(),
            };
        }
        Self::Open {
            path: path.to_owned(),
            detail,
        }
    }
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            Self::NoHomeDir => "store.no_home_dir",
            Self::DataDir { .. } => "store.data_dir",
            Self::NotADatabase { .. } => "store.not_a_database",
            Self::NotOurs { .. } => "store.not_ours",
            Self::SchemaTooNew { .. } => "store.schema_too_new",
            Self::SchemaMismatch { .. } => "store.schema_mismatch",
            Self::Backup(_) => "store.backup_failed",
            Self::Migrate(_) => "store.migration_failed",
            Self::Open { .. } => "store.open_failed",
            Self::DiskFull => "store.disk_full",
            Self::Database(_) => "store.database",
        }
    }
}
