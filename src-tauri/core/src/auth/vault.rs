//! Where refresh tokens are kept: the OS keychain (Windows Credential Manager, macOS
//! Keychain, Secret Service) through `keyring`, or — where no keychain answers — a file
//! in the data folder that only the user can read. Never SQLite, settings or logs.
//!
//! Every call blocks (keychains are synchronous IPC); async callers go through
//! [`Vault::run`], which moves the work to a blocking thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::AuthError;

pub const TOKEN_FILE: &str = "refresh-tokens.json";
/// `CYNOSURE_VAULT=keychain|file|auto` (default `auto`).
pub const VAULT_ENV: &str = "CYNOSURE_VAULT";

/// Which store the user asked for (or the environment forces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultChoice {
    /// The keychain if one answers, else the file.
    Auto {
        service: String,
    },
    Keychain {
        service: String,
    },
    File,
}

impl VaultChoice {
    /// `CYNOSURE_VAULT` counts only where test switches do ([`crate::TEST_SWITCHES`]): a
    /// shipped app never moves tokens out of the keychain because the environment says so.
    pub fn from_env(service: String) -> Self {
        Self::from_var(std::env::var(VAULT_ENV).ok(), service, crate::TEST_SWITCHES)
    }

    pub fn from_var(value: Option<String>, service: String, switches: bool) -> Self {
        if value.is_some() && !switches {
            tracing::warn!(
                variable = VAULT_ENV,
                "ignored: this build chooses the token store itself"
            );
            return Self::Auto { service };
        }
        match value.as_deref() {
            Some("file") => Self::File,
            Some("keychain") => Self::Keychain { service },
            _ => Self::Auto { service },
        }
    }
}

/// Where tokens ended up, for the UI ("tokens are stored in a file").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum VaultKind {
    Keychain,
    File,
}

#[derive(Debug, Clone)]
pub struct Vault {
    store: Arc<Store>,
}

#[derive(Debug)]
enum Store {
    Keychain {
        service: String,
    },
    File {
        path: PathBuf,
        lock: std::sync::Mutex<()>,
    },
}

impl Vault {
    /// Opens the chosen store. `Auto` asks the keychain a harmless question (a lookup of
    /// an entry that does not exist) and falls back to the file if it cannot answer.
    pub fn open(choice: &VaultChoice, data_dir: &Path) -> Self {
        let file = || Store::File {
            path: data_dir.join(TOKEN_FILE),
            lock: std::sync::Mutex::new(()),
        };
        let store = match choice {
            VaultChoice::File => file(),
            VaultChoice::Keychain { service } => Store::Keychain {
                service: service.clone(),
            },
            VaultChoice::Auto { service } => match keychain_answers(service) {
                Ok(()) => Store::Keychain {
                    service: service.clone(),
                },
                Err(reason) => {
                    tracing::warn!(%reason, "no keychain answers; refresh tokens go to a file readable only by this user");
                    file()
                }
            },
        };
        Self {
            store: Arc::new(store),
        }
    }

    pub fn kind(&self) -> VaultKind {
        match *self.store {
            Store::Keychain { .. } => VaultKind::Keychain,
            Store::File { .. } => VaultKind::File,
        }
    }

    /// Runs a blocking vault operation off the async threads.
    pub async fn run<R: Send + 'static>(
        &self,
        op: impl FnOnce(&Vault) -> Result<R, AuthError> + Send + 'static,
    ) -> Result<R, AuthError> {
        let vault = self.clone();
        tokio::task::spawn_blocking(move || op(&vault))
            .await
            .map_err(|e| AuthError::Vault(format!("the vault task failed: {e}")))?
    }

    pub fn load(&self, character_id: i64) -> Result<Option<String>, AuthError> {
        match &*self.store {
            Store::Keychain { service } => match entry(service, character_id)?.get_password() {
                Ok(token) => Ok(Some(token)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(keychain_error(e)),
            },
            Store::File { path, lock } => {
                let _guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                Ok(read_file(path)?.remove(&character_id))
            }
        }
    }

    pub fn store(&self, character_id: i64, refresh_token: &str) -> Result<(), AuthError> {
        match &*self.store {
            Store::Keychain { service } => entry(service, character_id)?
                .set_password(refresh_token)
                .map_err(keychain_error),
            Store::File { path, lock } => {
                let _guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                let mut tokens = read_file(path)?;
                tokens.insert(character_id, refresh_token.to_owned());
                write_file(path, &tokens)
            }
        }
    }

    /// Removes a character's token; removing one that is not there is not an error.
    pub fn delete(&self, character_id: i64) -> Result<(), AuthError> {
        match &*self.store {
            Store::Keychain { service } => {
                match entry(service, character_id)?.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(keychain_error(e)),
                }
            }
            Store::File { path, lock } => {
                let _guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                let mut tokens = read_file(path)?;
                if tokens.remove(&character_id).is_some() {
                    write_file(path, &tokens)?;
                }
                Ok(())
            }
        }
    }
}

fn entry(service: &str, character_id: i64) -> Result<keyring::Entry, AuthError> {
    keyring::Entry::new(service, &character_id.to_string()).map_err(keychain_error)
}

/// Keychain errors carry no secret, but keep the message short and plain.
fn keychain_error(e: keyring::Error) -> AuthError {
    let reason = match e {
        keyring::Error::NoStorageAccess(_) => "the keychain is locked or refused access".into(),
        keyring::Error::PlatformFailure(inner) => format!("the keychain failed ({inner})"),
        other => other.to_string(),
    };
    AuthError::Vault(reason)
}

fn keychain_answers(service: &str) -> Result<(), String> {
    let probe = keyring::Entry::new(service, "cynosure-probe").map_err(|e| e.to_string())?;
    match probe.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Serialize, Deserialize, Default)]
struct TokenFile {
    /// Character id → refresh token.
    refresh_tokens: BTreeMap<i64, String>,
}

fn read_file(path: &Path) -> Result<BTreeMap<i64, String>, AuthError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice::<TokenFile>(&bytes)
            .map(|f| f.refresh_tokens)
            .map_err(|_| AuthError::Vault(format!("{} is damaged", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(AuthError::Vault(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

/// Writes atomically and readable only by the user: a new file of a name no one can guess
/// or plant a link at (created exclusively, `0600`), synced, renamed over the old one, and
/// the folder synced too — a power cut cannot bring back a spent refresh token.
fn write_file(path: &Path, tokens: &BTreeMap<i64, String>) -> Result<(), AuthError> {
    use std::io::Write as _;
    let io = |e: std::io::Error| AuthError::Vault(format!("cannot write {}: {e}", path.display()));
    let bytes = serde_json::to_vec_pretty(&TokenFile {
        refresh_tokens: tokens.clone(),
    })
    .map_err(|e| AuthError::Vault(e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".refresh-tokens-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    file.write_all(&bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(path).map_err(|e| io(e.error))?;
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::VaultChoice;

    #[test]
    fn a_shipped_build_never_moves_tokens_to_a_file_because_the_environment_says_so() {
        let service = || "cynosure".to_owned();
        assert!(matches!(
            VaultChoice::from_var(Some("file".into()), service(), false),
            VaultChoice::Auto { .. }
        ));
        assert!(matches!(
            VaultChoice::from_var(Some("file".into()), service(), true),
            VaultChoice::File
        ));
    }
}
