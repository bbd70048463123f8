//! Typed events for the UI (names and payloads are in the generated bindings), fed from
//! the core's event channel.

use cynosure_core::events::CoreEvent;
use cynosure_core::online::models::OnlineChange;
use cynosure_core::sync::OwnerKind;
use cynosure_core::Cynosure;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event as _;

/// What a board shows changed: the UI re-reads it (`board-updated`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct BoardUpdated {
    pub slice: String,
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

/// Forwards one core's events to the window (and the tray), until the task is aborted
/// or the core goes away.
pub fn forward(app: &AppHandle, core: &Cynosure) -> tauri::async_runtime::JoinHandle<()> {
    let mut events = core.subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(CoreEvent::BoardUpdated(change)) => {
                    let event = BoardUpdated {
                        slice: change.slice,
                        owner_kind: change.owner_kind,
                        owner_id: change.owner_id,
                    };
                    if let Err(e) = event.emit(&app) {
                        tracing::warn!(error = %e, "could not emit board-updated");
                    }
                }
                Ok(CoreEvent::OnlineChanged(changes)) => {
                    if let Err(e) = (OnlineChanged { changes }).emit(&app) {
                        tracing::warn!(error = %e, "could not emit online-changed");
                    }
                    crate::tray::update(&app).await;
                }
                Ok(CoreEvent::LiveChanged { .. }) => crate::tray::update(&app).await,
                Ok(CoreEvent::SettingsChanged) => {}
                Err(RecvError::Lagged(missed)) => tracing::warn!(missed, "events dropped"),
                Err(RecvError::Closed) => break,
            }
        }
    })
}
