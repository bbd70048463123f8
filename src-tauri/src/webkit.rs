//! What a closed window leaves behind. On Linux, WebKitGTK keeps its network process for
//! the life of the web context even with no page open (tauri-apps/wry#590), and Tauri keeps
//! the context for the life of the app so that reopening does not add another one
//! (tauri-apps/tauri#14626). In a tray app that would hold a WebKit process all day for a
//! window nobody has open, so once the page's own process has gone we end the network
//! process; WebKit starts a new one when the next window loads (as a crashed one would be).
//! macOS and Windows end theirs with the last web view.

use tauri::{AppHandle, Manager as _, Runtime};

/// WebKitGTK's memory-pressure monitor: once a first page has started, a thread of the app's
/// own process reads `/proc/meminfo` every few seconds for the rest of its life, window or
/// not. Closed to the tray that was a third of the app's CPU (BENCHMARKS.md, #22). The
/// variable turns it off (and the pages' reaction to it: one small page, nothing to purge);
/// a value the player set is kept.
#[cfg(target_os = "linux")]
const NO_MEMORY_MONITOR: &str = "WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR";

/// Before anything else starts (no other thread may read the environment meanwhile).
pub fn before_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(NO_MEMORY_MONITOR).is_none() {
        std::env::set_var(NO_MEMORY_MONITOR, "1");
    }
}

/// How long a closed page's processes get to end on their own.
#[cfg(target_os = "linux")]
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

#[cfg(target_os = "linux")]
pub fn after_close<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(GRACE).await;
        // Being opened again, or opened meanwhile: its page needs them. Held until the
        // signals are sent, so no build starts in between.
        let _no_build = match crate::window::BUILDING.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return,
        };
        if app.get_webview_window(crate::window::MAIN).is_some() {
            return;
        }
        for (pid, name) in webkit_children() {
            tracing::info!(
                pid,
                name,
                "ending a WebKit process left by the closed window"
            );
            // SAFETY: a plain signal to our own child process.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn after_close<R: Runtime>(_app: &AppHandle<R>) {}

/// This process's WebKit helpers (`WebKitNetworkProcess`, `WebKitWebProcess`, …): their
/// ids and names.
#[cfg(target_os = "linux")]
fn webkit_children() -> Vec<(i32, String)> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return vec![];
    };
    let mut found = vec![];
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for pid in children
            .split_whitespace()
            .filter_map(|p| p.parse::<i32>().ok())
        {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let name = name.trim();
            if name.starts_with("WebKit") && !found.iter().any(|(p, _)| *p == pid) {
                found.push((pid, name.to_owned()));
            }
        }
    }
    found
}
