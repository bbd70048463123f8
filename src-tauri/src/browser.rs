//! Opens EVE's login page in the system browser (never in the web view).
//!
//! `CYNOSURE_OPENER` names a command to run with the URL instead (the end-to-end tests
//! use a stand-in browser that follows the redirects, e.g. `curl -sSL -o /dev/null`) —
//! only where test switches count (`cynosure_core::TEST_SWITCHES`).

use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt as _;

/// Opens a folder in the system's file manager (Settings → Open log folder).
pub fn open_folder(app: &AppHandle, path: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(path).map_err(|e| e.to_string())?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| e.to_string())
}

pub fn open(app: &AppHandle, url: &str) -> Result<(), String> {
    if let Some(command) = std::env::var("CYNOSURE_OPENER")
        .ok()
        .filter(|c| !c.trim().is_empty() && cynosure_core::TEST_SWITCHES)
    {
        let mut words = command.split_whitespace();
        let program = words.next().unwrap_or_default();
        let mut child = std::process::Command::new(program)
            .args(words)
            .arg(url)
            .spawn()
            .map_err(|e| format!("{program}: {e}"))?;
        std::thread::spawn(move || child.wait());
        return Ok(());
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| e.to_string())
}
