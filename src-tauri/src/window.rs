//! The main window: close hides it to the tray (setting), the tray and a second
//! launch bring it back.

use tauri::{AppHandle, Manager as _, Runtime, Window, WindowEvent};

use crate::CoreState;

pub const MAIN: &str = "main";

pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let close_to_tray = window
            .state::<CoreState>()
            .get()
            .map(|core| core.settings_snapshot().close_to_tray)
            .unwrap_or(false);
        if close_to_tray && window.label() == MAIN {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}
