//! Cynosure's core: everything the app knows and does, with no Tauri in sight.
//!
//! The shell (`src-tauri/src`) and the CLI call the slice functions in
//! `<slice>/commands.rs`; each returns a typed error that converts into the one
//! IPC error shape, [`IpcError`].

pub mod alarms;
pub mod auth;
pub mod catalog;
pub mod clock;
pub mod clones;
pub mod contracts;
pub mod demo;
pub mod doctor;
pub mod error;
pub mod esi;
pub mod events;
pub mod features;
pub mod first_paint;
pub mod industry;
pub mod logging;
pub mod markets;
pub mod names;
pub mod next;
pub mod online;
pub mod paths;
pub mod planets;
pub mod roster;
pub mod settings;
pub mod skills;
pub mod slots;
pub mod store;
pub mod sync;
pub mod tasks;
pub mod tray;

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

pub use clock::{Clock, ManualClock, SystemClock};

/// Whether run-time switches meant for tests count (`CYNOSURE_ESI_URL`,
/// `CYNOSURE_SSO_URL`, `CYNOSURE_IMAGES_URL`, `CYNOSURE_VAULT`): in debug builds and builds
/// with the `test-endpoints` feature only. A shipped app talks to EVE's own `https://`
/// hosts and keeps tokens where the keychain decides, whatever the environment says.
pub const TEST_SWITCHES: bool = cfg!(debug_assertions) || cfg!(feature = "test-endpoints");
pub use error::{ErrorCode, IpcError};
pub use paths::Paths;

use auth::{Custody, Vault, VaultChoice, VaultKind};
use esi::{EsiGate, GateConfig, GateError};
use settings::models::Settings;
use store::{Db, StoreError};

/// The version of this build, from the workspace's one version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How the core is started: where its files live, what time it is, where ESI and EVE's
/// login are, and where refresh tokens go.
#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Paths,
    pub clock: Arc<dyn Clock>,
    pub gate: GateConfig,
    pub vault: VaultChoice,
    /// Overrides the client id in Settings (`CYNOSURE_CLIENT_ID`).
    pub client_id: Option<String>,
    /// Cynosure's own EVE application ([`auth::BUILT_IN_CLIENT_ID`]), used when the
    /// player has not set up their own.
    pub built_in_client_id: Option<String>,
    pub login_timeout: Duration,
    /// The demo's core (see [`demo`]): the UI shows a DEMO badge.
    pub demo: bool,
}

impl Config {
    /// Everything in one folder, against the real ESI, with the keychain (under a service
    /// name of its own for that folder, so separate folders never share tokens).
    pub fn new(paths: Paths, clock: Arc<dyn Clock>) -> Self {
        let service = format!("{} ({})", paths::APP_IDENTIFIER, paths.data_dir.display());
        Self {
            paths,
            clock,
            gate: GateConfig::default(),
            vault: VaultChoice::Auto { service },
            client_id: None,
            built_in_client_id: auth::built_in_client_id(None, false),
            login_timeout: auth::custody::LOGIN_TIMEOUT,
            demo: false,
        }
    }

    /// The configuration of an installed app: OS folders (or `CYNOSURE_DATA_DIR`), the
    /// system clock, base URLs and client id from the environment when set.
    pub fn from_env() -> Result<Self, StoreError> {
        let custom_dir = std::env::var_os(paths::DATA_DIR_ENV).is_some_and(|d| !d.is_empty());
        let paths = Paths::from_env()?;
        let service = if custom_dir {
            format!("{} ({})", paths::APP_IDENTIFIER, paths.data_dir.display())
        } else {
            paths::APP_IDENTIFIER.to_owned()
        };
        Ok(Self {
            gate: GateConfig::from_env(),
            vault: VaultChoice::from_env(service),
            client_id: std::env::var(auth::CLIENT_ID_ENV)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
            built_in_client_id: auth::built_in_client_id(
                std::env::var(auth::BUILT_IN_CLIENT_ID_ENV).ok(),
                TEST_SWITCHES,
            ),
            ..Self::new(paths, Arc::new(SystemClock))
        })
    }
}

/// Why the core could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Gate(#[from] GateError),
}

impl ErrorCode for StartError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::Gate(e) => e.code(),
        }
    }
}

/// The running core: one per process, shared by every command.
#[derive(Debug)]
pub struct Cynosure {
    db: Db,
    paths: Paths,
    clock: Arc<dyn Clock>,
    gate: EsiGate,
    custody: Custody,
    client_id_override: Option<String>,
    built_in_client_id: Option<String>,
    events: tokio::sync::broadcast::Sender<events::CoreEvent>,
    live: sync::live::LiveEngine,
    /// The (slice, owner) runs in progress in this process.
    sync_runs: Mutex<HashSet<(sync::Slice, sync::OwnerKind, i64)>>,
    /// The stored settings, mirrored in memory so the shell can read them synchronously
    /// (e.g. inside a window-close handler).
    settings: RwLock<Settings>,
    /// A store write that failed for want of disk space, until one succeeds again.
    store_fault: Mutex<Option<IpcError>>,
    /// Ids whose names some task is asking ESI for right now.
    names_in_flight: Mutex<HashSet<i64>>,
    /// Tranquility's last status and its ETag (read with the online status).
    server_status: Mutex<Option<(online::models::ServerStatus, Option<String>)>>,
    demo: bool,
}

impl Cynosure {
    /// Opens (creating or migrating) the SQLite mirror. Makes no network call.
    #[tracing::instrument(skip_all, fields(data_dir = %config.paths.data_dir.display()), err)]
    pub async fn open(config: Config) -> Result<Self, StartError> {
        let db = Db::open(&config.paths, config.clock.now_ms()).await?;
        let settings = store::settings::load(&db).await?;
        let gate = EsiGate::new(config.gate, config.clock)?;
        gate.server_clock().restore(db.server_offset_ms().await?);
        let recorded = db.vault_record().await?;
        let vault = Vault::open(
            &config.vault,
            &config.paths.data_dir,
            recorded.as_deref().and_then(VaultKind::from_record),
        );
        if let Some(record) = vault
            .kind()
            .record()
            .filter(|r| Some(*r) != recorded.as_deref())
        {
            db.save_vault_record(record).await?;
        }
        let custody = Custody::new(vault, &gate, config.login_timeout);
        Ok(Self {
            db,
            paths: config.paths,
            clock: gate.clock(),
            gate,
            custody,
            client_id_override: config.client_id,
            built_in_client_id: config.built_in_client_id,
            events: tokio::sync::broadcast::channel(256).0,
            sync_runs: Mutex::default(),
            live: sync::live::LiveEngine::default(),
            settings: RwLock::new(settings),
            names_in_flight: Mutex::default(),
            server_status: Mutex::default(),
            store_fault: Mutex::default(),
            demo: config.demo,
        })
    }

    /// Every event the core emits from now on.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<events::CoreEvent> {
        self.events.subscribe()
    }

    pub(crate) fn emit(&self, event: events::CoreEvent) {
        // No subscriber (the CLI, a test) is fine.
        let _ = self.events.send(event);
    }

    pub(crate) fn sync_runs(&self) -> MutexGuard<'_, HashSet<(sync::Slice, sync::OwnerKind, i64)>> {
        self.sync_runs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Why new data cannot be saved right now (a full disk), if it cannot.
    pub fn store_fault(&self) -> Option<IpcError> {
        self.store_fault
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Records (or clears) the store fault; returns whether that changed anything.
    pub(crate) fn note_store_fault(&self, fault: Option<IpcError>) -> bool {
        let mut held = self.store_fault.lock().unwrap_or_else(|p| p.into_inner());
        let changed = held.is_some() != fault.is_some();
        *held = fault;
        changed
    }

    pub(crate) fn names_in_flight(&self) -> MutexGuard<'_, HashSet<i64>> {
        self.names_in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    pub fn live(&self) -> &sync::live::LiveEngine {
        &self.live
    }

    pub fn gate(&self) -> &EsiGate {
        &self.gate
    }

    pub fn custody(&self) -> &Custody {
        &self.custody
    }

    /// The EVE application's client id: `CYNOSURE_CLIENT_ID`, else Settings.
    /// The EVE application sign-ins go through: `CYNOSURE_CLIENT_ID`, else the player's
    /// own (Settings), else Cynosure's built-in one.
    pub fn client_id(&self) -> Option<String> {
        self.client_id_override
            .clone()
            .or_else(|| self.settings_snapshot().client_id)
            .or_else(|| self.built_in_client_id.clone())
    }

    /// This build has Cynosure's own EVE application.
    pub fn has_built_in_client_id(&self) -> bool {
        self.built_in_client_id.is_some()
    }

    pub fn client_id_from_env(&self) -> bool {
        self.client_id_override.is_some()
    }

    /// Tranquility's status as last read in this run.
    pub fn server_status(&self) -> Option<online::models::ServerStatus> {
        self.server_status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|(s, _)| s.clone())
    }

    /// Keeps Tranquility's status (or forgets it); returns whether it changed.
    pub(crate) fn note_server_status(
        &self,
        status: Option<(online::models::ServerStatus, Option<String>)>,
    ) -> bool {
        let mut held = self.server_status.lock().unwrap_or_else(|p| p.into_inner());
        let same = |a: &online::models::ServerStatus, b: &online::models::ServerStatus| {
            a.players == b.players && a.started_at == b.started_at && a.vip == b.vip
        };
        let changed = match (&*held, &status) {
            (Some((a, _)), Some((b, _))) => !same(a, b),
            (None, None) => false,
            _ => true,
        };
        *held = status;
        changed
    }

    pub(crate) fn server_etag(&self) -> Option<String> {
        self.server_status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .and_then(|(_, etag)| etag.clone())
    }

    /// Whether this is the demo's core.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The current settings, without touching the database.
    pub fn settings_snapshot(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn replace_settings(&self, settings: Settings) {
        *self
            .settings
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = settings;
    }

    /// Closes the database cleanly (checkpointing the WAL).
    pub async fn close(&self) {
        let offset = self.gate.server_clock().offset_ms();
        if let Err(e) = self.db.save_server_offset_ms(offset).await {
            tracing::warn!(error = %e, "could not store the clock offset");
        }
        self.db.close().await;
    }
}
