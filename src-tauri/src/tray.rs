//! The tray: an icon for "some online", "none online" and "not live" (the last known
//! state, stale), a tooltip such as "2 of 5 online", and a menu (the core's `tray_menu`):
//! the next login, the jobs ready, each pilot with their training by account, then Open,
//! Refresh now, Quit. Left click toggles the window where the OS reports it.

use cynosure_core::alarms::models::NoticeView;
use cynosure_core::online::commands::{online_refresh_now, online_state};
use cynosure_core::online::models::OnlineState;
use cynosure_core::tray::models::TrayMenu;
use std::sync::Mutex;

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
    app.manage(Mutex::new(None::<Shown<R>>));
    TrayIconBuilder::with_id(ID)
        .tooltip("Cynosure")
        .icon(Image::from_bytes(NOT_LIVE)?)
        .icon_as_template(art::TEMPLATE)
        .menu(&build(app, &entries(None))?.0)
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
/// What the tray shows, so that an update changes only what differs: on Linux each icon
/// set writes a file for the indicator, and each new menu is a new GTK menu sent again
/// over D-Bus. Most minutes only a countdown's text moved, or nothing did.
struct Shown<R: Runtime> {
    icon: &'static [u8],
    tooltip: String,
    entries: Vec<Entry>,
    items: Vec<MenuItem<R>>,
}

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
    let mut text = tooltip(&state, core.now_ms());
    if core.is_demo() {
        text = text.replacen("Cynosure", "Cynosure demo", 1);
    }
    let lines = cynosure_core::tray::commands::tray_menu(&core).await.ok();
    let entries = entries(lines.as_ref());

    let Some(shown) = app.try_state::<Mutex<Option<Shown<R>>>>() else {
        return;
    };
    let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
    if shown.as_ref().map_or(true, |s| !std::ptr::eq(s.icon, icon)) {
        if let Ok(image) = Image::from_bytes(icon) {
            let _ = tray.set_icon(Some(image));
            let _ = tray.set_icon_as_template(art::TEMPLATE);
        }
    }
    if shown.as_ref().map_or(true, |s| s.tooltip != text) {
        let _ = tray.set_tooltip(Some(&text));
    }
    let items = match shown.take() {
        // The same lines: nothing to do. The same layout: new texts in place.
        Some(s) if s.entries == entries => Some(s.items),
        Some(s) if same_layout(&s.entries, &entries) => {
            for (item, (old, new)) in s
                .items
                .iter()
                .zip(items_of(&s.entries).zip(items_of(&entries)))
            {
                if old.text != new.text {
                    let _ = item.set_text(&new.text);
                }
            }
            Some(s.items)
        }
        _ => match build(app, &entries) {
            Ok((menu, items)) => {
                let _ = tray.set_menu(Some(menu));
                Some(items)
            }
            Err(_) => None,
        },
    };
    *shown = items.map(|items| Shown {
        icon,
        tooltip: text,
        entries,
        items,
    });
}

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

/// One line of the tray menu.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Item(Item),
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    id: String,
    text: String,
    enabled: bool,
}

fn items_of(entries: &[Entry]) -> impl Iterator<Item = &Item> {
    entries.iter().filter_map(|e| match e {
        Entry::Item(item) => Some(item),
        Entry::Separator => None,
    })
}

/// The same lines in the same places (only texts may differ).
fn same_layout(a: &[Entry], b: &[Entry]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Entry::Item(x), Entry::Item(y)) => x.id == y.id && x.enabled == y.enabled,
            (Entry::Separator, Entry::Separator) => true,
            _ => false,
        })
}

/// Next login; the jobs ready (opens Industry on them); each pilot with their training,
/// under their account's name (opens the pilot's page), up to the core's cap and then
/// "N more pilots…"; then Open, Refresh now, Quit.
fn entries(lines: Option<&TrayMenu>) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut item =
        |id: String, text: String, enabled: bool| out.push(Entry::Item(Item { id, text, enabled }));
    if let Some(lines) = lines {
        if let Some(next) = &lines.next {
            item("next".into(), format!("Next: {next}"), false);
        }
        if lines.jobs_ready > 0 {
            let text = match lines.jobs_ready {
                1 => "1 job ready".to_owned(),
                n => format!("{n} jobs ready"),
            };
            item(JOBS_READY.into(), text, true);
        }
        if lines.next.is_some() || lines.jobs_ready > 0 {
            out.push(Entry::Separator);
        }
        let grouped = lines.groups.iter().any(|g| g.account.is_some());
        for group in &lines.groups {
            if grouped {
                let name = group.account.as_deref().unwrap_or("No account");
                out.push(Entry::Item(Item {
                    id: format!("account-{name}"),
                    text: name.to_owned(),
                    enabled: false,
                }));
            }
            for pilot in &group.pilots {
                let indent = if grouped { "   " } else { "" };
                out.push(Entry::Item(Item {
                    id: format!("{PILOT}{}", pilot.character_id),
                    text: format!("{indent}{}", pilot.label),
                    enabled: true,
                }));
            }
        }
        if lines.more > 0 {
            let text = match lines.more {
                1 => "1 more pilot…".to_owned(),
                n => format!("{n} more pilots…"),
            };
            out.push(Entry::Item(Item {
                id: MORE.into(),
                text,
                enabled: true,
            }));
        }
        if !lines.groups.is_empty() {
            out.push(Entry::Separator);
        }
    }
    for (id, text) in [
        ("open", "Open Cynosure"),
        ("refresh", "Refresh now"),
        ("quit", "Quit"),
    ] {
        out.push(Entry::Item(Item {
            id: id.into(),
            text: text.into(),
            enabled: true,
        }));
    }
    out
}

/// A new menu of `entries`, with its items in order (to change their texts later).
fn build<R: Runtime>(
    app: &AppHandle<R>,
    entries: &[Entry],
) -> tauri::Result<(Menu<R>, Vec<MenuItem<R>>)> {
    let menu = Menu::new(app)?;
    let mut items = Vec::new();
    for entry in entries {
        match entry {
            Entry::Item(i) => {
                let item = MenuItem::with_id(app, &i.id, &i.text, i.enabled, None::<&str>)?;
                menu.append(&item)?;
                items.push(item);
            }
            Entry::Separator => menu.append(&PredefinedMenuItem::separator(app)?)?,
        }
    }
    Ok((menu, items))
}

#[cfg(test)]
mod tests {
    use cynosure_core::tray::models::{TrayGroup, TrayMenu, TrayPilot};

    use super::{entries, same_layout};

    fn menu(label: &str, pilots: &[i64]) -> TrayMenu {
        TrayMenu {
            next: Some("Aura Vexx — queue ends in 3h".into()),
            jobs_ready: 0,
            groups: vec![TrayGroup {
                account: None,
                pilots: pilots
                    .iter()
                    .map(|id| TrayPilot {
                        character_id: *id,
                        label: format!("● Pilot {id} — {label}"),
                    })
                    .collect(),
            }],
            more: 0,
        }
    }

    #[test]
    fn a_countdown_that_moved_changes_texts_in_place_and_a_new_line_rebuilds() {
        let before = entries(Some(&menu("3h 05m", &[1, 2])));
        let a_minute_later = entries(Some(&menu("3h 04m", &[1, 2])));
        assert_ne!(before, a_minute_later);
        assert!(same_layout(&before, &a_minute_later));

        let a_new_pilot = entries(Some(&menu("3h 04m", &[1, 2, 3])));
        assert!(!same_layout(&a_minute_later, &a_new_pilot));
        let ready = TrayMenu {
            jobs_ready: 1,
            ..menu("3h 04m", &[1, 2])
        };
        assert!(!same_layout(&a_minute_later, &entries(Some(&ready))));
        assert!(!same_layout(&entries(None), &before));
    }
}
