//! The main window, which exists only while it is open: closing it to the tray destroys
//! the window and its web view (the core, tray, alarms and notifications keep running);
//! the tray, a notification click or a second launch builds it again, and the page paints
//! the stored boards. Minimising keeps it (a minimised window comes back instantly from
//! the taskbar), but tells the live engine nobody is watching.

use std::sync::Mutex;

use cynosure_core::online::commands::{presence_window_hidden, presence_window_shown};
use tauri::{
    AppHandle, Manager as _, Runtime, WebviewUrl, WebviewWindowBuilder, Window, WindowEvent,
};
use tauri_plugin_window_state::{AppHandleExt as _, StateFlags};
use tauri_specta::Event as _;

use crate::events::{OpenPilot, OpenView, WindowVisibility};
use crate::CoreState;

pub const MAIN: &str = "main";

/// The argument the login item starts Cynosure with: no window until opened.
pub const STARTED_AT_LOGIN: &str = "--autostart";

/// Where an opening window should land: its first view is carried in the page address
/// (`#view=…`, `#pilot=…`), so a page built just now cannot miss it.
#[derive(Debug, Clone)]
pub enum Landing {
    /// Wherever the player left it.
    Kept,
    View(OpenView),
    Pilot(OpenPilot),
}

impl Landing {
    fn fragment(&self) -> String {
        match self {
            Landing::Kept => String::new(),
            Landing::View(v) => {
                let view = serde_json::to_value(v.view)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let ready = if v.ready_only { "&ready" } else { "" };
                format!("#view={view}{ready}")
            }
            Landing::Pilot(p) => format!("#pilot={}", p.character_id),
        }
    }

    /// Tells a window that is already open.
    fn emit<R: Runtime>(self, app: &AppHandle<R>) {
        let emitted = match self {
            Landing::Kept => Ok(()),
            Landing::View(v) => v.emit(app),
            Landing::Pilot(p) => p.emit(app),
        };
        if let Err(e) = emitted {
            tracing::warn!(error = %e, "could not tell the window where to go");
        }
    }
}

/// Held while the window is being built (a double click on the tray must not make two,
/// and webkit.rs must not end the processes of a page being built).
pub(crate) static BUILDING: Mutex<()> = Mutex::new(());

/// Builds the window (at start, unless started at login). Must run off the event loop
/// when the loop is already running (see `show_main`). A build already under way (a
/// second launch during start-up, a double click) is left to finish: waiting for it here
/// could wait on the event loop this runs on.
pub fn build_main<R: Runtime>(app: &AppHandle<R>, landing: &Landing) -> tauri::Result<()> {
    let _one = match BUILDING.try_lock() {
        Ok(guard) => guard,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return Ok(()),
    };
    if app.get_webview_window(MAIN).is_some() {
        landing.clone().emit(app);
        return Ok(());
    }
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    config.url = WebviewUrl::App(format!("index.html{}", landing.fragment()).into());
    let demo = app
        .state::<CoreState>()
        .get()
        .is_ok_and(|core| core.is_demo());
    tracing::info!(landing = landing.fragment(), "opening the window");
    WebviewWindowBuilder::from_config(app, &config)?
        .title(title(demo))
        .build()?;
    // The core may have switched (demo) while the window was being built.
    if let Ok(core) = app.state::<CoreState>().get() {
        set_title(app, core.is_demo());
    }
    let on_main = app.clone();
    let _ = app.run_on_main_thread(move || follow_mapping(&on_main));
    shown(app);
    Ok(())
}

/// Closes the window to the tray: the window and its web view go.
pub fn hide_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        // Kept on disk now: the next window opens where this one was.
        if let Err(e) = app.save_window_state(StateFlags::all()) {
            tracing::warn!(error = %e, "could not keep the window's place");
        }
        if let Err(e) = window.destroy() {
            tracing::warn!(error = %e, "could not close the window");
        }
    }
    cold(app);
    crate::webkit::after_close(app);
}

/// Shows the window, building it if it is closed, on `landing`'s view.
pub fn show_main<R: Runtime>(app: &AppHandle<R>, landing: Landing) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        shown(app);
        landing.emit(app);
        return;
    }
    // Building waits for the event loop, which may be the caller (a tray click): build
    // from another thread.
    crate::startup::reopening();
    let app = app.clone();
    std::thread::spawn(move || {
        if let Err(e) = build_main(&app, &landing) {
            tracing::error!(error = %e, "could not open the window");
        }
    });
}

pub fn toggle_main<R: Runtime>(app: &AppHandle<R>) {
    match app.get_webview_window(MAIN) {
        Some(window) if window.is_visible().unwrap_or(false) => hide_main(app),
        _ => show_main(app, Landing::Kept),
    }
}

fn title(demo: bool) -> &'static str {
    if demo {
        "Cynosure — Demo"
    } else {
        "Cynosure"
    }
}

/// "Cynosure", or "Cynosure — Demo".
pub fn set_title<R: Runtime>(app: &AppHandle<R>, demo: bool) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.set_title(title(demo));
    }
}

/// Whether closing the last window leaves Cynosure running in the tray.
pub fn keeps_running<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.state::<CoreState>()
        .get()
        .map(|core| core.settings_snapshot().close_to_tray)
        .unwrap_or(false)
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
/// anything else): WebKitGTK keeps the page "visible" for an unmapped window. GTK: main
/// thread only.
#[cfg(target_os = "linux")]
fn follow_mapping<R: Runtime>(app: &AppHandle<R>) {
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
fn follow_mapping<R: Runtime>(_app: &AppHandle<R>) {}

pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    match event {
        WindowEvent::CloseRequested { api, .. }
            if window.label() == MAIN && keeps_running(window.app_handle()) =>
        {
            api.prevent_close();
            hide_main(window.app_handle());
        }
        WindowEvent::Resized(_) if window.is_minimized().unwrap_or(false) => {
            cold(window.app_handle());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cynosure_core::alarms::models::NoticeView;

    #[test]
    fn a_landing_is_carried_in_the_page_address_the_ui_reads() {
        assert_eq!(Landing::Kept.fragment(), "");
        let ready = Landing::View(OpenView {
            view: NoticeView::Industry,
            ready_only: true,
        });
        assert_eq!(ready.fragment(), "#view=industry&ready");
        let trade = Landing::View(OpenView {
            view: NoticeView::Trade,
            ready_only: false,
        });
        assert_eq!(trade.fragment(), "#view=trade");
        let pilot = Landing::Pilot(OpenPilot {
            character_id: 90_000_001,
        });
        assert_eq!(pilot.fragment(), "#pilot=90000001");
    }
}
