//! Puts the core's notices on screen (tauri-plugin-notification). The core decides what
//! to say; a click on a notification opens the window on the notice's view.

use cynosure_core::alarms::models::{Notice, NoticeView};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt as _;

use crate::events::OpenView;
use crate::window::Landing;

const VIEW: &str = "view";

pub fn show<R: Runtime>(app: &AppHandle<R>, notice: Notice) {
    tracing::info!(kind = ?notice.kind, "notification");
    let shown = app
        .notification()
        .builder()
        .title(&notice.title)
        .body(&notice.body)
        .extra(VIEW, notice.view)
        .show();
    if let Err(e) = shown {
        tracing::warn!(error = %e, "could not show a notification");
    }
}

/// A click on a notification (where the notification server reports it) shows the window
/// on the notification's view.
pub fn follow_clicks<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let followed = app.notification().on_action(move |performed| {
        if performed.action_id() != "tap" {
            return;
        }
        let view = performed
            .notification()
            .and_then(|n| n.extra().get(VIEW).cloned())
            .and_then(|v| serde_json::from_value::<NoticeView>(v).ok());
        let landing = match view {
            // A job's notification opens the jobs ready to deliver.
            Some(view) => Landing::View(OpenView {
                view,
                ready_only: view == NoticeView::Industry,
            }),
            None => Landing::Kept,
        };
        crate::window::show_main(&handle, landing);
    });
    if let Err(e) = followed {
        tracing::warn!(error = %e, "notification clicks will not open the window");
    }
}
