//! The shell: wires the core to Tauri (commands, events, tray, window). It decides
//! nothing; every command is one call into `cynosure-core`.

mod bindings;
mod browser;
mod commands;
mod events;
mod notify;
mod prefs;
mod session;
mod startup;
mod tray;
mod update;
mod webkit;
mod window;

use cynosure_core::Config;

pub use bindings::export as export_bindings;
pub use session::CoreState;

pub fn run() {
    webkit::before_start();
    startup::started();
    let args: Vec<String> = std::env::args().collect();
    let _log_guard = Config::from_env()
        .ok()
        .and_then(|c| cynosure_core::logging::init(&c.paths.log_dir));

    let runtime = tokio::runtime::Runtime::new().expect("cannot start the async runtime");
    tauri::async_runtime::set(runtime.handle().clone());
    let state = runtime.block_on(CoreState::open(&args));
    startup::phase("core-opened");

    let specta = bindings::specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            session::second_launch(app, &args);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(window::STARTED_AT_LOGIN)
                .build(),
        )
        .manage(state)
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            startup::phase("setup");
            specta.mount_events(app);
            if let Err(e) = prefs::open(app.handle()) {
                tracing::warn!(error = %e, "view preferences will not be kept");
            }
            tray::create(app.handle())?;
            // Started with the session: wait in the tray, with no window until opened.
            if !args.iter().any(|a| a == window::STARTED_AT_LOGIN) {
                window::build_main(app.handle(), &window::Landing::Kept)?;
                startup::phase("window-built");
            } else {
                window::cold(app.handle());
            }
            notify::follow_clicks(app.handle());
            events::tick_tray(app.handle());
            session::start(app.handle());
            Ok(())
        })
        .on_window_event(window::on_event)
        .build(tauri::generate_context!())
        .expect("error while building the Cynosure window")
        .run(|app, event| match event {
            // The last window closed to the tray: keep running (Quit asks with a code).
            tauri::RunEvent::ExitRequested {
                code: None, api, ..
            } if window::keeps_running(app) => api.prevent_exit(),
            tauri::RunEvent::Exit => session::close(app),
            // A click on the Dock icon with no window open opens it (macOS).
            #[cfg(target_os = "macos")]
            tauri::RunEvent::Reopen { .. } => window::show_main(app, window::Landing::Kept),
            _ => {}
        });
}
