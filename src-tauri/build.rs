fn main() {
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission
    // for each, so the window's capability (tauri.conf.json) grants exactly those.
    let commands = &[
        "roster_list",
        "settings_get",
        "settings_update",
        "app_info",
        "open_log_folder",
        "autostart_get",
        "autostart_set",
        "auth_login",
        "auth_login_cancel",
        "auth_unlink",
        "auth_status",
        "skills_on_view",
        "jobs_on_view",
        "online_state",
        "presence_heartbeat",
        "presence_hidden",
        "demo_enter",
        "demo_leave",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
