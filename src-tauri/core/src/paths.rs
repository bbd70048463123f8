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
            data_dir: os_data_dir(&base),
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

/// Windows: the local profile (`%LOCALAPPDATA%`), never the roaming one, which a domain
/// copies to other machines and servers — it may hold the token file. A folder an earlier
/// version left in the roaming profile moves over first.
#[cfg(windows)]
fn os_data_dir(base: &directories::BaseDirs) -> PathBuf {
    let local = base.data_local_dir().join(APP_IDENTIFIER);
    let roaming = base.data_dir().join(APP_IDENTIFIER);
    if let Err(e) = move_folder(&roaming, &local) {
        tracing::warn!(error = %e, "could not move the data folder out of the roaming profile");
    }
    local
}

#[cfg(not(windows))]
fn os_data_dir(base: &directories::BaseDirs) -> PathBuf {
    base.data_dir().join(APP_IDENTIFIER)
}

/// Moves what `old` holds into `new` (which is created for the user alone), unless `new`
/// already has a database: then `old` is someone else's business and stays. Renames where
/// it can, copies and deletes across drives. Returns whether anything moved.
pub fn move_folder(old: &Path, new: &Path) -> std::io::Result<bool> {
    if !old.join(DATABASE_FILE).exists() || new.join(DATABASE_FILE).exists() {
        return Ok(false);
    }
    create_private_dir(new)?;
    move_entries(old, new)?;
    // Left only if something in it could not move (it is reported, not lost).
    let _ = std::fs::remove_dir(old);
    Ok(true)
}

fn move_entries(old: &Path, new: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(old)? {
        let entry = entry?;
        let to = new.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            create_private_dir(&to)?;
            move_entries(&entry.path(), &to)?;
            std::fs::remove_dir(entry.path())?;
        } else if std::fs::rename(entry.path(), &to).is_err() {
            std::fs::copy(entry.path(), &to)?;
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_left_in_the_roaming_profile_moves_whole_to_the_local_one() {
        let profile = tempfile::tempdir().unwrap();
        let roaming = profile.path().join("Roaming").join(APP_IDENTIFIER);
        let local = profile.path().join("Local").join(APP_IDENTIFIER);
        std::fs::create_dir_all(roaming.join("backups")).unwrap();
        std::fs::write(roaming.join(DATABASE_FILE), b"db").unwrap();
        std::fs::write(roaming.join("refresh-tokens.json"), b"tokens").unwrap();
        std::fs::write(roaming.join("backups").join("old.sqlite3"), b"backup").unwrap();

        assert!(move_folder(&roaming, &local).unwrap());
        assert_eq!(std::fs::read(local.join(DATABASE_FILE)).unwrap(), b"db");
        assert_eq!(
            std::fs::read(local.join("refresh-tokens.json")).unwrap(),
            b"tokens"
        );
        assert_eq!(
            std::fs::read(local.join("backups").join("old.sqlite3")).unwrap(),
            b"backup"
        );
        assert!(!roaming.exists(), "nothing stays in the roaming profile");
        // Once moved, a second start moves nothing.
        assert!(!move_folder(&roaming, &local).unwrap());
    }

    #[test]
    fn a_local_folder_in_use_is_never_overwritten() {
        let profile = tempfile::tempdir().unwrap();
        let roaming = profile.path().join("Roaming");
        let local = profile.path().join("Local");
        for (dir, what) in [(&roaming, "old"), (&local, "current")] {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(DATABASE_FILE), what).unwrap();
        }
        assert!(!move_folder(&roaming, &local).unwrap());
        assert_eq!(
            std::fs::read(local.join(DATABASE_FILE)).unwrap(),
            b"current"
        );
        assert_eq!(std::fs::read(roaming.join(DATABASE_FILE)).unwrap(), b"old");
    }
}
