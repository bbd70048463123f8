//! Where Cynosure keeps its files: the OS data and log folders under the app's
//! identifier (the same folders Tauri's path resolver gives the shell), or one folder
//! named by `CYNOSURE_DATA_DIR` (tests, the demo, portable use).

use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// The app's identifier, as in `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "org.cynosure.desktop";
pub const DATA_DIR_ENV: &str = "CYNOSURE_DATA_DIR";
const DATABASE_FILE: &str = "cynosure.sqlite3";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    /// Everything inside one folder: `<dir>/cynosure.sqlite3`, `<dir>/logs/`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        let data_dir = dir.into();
        Self {
            log_dir: data_dir.join("logs"),
            data_dir,
        }
    }

    pub fn from_env() -> Result<Self, StoreError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Self::in_dir(dir));
        }
        let base = directories::BaseDirs::new().ok_or(StoreError::NoHomeDir)?;
        Ok(Self {
            data_dir: base.data_dir().join(APP_IDENTIFIER),
            log_dir: os_log_dir(&base),
        })
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }
}

#[cfg(target_os = "macos")]
fn os_log_dir(base: &directories::BaseDirs) -> PathBuf {
    base.home_dir().join("Library/Logs").join(APP_IDENTIFIER)
}

#[cfg(not(target_os = "macos"))]
fn os_log_dir(base: &directories::BaseDirs) -> PathBuf {
    base.data_local_dir().join(APP_IDENTIFIER).join("logs")
}

/// Creates a folder (and its parents) only the user can enter (`0700` on Unix): the data
/// folder holds the database and, without a keychain, the refresh tokens.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}
