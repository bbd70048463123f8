//! Cynosure's core: everything the app knows and does, with no Tauri in sight.
//!
//! The shell (`src-tauri/src`) and the CLI call the slice functions in
//! `<slice>/commands.rs`; each returns a typed error that converts into the one
//! IPC error shape, [`IpcError`].

pub mod auth;
pub mod clock;
pub mod error;
pub mod esi;
pub mod logging;
pub mod paths;
pub mod roster;
pub mod settings;
pub mod store;

use std::sync::{Arc, RwLock};

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{ErrorCode, IpcError};
pub use paths::Paths;

use settings::models::Settings;
use store::{Db, StoreError};

/// The version of this build, from the workspace's one version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How the core is started: where its files live and what time it is.
#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Paths,
    pub clock: Arc<dyn Clock>,
}

impl Config {
    /// The configuration of an installed app: OS folders (or `CYNOSURE_DATA_DIR`) and the
    /// system clock.
    pub fn from_env() -> Result<Self, StoreError> {
        Ok(Self {
            paths: Paths::from_env()?,
            clock: Arc::new(SystemClock),
        })
    }
}

/// The running core: one per process, shared by every command.
#[derive(Debug)]
pub struct Cynosure {
    db: Db,
    paths: Paths,
    clock: Arc<dyn Clock>,
    /// The stored settings, mirrored in memory so the shell can read them synchronously
    /// (e.g. inside a window-close handler).
    settings: RwLock<Settings>,
}

impl Cynosure {
    /// Opens (creating or migrating) the SQLite mirror. Makes no network call.
    #[tracing::instrument(skip_all, fields(data_dir = %config.paths.data_dir.display()), err)]
    pub async fn open(config: Config) -> Result<Self, StoreError> {
        let db = Db::open(&config.paths, config.clock.now_ms()).await?;
        let settings = store::settings::load(&db).await?;
        Ok(Self {
            db,
            paths: config.paths,
            clock: config.clock,
            settings: RwLock::new(settings),
        })
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
        self.db.close().await;
    }
}
