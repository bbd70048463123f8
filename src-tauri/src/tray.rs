//! The tray: an icon for "some online", "none online" and "not live" (the last known
//! state, stale), a tooltip such as "2 of 5 online", and a menu (the core's `tray_menu`):
//! the next login, the jobs ready, each pilot with their training by account, then Open,
//! Refresh now, Quit. Left click toggles the window where the OS reports it.

use cynosure_core::alarms::models::NoticeView;
use cynosure_core::online::commands::{online_refresh_now, online_state};
use cynosure_core::online::models::OnlineState;
use cynosure_core::tray::models::TrayMenu;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager as _, Runtime};

use crate::events::{OpenPilot, OpenView};
use crate::window::{self, Landing};
use crate::CoreState;

const ID: &str = "main";
const JOBS_READY: &str = "jobs-ready";
/// "N more pilots…" past the core's cap: opens the window.
const MORE: &str = "more";
/// A pilot's item: `pilot-<character id>`.
const PILOT: &str = "pilot-";
/// The app icon with a status dot on its own dark tile (reads on light and dark panels);
/// on macOS, black template glyphs the menu bar tints (`icons/tray/make_templates.py`).
#[cfg(not(target_os = "macos"))]
mod art {
    pub const TEMPLATE: bool = false;
    pub const SOME_ONLINE: &[u8] = include_bytes!("../../icons/tray/some-online.png");
    pub const NONE_ONLINE: &[u8] = include_bytes!("../../icons/tray/none-online.png");
    pub const NOT_LIVE: &[u8] = include_bytes!("../../icons/tray/not-live.png");
}
#[cfg(target_os = "macos")]
mod art {
    pub const TEMPLATE: bool = true;
    pub const SOME_ONLINE: &[u8] = include_bytes!("../../icons/tray/template-some-online.png");
    pub const NONE_ONLINE: &[u8] = include_bytes!("../../icons/tray/template-none-online.png");
    pub const NOT_LIVE: &[u8] = include_bytes!("../../icons/tray/template-not-live.png");
}
use art::{NONE_ONLINE, NOT_LIVE, SOME_ONLINE};

pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    TrayIconBuilder::with_id(ID)
        .tooltip("Cynosure")
        .icon(Image::from_bytes(NOT_LIVE)?)
        .icon_as_template(art::TEMPLATE)
        .menu(&menu(app, None)?)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" | MORE => window::show_main(app, Landing::Kept),
            "refresh" => {
                if let Ok(core) = app.state::<CoreState>().get() {
                    online_refresh_now(&core);
                }
            }
            "quit" => app.exit(0),
            JOBS_READY => window::show_main(
                app,
                Landing::View(OpenView {
                    view: NoticeView::Industry,
                    ready_only: true,
                }),
            ),
            id => {
                if let Some(character_id) = id.strip_prefix(PILOT).and_then(|i| i.parse().ok()) {
                    window::show_main(app, Landing::Pilot(OpenPilot { character_id }));
                }
            }
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::toggle_main(tray.app_handle());
            }
        })
        .build(app)?;
    Ok(())
}

/// Redraws the tray from the core's online state.
pub async fn update<R: Runtime>(app: &AppHandle<R>) {
    let Ok(core) = app.state::<CoreState>().get() else {
        return;
    };
    let Ok(state) = online_state(&core).await else {
        return;
    };
    let Some(tray) = app.tray_by_id(ID) else {
        return;
    };
    let icon = match (state.live, state.online_count()) {
        (false, _) => NOT_LIVE,
        (true, 0) => NONE_ONLINE,
        (true, _) => SOME_ONLINE,
    };
    if let Ok(icon) = Image::from_bytes(icon) {
        let _ = tray.set_icon(Some(icon));
        let _ = tray.set_icon_as_template(art::TEMPLATE);
    }
    let mut text = tooltip(&state, core.now_ms());
    if core.is_demo() {
        text = text.replacen("Cynosure", "Cynosure demo", 1);
    }
    let _ = tray.set_tooltip(Some(text));
    let lines = cynosure_core::tray::commands::tray_menu(&core).await.ok();
    if let Ok(menu) = menu(app, lines.as_ref()) {
        let _ = tray.set_menu(Some(menu));
    }
}

/// "2 of 5 online", with the age of the data when it is not kept current.
pub fn tooltip(state: &OnlineState, now: i64) -> String {
    let total = state.characters.len();
    if total == 0 {
        return "Cynosure — no characters linked".into();
    }
    let mut text = format!("Cynosure — {} of {total} online", state.online_count());
    if !state.live {
        match state.as_of {
            Some(at) => {
                let minutes = (now - at).max(0) / 60_000;
                text.push_str(&match minutes {
                    0 => " (as of just now)".to_owned(),
                    m if m < 120 => format!(" (as of {m} min ago)"),
                    m => format!(" (as of {} h ago)", m / 60),
                });
            }
            None => text.push_str(" (not checked yet)"),
        }
    }
    text
}

/// Next login; the jobs ready (opens Industry on them); each pilot with their training,
/// under their account's name (opens the pilot's page), up to the core's cap and then
/// "N more pilots…"; then Open, Refresh now, Quit.
fn menu<R: Runtime>(app: &AppHandle<R>, lines: Option<&TrayMenu>) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    let item = |id: String, text: String, enabled: bool| {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    if let Some(lines) = lines {
        if let Some(next) = &lines.next {
            menu.append(&item("next".into(), format!("Next: {next}"), false)?)?;
        }
        if lines.jobs_ready > 0 {
            let text = match lines.jobs_ready {
                1 => "1 job ready".to_owned(),
                n => format!("{n} jobs ready"),
            };
            menu.append(&item(JOBS_READY.into(), text, true)?)?;
        }
        if lines.next.is_some() || lines.jobs_ready > 0 {
            menu.append(&PredefinedMenuItem::separator(app)?)?;
        }
        let grouped = lines.groups.iter().any(|g| g.account.is_some());
        for group in &lines.groups {
            if grouped {
                let name = group.account.as_deref().unwrap_or("No account");
                menu.append(&item(format!("account-{name}"), name.to_owned(), false)?)?;
            }
            for pilot in &group.pilots {
                let indent = if grouped { "   " } else { "" };
                menu.append(&item(
                    format!("{PILOT}{}", pilot.character_id),
                    format!("{indent}{}", pilot.label),
                    true,
                )?)?;
            }
        }
        if lines.more > 0 {
            let text = match lines.more {
                1 => "1 more pilot…".to_owned(),
                n => format!("{n} more pilots…"),
            };
            menu.append(&item(MORE.into(), text, true)?)?;
        }
        if !lines.groups.is_empty() {
            menu.append(&PredefinedMenuItem::separator(app)?)?;
        }
    }
    menu.append(&item("open".into(), "Open Cynosure".into(), true)?)?;
    menu.append(&item("refresh".into(), "Refresh now".into(), true)?)?;
    menu.append(&item("quit".into(), "Quit".into(), true)?)?;
    Ok(menu)
}
