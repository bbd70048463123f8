//! Which core the window talks to: the player's own, or the demo's (`--demo`, or
//! "Explore the demo" on the welcome screen). A switch opens the other core, swaps it
//! in, restarts the background work (alarms, job refresh, live polling, event
//! forwarding) for it, and closes the old one; the UI then reloads everything.

use std::sync::{Arc, RwLock};

use cynosure_core::demo::{commands::demo_open, DemoWorld, DEMO_FLAG};
use cynosure_core::tasks::{spawn_tasks, Tasks};
use cynosure_core::{Config, Cynosure, IpcError};
use tauri::{AppHandle, Manager as _};

/// The core of this moment, or why it could not start (the UI shows that error).
pub struct CoreState {
    session: RwLock<Session>,
    switching: tokio::sync::Mutex<()>,
}

struct Session {
    core: Result<Arc<Cynosure>, IpcError>,
    /// The demo's simulated EVE; `None` for the player's own data.
    world: Option<DemoWorld>,
    /// Its background work, stopped when the session is dropped.
    tasks: Option<Tasks>,
}

impl CoreState {
    /// Opens the core the command line asks for (`--demo` or the player's own).
    pub async fn open(args: &[String]) -> Self {
        let demo = args.iter().any(|a| a == DEMO_FLAG);
        let session = open_session(demo).await;
        Self {
            session: RwLock::new(session),
            switching: tokio::sync::Mutex::new(()),
        }
    }

    pub fn get(&self) -> Result<Arc<Cynosure>, IpcError> {
        self.read().core.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Session> {
        self.session.read().unwrap_or_else(|p| p.into_inner())
    }

    fn replace(&self, next: Session) -> Session {
        let mut session = self.session.write().unwrap_or_else(|p| p.into_inner());
        std::mem::replace(&mut *session, next)
    }
}

async fn open_session(demo: bool) -> Session {
    let opened = async {
        let config = Config::from_env().map_err(IpcError::from)?;
        if demo {
            let (core, world) = demo_open(&config.paths).await?;
            Ok((Arc::new(core), Some(world)))
        } else {
            let core = Cynosure::open(config).await?;
            Ok((Arc::new(core), None))
        }
    }
    .await;
    match opened {
        Ok((core, world)) => Session {
            core: Ok(core),
            world,
            tasks: None,
        },
        Err(error) => {
            let error: IpcError = error;
            tracing::error!(code = %error.code, demo, "the core did not start: {}", error.message);
            Session {
                core: Err(error),
                world: None,
                tasks: None,
            }
        }
    }
}

/// Starts the background work of the current core (once it is in place).
pub fn start(app: &AppHandle) {
    let state = app.state::<CoreState>();
    let Ok(core) = state.get() else {
        return;
    };
    let outlet = std::sync::Arc::new(crate::events::WindowOutlet(app.clone()));
    let tasks = spawn_tasks(tauri::async_runtime::handle().inner(), &core, outlet);
    state
        .session
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .tasks = Some(tasks);
    crate::window::set_title(app, core.is_demo());
}

/// Switches to the demo (`demo`) or back to the player's own data. Does nothing when
/// already there; an error opening the demo leaves the current core in place.
#[tracing::instrument(skip(app), err)]
pub async fn switch(app: &AppHandle, demo: bool) -> Result<(), IpcError> {
    let state = app.state::<CoreState>();
    let _turn = state.switching.lock().await;
    if state
        .read()
        .core
        .as_ref()
        .is_ok_and(|c| c.is_demo() == demo)
    {
        return Ok(());
    }
    let next = open_session(demo).await;
    if demo {
        if let Err(error) = &next.core {
            return Err(error.clone());
        }
    }
    let mut old = state.replace(next);
    drop(old.tasks.take());
    if let Ok(core) = old.core {
        core.close().await;
    }
    drop(old.world);
    start(app);
    crate::tray::update(app).await;
    crate::window::refresh_presence(app);
    if let Err(e) = tauri_specta::Event::emit(&crate::events::SessionChanged { demo }, app) {
        tracing::warn!(error = %e, "could not emit session-changed");
    }
    Ok(())
}

/// A second launch with `--demo` switches the running app to the demo.
pub fn second_launch(app: &AppHandle, args: &[String]) {
    crate::window::show_main(app, crate::window::Landing::Kept);
    if args.iter().any(|a| a == DEMO_FLAG) {
        let app = app.clone();
        tauri::async_runtime::spawn(async move { switch(&app, true).await });
    }
}

/// Closes the current core cleanly at exit.
pub fn close(app: &AppHandle) {
    if let Ok(core) = app.state::<CoreState>().get() {
        tauri::async_runtime::block_on(core.close());
    }
}
