//! The tray: an icon for "some online", "none online" and "not live" (the last known
//! state, stale), a tooltip such as "2 of 5 online", and a menu listing the characters,
//! then Open, Refresh now, Quit. Left click toggles the window where the OS reports it.

use cynosure_core::online::commands::{online_refresh_now, online_state};
use cynosure_core::online::models::OnlineState;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager as _, Runtime};

use crate::{window, CoreState};

const ID: &str = "main";
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
        .menu(&menu(app, None, None)?)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => window::show_main(app),
            "refresh" => {
                if let Ok(core) = app.state::<CoreState>().get() {
                    online_refresh_now(&core);
                }
            }
            "quit" => app.exit(0),
            _ => {}
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
    // The first "Next" line: which login is due soonest.
    let next = cynosure_core::next::commands::next_view(&core)
        .await
        .ok()
        .and_then(|v| v.lines.into_iter().next())
        .map(|l| l.text);
    if let Ok(menu) = menu(app, Some(&state), next.as_deref()) {
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

fn menu<R: Runtime>(
    app: &AppHandle<R>,
    state: Option<&OnlineState>,
    next: Option<&str>,
) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    if let Some(next) = next {
        menu.append(&MenuItem::with_id(
            app,
            "next",
            format!("Next: {next}"),
            false,
            None::<&str>,
        )?)?;
        menu.append(&PredefinedMenuItem::separator(app)?)?;
    }
    if let Some(state) = state {
        for c in &state.characters {
            let mark = match c.online {
                Some(true) => "●",
                Some(false) => "○",
                None => "?",
            };
            let label = format!("{mark} {}", c.name);
            let item = MenuItem::with_id(
                app,
                format!("character-{}", c.character_id),
                label,
                false,
                None::<&str>,
            )?;
            menu.append(&item)?;
        }
        if !state.characters.is_empty() {
            menu.append(&PredefinedMenuItem::separator(app)?)?;
        }
    }
    menu.append(&MenuItem::with_id(
        app,
        "open",
        "Open Cynosure",
        true,
        None::<&str>,
    )?)?;
    menu.append(&MenuItem::with_id(
        app,
        "refresh",
        "Refresh now",
        true,
        None::<&str>,
    )?)?;
    menu.append(&MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?)?;
    Ok(menu)
}
