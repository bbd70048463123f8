//! Typed events for the UI (names and payloads are in the generated bindings), fed from
//! the core's event channel.

use std::sync::atomic::{AtomicBool, Ordering};

use cynosure_core::alarms::models::Notice;
use cynosure_core::events::CoreEvent;
use cynosure_core::online::models::{OnlineChange, ServerStatus};
use cynosure_core::sync::{OwnerKind, Slice};
use cynosure_core::tasks::Outlet;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event as _;

/// What a board shows changed: the UI re-reads it (`board-updated`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct BoardUpdated {
    pub slice: Slice,
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
}

/// Some characters' online status flipped: the portraits' dots follow
/// (`online-changed`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct OnlineChanged {
    pub changes: Vec<OnlineChange>,
}

/// Tranquility's status changed, or could not be read (`status: null`)
/// (`server-status-changed`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct ServerStatusChanged {
    pub status: Option<ServerStatus>,
}

/// The shell saw the window hidden or shown. The page cannot always tell (WebKitGTK keeps
/// an unmapped page "visible"), so its clock follows this too (`window-visibility`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct WindowVisibility {
    pub visible: bool,
}

/// A notification was clicked: the UI opens this view (`open-view`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct OpenView {
    pub view: cynosure_core::alarms::models::NoticeView,
    /// Industry on the jobs ready to deliver only (the tray's "N jobs ready", a job's
    /// notification).
    pub ready_only: bool,
}

/// The tray's pilot item was clicked: the UI opens that pilot's page (`open-pilot`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct OpenPilot {
    pub character_id: i64,
}

/// The offset between this computer's clock and EVE's servers moved: the window's
/// countdowns run on server time (`server-clock-changed`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct ServerClockChanged {
    pub offset_ms: i64,
}

/// The window now talks to another core (the demo's, or the player's own again): the UI
/// reloads everything (`session-changed`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SessionChanged {
    pub demo: bool,
}

/// Keeps the tray's "as of" age current, for the life of the app.
pub fn tick_tray(app: &AppHandle) {
    let ticking = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            crate::tray::update(&ticking).await;
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        }
    });
}

/// Where the core's background work ends up: notices on screen, events in the window
/// and the tray.
pub struct WindowOutlet(pub AppHandle);

impl Outlet for WindowOutlet {
    fn notice(&self, notice: Notice) {
        crate::notify::show(&self.0, notice);
    }

    fn event(&self, event: CoreEvent) {
        let app = &self.0;
        let emitted = match event {
            CoreEvent::BoardUpdated(change) => {
                // The tray's "Next" line is read from the boards.
                redraw_tray(app);
                BoardUpdated {
                    slice: change.slice,
                    owner_kind: change.owner_kind,
                    owner_id: change.owner_id,
                }
                .emit(app)
            }
            CoreEvent::OnlineChanged(changes) => {
                redraw_tray(app);
                (OnlineChanged { changes }).emit(app)
            }
            CoreEvent::LiveChanged { .. } => {
                redraw_tray(app);
                Ok(())
            }
            CoreEvent::RosterChanged => {
                redraw_tray(app);
                Ok(())
            }
            CoreEvent::ServerClockChanged { offset_ms } => {
                ServerClockChanged { offset_ms }.emit(app)
            }
            CoreEvent::ServerStatusChanged(status) => ServerStatusChanged { status }.emit(app),
            CoreEvent::SettingsChanged => Ok(()),
        };
        if let Err(e) = emitted {
            tracing::warn!(error = %e, "could not emit an event to the window");
        }
    }
}

/// Redraws the tray soon, once for a burst of changes (a background pass updates many
/// boards at once).
fn redraw_tray(app: &AppHandle) {
    static PENDING: AtomicBool = AtomicBool::new(false);
    if PENDING.swap(true, Ordering::AcqRel) {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        PENDING.store(false, Ordering::Release);
        crate::tray::update(&app).await
    });
}
