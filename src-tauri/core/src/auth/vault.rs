//! Where refresh tokens are kept: the OS keychain (Windows Credential Manager, macOS
//! Keychain, Secret Service) through `keyring`, or — only where the player chose it — a
//! file in the data folder that only the user can read. Never SQLite, settings or logs.
//!
//! The store never changes behind the player's back. When the keychain does not answer
//! (locked, or a session without one: SSH, an autostart before it is unlocked) the vault
//! says so and waits for it, asking again at most once a minute; tokens go to the file
//! only after the player chose that ([`Vault::choose`], recorded by the core). Whenever
//! the keychain answers, tokens found in the file move into it and the file goes.
//!
//! Every call blocks (keychains are synchronous IPC); async callers go through
//! [`Vault::run`], which moves the work to a blocking thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::AuthError;

pub const TOKEN_FILE: &str = "refresh-tokens.json";
/// `CYNOSURE_VAULT=keychain|file|auto` (default `auto`).
pub const VAULT_ENV: &str = "CYNOSURE_VAULT";
/// How often a keychain that did not answer is asked again.
const PROBE_EVERY: Duration = Duration::from_secs(60);

/// Which store the user asked for (or the environment forces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultChoice {
    /// The keychain; the file only where the player chose it.
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

/// Where tokens are kept now, for the UI and for the record in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum VaultKind {
    Keychain,
    /// A file only the user can read, because the player chose it.
    File,
    /// The keychain does not answer (locked, or none in this session): sign-ins and
    /// refreshes wait for it, or for the player to choose the file.
    KeychainLocked,
}

impl VaultKind {
    /// The value recorded in the database's `meta` (only the two real stores are).
    pub fn record(self) -> Option<&'static str> {
        match self {
            Self::Keychain => Some("keychain"),
            Self::File => Some("file"),
            Self::KeychainLocked => None,
        }
    }

    pub fn from_record(value: &str) -> Option<Self> {
        match value {
            "keychain" => Some(Self::Keychain),
            "file" => Some(Self::File),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Vault {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The keychain's service name; `None` when the environment forces the file.
    service: Option<String>,
    /// `VaultChoice::Auto`: the player may choose, the file's tokens move to the keychain.
    auto: bool,
    file: TokenFile,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    kind: VaultKind,
    /// When a keychain that did not answer was last asked.
    probed_at: Instant,
}

impl Vault {
    /// Opens the chosen store. `Auto` asks the keychain a harmless question (a lookup of
    /// an entry that does not exist): if it answers, the file's tokens move into it; if
    /// not, the file is used only when `recorded` says the player chose it (or a file of
    /// tokens from an earlier version is there, which that version chose silently).
    pub fn open(choice: &VaultChoice, data_dir: &Path, recorded: Option<VaultKind>) -> Self {
        let file = TokenFile {
            path: data_dir.join(TOKEN_FILE),
            lock: Mutex::new(()),
        };
        let (service, auto, kind) = match choice {
            VaultChoice::File => (None, false, VaultKind::File),
            VaultChoice::Keychain { service } => {
                (Some(service.clone()), false, VaultKind::Keychain)
            }
            VaultChoice::Auto { service } => {
                let kind = match keychain_answers(service) {
                    Ok(()) => VaultKind::Keychain,
                    Err(reason) => {
                        let chosen = recorded == Some(VaultKind::File)
                            || (recorded.is_none() && file.holds_tokens());
                        if chosen {
                            tracing::info!(%reason, "the keychain does not answer; refresh tokens stay in the file the player chose");
                            VaultKind::File
                        } else {
                            tracing::warn!(%reason, "the keychain does not answer; sign-ins wait for it");
                            VaultKind::KeychainLocked
                        }
                    }
                };
                (Some(service.clone()), true, kind)
            }
        };
        let vault = Self {
            inner: Arc::new(Inner {
                service,
                auto,
                file,
                state: Mutex::new(State {
                    kind,
                    probed_at: Instant::now(),
                }),
            }),
        };
        if kind == VaultKind::Keychain && vault.inner.auto {
            if let Err(e) = vault.import_file() {
                tracing::warn!(error = %e, "could not move the file's refresh tokens into the keychain");
            }
        }
        vault
    }

    pub fn kind(&self) -> VaultKind {
        self.state().kind
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The player's choice: the file (kept until the keychain answers at a later start),
    /// or the keychain now (its tokens move in from the file; refused while it does not
    /// answer). Returns where tokens are kept from now on.
    pub fn choose(&self, kind: VaultKind) -> Result<VaultKind, AuthError> {
        if !self.inner.auto {
            return Err(AuthError::VaultFixed);
        }
        match kind {
            VaultKind::File => {
                self.state().kind = VaultKind::File;
                tracing::info!("the player chose to keep refresh tokens in a file");
                Ok(VaultKind::File)
            }
            VaultKind::Keychain | VaultKind::KeychainLocked => {
                let service = self.service()?;
                keychain_answers(service).map_err(|_| AuthError::KeychainLocked)?;
                self.state().kind = VaultKind::Keychain;
                self.import_file()?;
                Ok(VaultKind::Keychain)
            }
        }
    }

    /// The store to use now: a keychain that did not answer is asked again (at most once
    /// a minute); when it answers, the file's tokens move into it.
    fn current(&self) -> Result<VaultKind, AuthError> {
        let recovered = {
            let mut state = self.state();
            if state.kind != VaultKind::KeychainLocked {
                return Ok(state.kind);
            }
            if state.probed_at.elapsed() < PROBE_EVERY {
                return Err(AuthError::KeychainLocked);
            }
            state.probed_at = Instant::now();
            let answers = keychain_answers(self.service()?).is_ok();
            if answers {
                state.kind = VaultKind::Keychain;
            }
            answers
        };
        if !recovered {
            return Err(AuthError::KeychainLocked);
        }
        tracing::info!("the keychain answers again");
        self.import_file()?;
        Ok(VaultKind::Keychain)
    }

    fn service(&self) -> Result<&str, AuthError> {
        self.inner.service.as_deref().ok_or(AuthError::VaultFixed)
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

    /// Fails with [`AuthError::KeychainLocked`] while the keychain does not answer and
    /// the player has not chosen the file: no token is written anywhere else meanwhile.
    pub fn ready(&self) -> Result<(), AuthError> {
        self.current().map(drop)
    }

    pub fn load(&self, character_id: i64) -> Result<Option<String>, AuthError> {
        match self.current()? {
            VaultKind::Keychain => {
                match entry(self.service()?, character_id)?.get_password() {
                    Ok(token) => Ok(Some(token)),
                    Err(keyring::Error::NoEntry) => {
                        // Another process (a CLI over SSH, with the file chosen) may have
                        // kept it in the file since this one started.
                        if self.inner.auto {
                            self.import_file()?;
                            return match entry(self.service()?, character_id)?.get_password() {
                                Ok(token) => Ok(Some(token)),
                                Err(keyring::Error::NoEntry) => Ok(None),
                                Err(e) => Err(keychain_error(e)),
                            };
                        }
                        Ok(None)
                    }
                    Err(e) => Err(keychain_error(e)),
                }
            }
            _ => self.inner.file.load(character_id),
        }
    }

    pub fn store(&self, character_id: i64, refresh_token: &str) -> Result<(), AuthError> {
        match self.current()? {
            VaultKind::Keychain => entry(self.service()?, character_id)?
                .set_password(refresh_token)
                .map_err(keychain_error),
            _ => self.inner.file.store(character_id, refresh_token),
        }
    }

    /// Removes a character's token from both stores; removing one that is not there is
    /// not an error. A keychain that does not answer while the file is in use is left
    /// (the token in it is revoked at EVE by the unlink).
    pub fn delete(&self, character_id: i64) -> Result<(), AuthError> {
        let kind = self.current()?;
        if let Some(service) = &self.inner.service {
            let removed = entry(service, character_id).and_then(|e| match e.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keychain_error(e)),
            });
            match removed {
                Err(e) if kind == VaultKind::Keychain => return Err(e),
                Err(e) => tracing::warn!(error = %e, "could not remove a token from the keychain"),
                Ok(()) => {}
            }
        }
        self.inner.file.delete(character_id)
    }

    /// Moves every token of the file into the keychain, then removes the file. The file's
    /// token wins over the keychain's: it was written later, while the keychain was away.
    fn import_file(&self) -> Result<(), AuthError> {
        let service = self.service()?;
        let _guard = self.inner.file.lock();
        let tokens = read_file(&self.inner.file.path)?;
        if tokens.is_empty() {
            return Ok(());
        }
        for (id, token) in &tokens {
            entry(service, *id)?
                .set_password(token)
                .map_err(keychain_error)?;
        }
        std::fs::remove_file(&self.inner.file.path).map_err(|e| {
            AuthError::Vault(format!(
                "cannot remove {}: {e}",
                self.inner.file.path.display()
            ))
        })?;
        tracing::info!(
            tokens = tokens.len(),
            "refresh tokens moved from the file into the keychain"
        );
        Ok(())
    }
}

/// The file store: `refresh-tokens.json` in the data folder.
#[derive(Debug)]
struct TokenFile {
    path: PathBuf,
    lock: Mutex<()>,
}

impl TokenFile {
    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn holds_tokens(&self) -> bool {
        let _guard = self.lock();
        read_file(&self.path).map_or(true, |t| !t.is_empty())
    }

    fn load(&self, character_id: i64) -> Result<Option<String>, AuthError> {
        let _guard = self.lock();
        Ok(read_file(&self.path)?.remove(&character_id))
    }

    fn store(&self, character_id: i64, refresh_token: &str) -> Result<(), AuthError> {
        let _guard = self.lock();
        let mut tokens = read_file(&self.path)?;
        tokens.insert(character_id, refresh_token.to_owned());
        write_file(&self.path, &tokens)
    }

    fn delete(&self, character_id: i64) -> Result<(), AuthError> {
        let _guard = self.lock();
        let mut tokens = read_file(&self.path)?;
        if tokens.remove(&character_id).is_some() {
            if tokens.is_empty() {
                std::fs::remove_file(&self.path).map_err(|e| {
                    AuthError::Vault(format!("cannot remove {}: {e}", self.path.display()))
                })?;
            } else {
                write_file(&self.path, &tokens)?;
            }
        }
        Ok(())
    }
}

fn entry(service: &str, character_id: i64) -> Result<keyring::Entry, AuthError> {
    keyring::Entry::new(service, &character_id.to_string()).map_err(keychain_error)
}

/// Keychain errors carry no secret, but keep the message short and plain.
fn keychain_error(e: keyring::Error) -> AuthError {
    match e {
        keyring::Error::NoStorageAccess(_) => AuthError::KeychainLocked,
        keyring::Error::PlatformFailure(inner) => {
            AuthError::Vault(format!("the keychain failed ({inner})"))
        }
        other => AuthError::Vault(other.to_string()),
    }
}

fn keychain_answers(service: &str) -> Result<(), String> {
    let probe = keyring::Entry::new(service, "cynosure-probe").map_err(|e| e.to_string())?;
    match probe.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Serialize, Deserialize, Default)]
struct TokenFileBody {
    /// Character id → refresh token.
    refresh_tokens: BTreeMap<i64, String>,
}

fn read_file(path: &Path) -> Result<BTreeMap<i64, String>, AuthError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice::<TokenFileBody>(&bytes)
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
    let bytes = serde_json::to_vec_pretty(&TokenFileBody {
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
