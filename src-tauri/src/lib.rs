//! The shell: wires the core to Tauri (commands, events, tray, window). It decides
//! nothing; every command is one call into `cynosure-core`.

mod bindings;
mod browser;
mod commands;
mod events;
mod notify;
mod tray;
mod window;

use std::sync::Arc;

use cynosure_core::{Config, Cynosure, IpcError};
use tauri::Manager as _;

pub use bindings::export as export_bindings;

/// The core, or why it could not start (the UI shows that error instead of a roster).
pub struct CoreState(pub Result<Arc<Cynosure>, IpcError>);

impl CoreState {
    pub fn get(&self) -> Result<&Cynosure, IpcError> {
        self.0.as_deref().map_err(Clone::clone)
    }

    /// The core, shared: for commands that leave work running behind their answer.
    pub fn shared(&self) -> Result<Arc<Cynosure>, IpcError> {
        self.0.clone()
    }
}

pub fn run() {
    let config = Config::from_env();
    let _log_guard = config
        .as_ref()
        .ok()
        .and_then(|c| cynosure_core::logging::init(&c.paths.log_dir));

    let runtime = tokio::runtime::Runtime::new().expect("cannot start the async runtime");
    tauri::async_runtime::set(runtime.handle().clone());
    let core = runtime.block_on(async {
        let config = config.map_err(IpcError::from)?;
        Cynosure::open(config)
            .await
            .map(Arc::new)
            .map_err(IpcError::from)
    });
    if let Err(error) = &core {
        tracing::error!(code = %error.code, "the core did not start: {}", error.message);
    }

    let specta = bindings::specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::show_main(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(window::STARTED_AT_LOGIN)
                .build(),
        )
        .manage(CoreState(core))
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            tray::create(app.handle())?;
            window::follow_mapping(app.handle());
            if std::env::args().any(|a| a == window::STARTED_AT_LOGIN) {
                // Started with the session: wait in the tray.
                window::hide_main(app.handle());
            }
            notify::follow_clicks(app.handle());
            if let Ok(core) = app.state::<CoreState>().shared() {
                events::forward(app.handle(), &core);
                let shows = app.handle().clone();
                tauri::async_runtime::spawn(cynosure_core::alarms::commands::run(
                    core.clone(),
                    move |notice| notify::show(&shows, notice),
                ));
                tauri::async_runtime::spawn(cynosure_core::industry::background::run(core.clone()));
                tauri::async_runtime::spawn(cynosure_core::online::commands::run_live(core));
            }
            Ok(())
        })
        .on_window_event(window::on_event)
        .build(tauri::generate_context!())
        .expect("error while building the Cynosure window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Ok(core) = app.state::<CoreState>().get() {
                    tauri::async_runtime::block_on(core.close());
                }
            }
        });
}
