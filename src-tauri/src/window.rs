//! The main window: close hides it to the tray (setting), the tray and a second launch
//! bring it back. Hiding and minimising tell the live engine nobody is watching.

use cynosure_core::online::commands::{presence_window_hidden, presence_window_shown};
use tauri::{AppHandle, Manager as _, Runtime, Window, WindowEvent};
use tauri_specta::Event as _;

use crate::events::WindowVisibility;
use crate::CoreState;

pub const MAIN: &str = "main";

/// The argument the login item starts Cynosure with: the window stays in the tray.
pub const STARTED_AT_LOGIN: &str = "--autostart";

pub fn hide_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.hide();
    }
    cold(app);
}

pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    shown(app);
}

pub fn toggle_main<R: Runtime>(app: &AppHandle<R>) {
    match app.get_webview_window(MAIN) {
        Some(window) if window.is_visible().unwrap_or(false) => hide_main(app),
        Some(_) => show_main(app),
        None => {}
    }
}

/// "Cynosure", or "Cynosure — Demo".
pub fn set_title<R: Runtime>(app: &AppHandle<R>, demo: bool) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.set_title(if demo {
            "Cynosure — Demo"
        } else {
            "Cynosure"
        });
    }
}

/// Tells a newly opened core whether the window is being looked at.
pub fn refresh_presence<R: Runtime>(app: &AppHandle<R>) {
    match app.get_webview_window(MAIN) {
        Some(window) if window.is_visible().unwrap_or(false) => shown(app),
        _ => cold(app),
    }
}

/// Nobody can see the window: the live engine goes cold.
pub fn cold<R: Runtime>(app: &AppHandle<R>) {
    if let Ok(core) = app.state::<CoreState>().get() {
        presence_window_hidden(&core);
    }
    let _ = WindowVisibility { visible: false }.emit(app);
}

/// The window can be seen again.
pub fn shown<R: Runtime>(app: &AppHandle<R>) {
    if let Ok(core) = app.state::<CoreState>().get() {
        presence_window_shown(&core);
    }
    let _ = WindowVisibility { visible: true }.emit(app);
}

/// On Linux, also follow the window being mapped and unmapped (by the window manager or
/// anything else): WebKitGTK keeps the page "visible" for an unmapped window.
#[cfg(target_os = "linux")]
pub fn follow_mapping<R: Runtime>(app: &AppHandle<R>) {
    use gtk::prelude::WidgetExtManual as _;
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    let Ok(gtk_window) = window.gtk_window() else {
        return;
    };
    let on_unmap = app.clone();
    gtk_window.connect_unmap_event(move |_, _| {
        cold(&on_unmap);
        gtk::glib::Propagation::Proceed
    });
    let on_map = app.clone();
    gtk_window.connect_map_event(move |_, _| {
        shown(&on_map);
        gtk::glib::Propagation::Proceed
    });
}

#[cfg(not(target_os = "linux"))]
pub fn follow_mapping<R: Runtime>(_app: &AppHandle<R>) {}

pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    match event {
        WindowEvent::CloseRequested { api, .. } => {
            let close_to_tray = window
                .state::<CoreState>()
                .get()
                .map(|core| core.settings_snapshot().close_to_tray)
                .unwrap_or(false);
            if close_to_tray && window.label() == MAIN {
                api.prevent_close();
                let _ = window.hide();
                cold(window.app_handle());
            }
        }
        WindowEvent::Resized(_) if window.is_minimized().unwrap_or(false) => {
            cold(window.app_handle());
        }
        _ => {}
    }
}
