//! Tauri commands: each parses its arguments, calls one core function and maps the
//! error to the one IPC shape. Spans live on the core functions.

use cynosure_core::auth::{self, models::AuthStatus, models::LoginOutcome, models::UnlinkOutcome};
use cynosure_core::clones::{self, models::ClonesView};
use cynosure_core::contracts::{
    self,
    models::{ContractItems, ContractsView},
};
use cynosure_core::features::{self, models::FeatureState, Feature};
use cynosure_core::industry::{self, models::JobsView};
use cynosure_core::markets::{self, models::OrdersView};
use cynosure_core::next::{self, models::NextView};
use cynosure_core::online::{self, models::OnlineState};
use cynosure_core::planets::{self, models::PlanetsView};
use cynosure_core::roster::{self, models::Account, models::RosterEntry};
use cynosure_core::settings::{self, models::AppInfo, models::Settings, models::SettingsPatch};
use cynosure_core::skills::{self, models::SkillsView};
use cynosure_core::slots::{self, models::SlotsView};
use cynosure_core::IpcError;
use tauri::{AppHandle, State};

use crate::CoreState;

#[tauri::command]
#[specta::specta]
pub async fn roster_list(state: State<'_, CoreState>) -> Result<Vec<RosterEntry>, IpcError> {
    Ok(roster::commands::roster_on_view(&state.get()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, CoreState>) -> Result<Settings, IpcError> {
    Ok(settings::commands::settings_get(&*state.get()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_update(
    state: State<'_, CoreState>,
    patch: SettingsPatch,
) -> Result<Settings, IpcError> {
    Ok(settings::commands::settings_update(&*state.get()?, patch).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, CoreState>) -> Result<AppInfo, IpcError> {
    Ok(settings::commands::app_info(&*state.get()?))
}

/// What the window needs before it paints, in one round trip: its own preferences (last
/// view, filters, sort, columns, zoom, folded sections: key → JSON value) and,
/// when the core is open, what the first view shows (`first: null` otherwise: the views
/// then ask for themselves and show why they cannot).
#[derive(serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    pub prefs: std::collections::BTreeMap<String, serde_json::Value>,
    pub first: Option<cynosure_core::first_paint::models::FirstPaint>,
}

#[tauri::command]
#[specta::specta]
pub async fn startup(app: AppHandle, state: State<'_, CoreState>) -> Result<Startup, IpcError> {
    crate::startup::phase("page-asked");
    let prefs = crate::prefs::get(&app).unwrap_or_default();
    let first = match state.get() {
        Ok(core) => cynosure_core::first_paint::commands::first_paint(&core)
            .await
            .inspect_err(|e| tracing::warn!(code = %e.code, "the first paint is read view by view"))
            .ok(),
        Err(_) => None,
    };
    crate::startup::phase("page-answered");
    Ok(Startup { prefs, first })
}

/// Whether anything the views show was stored since the start-up answer (`first.stored`).
#[tauri::command]
#[specta::specta]
pub async fn startup_outdated(state: State<'_, CoreState>, stored: i64) -> Result<bool, IpcError> {
    cynosure_core::first_paint::commands::changed_since(&*state.get()?, stored).await
}

/// Keeps one of the window's preferences.
#[tauri::command]
#[specta::specta]
pub async fn ui_prefs_set(
    app: AppHandle,
    key: String,
    value: serde_json::Value,
) -> Result<(), IpcError> {
    crate::prefs::set(&app, &key, value)
}

/// Shows the log folder in the system's file manager.
#[tauri::command]
#[specta::specta]
pub async fn open_log_folder(app: AppHandle, state: State<'_, CoreState>) -> Result<(), IpcError> {
    let dir = state.get()?.paths().log_dir.clone();
    crate::browser::open_folder(&app, &dir).map_err(|e| {
        tracing::warn!(error = %e, "could not open the log folder");
        IpcError::new(
            "app.open_folder",
            format!(
                "Cynosure could not open the log folder. It is {}.",
                dir.display()
            ),
        )
    })
}

/// Opens EVE's developer site (where a player registers their own EVE application) in
/// the system browser.
#[tauri::command]
#[specta::specta]
pub async fn open_developers_site(app: AppHandle) -> Result<(), IpcError> {
    crate::browser::open(&app, auth::DEVELOPERS_SITE).map_err(|e| {
        tracing::warn!(error = %e, "could not open the developer site");
        IpcError::new(
            "app.open_url",
            format!(
                "Cynosure could not open your browser. The address is {}.",
                auth::DEVELOPERS_SITE
            ),
        )
    })
}

/// Whether Cynosure starts when the user logs in (the OS's login items hold the truth).
#[tauri::command]
#[specta::specta]
pub async fn autostart_get(app: AppHandle) -> Result<bool, IpcError> {
    use tauri_plugin_autostart::ManagerExt as _;
    app.autolaunch().is_enabled().map_err(autostart_error)
}

#[tauri::command]
#[specta::specta]
pub async fn autostart_set(app: AppHandle, enabled: bool) -> Result<bool, IpcError> {
    use tauri_plugin_autostart::ManagerExt as _;
    let login_items = app.autolaunch();
    if enabled {
        login_items.enable()
    } else {
        login_items.disable()
    }
    .and_then(|()| login_items.is_enabled())
    .map_err(autostart_error)
}

fn autostart_error(e: tauri_plugin_autostart::Error) -> IpcError {
    tracing::warn!(error = %e, "start at login");
    IpcError::new(
        "app.autostart",
        "Cynosure could not change whether it starts when you log in.",
    )
}

/// Signs a character in through the system browser; resolves when the sign-in ends.
#[tauri::command]
#[specta::specta]
pub async fn auth_login(
    app: AppHandle,
    state: State<'_, CoreState>,
) -> Result<LoginOutcome, IpcError> {
    Ok(auth::commands::auth_login(&*state.get()?, |url| crate::browser::open(&app, url)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_login_cancel(state: State<'_, CoreState>) -> Result<bool, IpcError> {
    Ok(auth::commands::auth_login_cancel(&*state.get()?))
}

#[tauri::command]
#[specta::specta]
pub async fn auth_unlink(
    state: State<'_, CoreState>,
    character_id: i64,
) -> Result<UnlinkOutcome, IpcError> {
    Ok(auth::commands::auth_unlink(&*state.get()?, character_id).await?)
}

/// Where sign-in tokens are kept: the player's choice of the file (while the keychain
/// does not answer) or the keychain.
#[tauri::command]
#[specta::specta]
pub async fn auth_vault_choose(
    state: State<'_, CoreState>,
    kind: auth::VaultKind,
) -> Result<AuthStatus, IpcError> {
    Ok(auth::commands::auth_vault_choose(&*state.get()?, kind).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_status(state: State<'_, CoreState>) -> Result<AuthStatus, IpcError> {
    Ok(auth::commands::auth_status(&*state.get()?))
}

/// The stored skill boards at once; a stale-gated refresh runs behind the answer and
/// `board-updated` follows if something visible changed. `attributes`: the view shows
/// the attributes, so they are refreshed too.
#[tauri::command]
#[specta::specta]
pub async fn skills_on_view(
    state: State<'_, CoreState>,
    attributes: bool,
) -> Result<SkillsView, IpcError> {
    Ok(skills::commands::skills_on_view(&state.get()?, attributes).await?)
}

/// The stored job boards (personal and corporation) at once, refreshed behind the answer.
#[tauri::command]
#[specta::specta]
pub async fn jobs_on_view(state: State<'_, CoreState>) -> Result<JobsView, IpcError> {
    Ok(industry::commands::jobs_on_view(&state.get()?).await?)
}

/// Every character's colonies (planetary industry) at once, refreshed behind the answer
/// while the feature is on.
#[tauri::command]
#[specta::specta]
pub async fn planets_on_view(state: State<'_, CoreState>) -> Result<PlanetsView, IpcError> {
    Ok(planets::commands::planets_on_view(&state.get()?).await?)
}

/// Every character's clones, implants, next clone jump and jump fatigue at once,
/// refreshed behind the answer while the feature is on.
#[tauri::command]
#[specta::specta]
pub async fn clones_on_view(state: State<'_, CoreState>) -> Result<ClonesView, IpcError> {
    Ok(clones::commands::clones_on_view(&state.get()?).await?)
}

/// Every character's market orders (open, and those ended in the last week), refreshed
/// behind the answer while the feature is on.
#[tauri::command]
#[specta::specta]
pub async fn orders_on_view(state: State<'_, CoreState>) -> Result<OrdersView, IpcError> {
    Ok(markets::commands::orders_on_view(&state.get()?).await?)
}

/// Every character's contracts (issued, accepted or offered), refreshed behind the
/// answer while the feature is on.
#[tauri::command]
#[specta::specta]
pub async fn contracts_on_view(state: State<'_, CoreState>) -> Result<ContractsView, IpcError> {
    Ok(contracts::commands::contracts_on_view(&state.get()?).await?)
}

/// A contract's items, read from EVE the first time the player opens it.
#[tauri::command]
#[specta::specta]
pub async fn contract_items(
    state: State<'_, CoreState>,
    character_id: i64,
    contract_id: i64,
) -> Result<ContractItems, IpcError> {
    Ok(contracts::commands::contract_items(&*state.get()?, character_id, contract_id).await?)
}

/// Every character's industry slots (used and free), from the stored skills and jobs.
/// No network.
#[tauri::command]
#[specta::specta]
pub async fn slots_read(state: State<'_, CoreState>) -> Result<SlotsView, IpcError> {
    Ok(slots::commands::slots_read(&*state.get()?).await?)
}

/// Which login is due next, per account: every deadline from the stored boards.
#[tauri::command]
#[specta::specta]
pub async fn next_view(state: State<'_, CoreState>) -> Result<NextView, IpcError> {
    Ok(next::commands::next_view(&*state.get()?).await?)
}

/// The player's accounts, with their characters.
#[tauri::command]
#[specta::specta]
pub async fn accounts_list(state: State<'_, CoreState>) -> Result<Vec<Account>, IpcError> {
    Ok(roster::commands::accounts_list(&*state.get()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn account_create(
    state: State<'_, CoreState>,
    name: String,
) -> Result<Account, IpcError> {
    Ok(roster::commands::account_create(&*state.get()?, &name).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn account_rename(
    state: State<'_, CoreState>,
    account_id: i64,
    name: String,
) -> Result<Account, IpcError> {
    Ok(roster::commands::account_rename(&*state.get()?, account_id, &name).await?)
}

/// Deletes an account; its characters stay, each on its own.
#[tauri::command]
#[specta::specta]
pub async fn account_delete(state: State<'_, CoreState>, account_id: i64) -> Result<(), IpcError> {
    Ok(roster::commands::account_delete(&*state.get()?, account_id).await?)
}

/// Puts a character in an account (`null`: on its own).
#[tauri::command]
#[specta::specta]
pub async fn account_assign(
    state: State<'_, CoreState>,
    character_id: i64,
    account_id: Option<i64>,
) -> Result<RosterEntry, IpcError> {
    Ok(roster::commands::account_assign(&*state.get()?, character_id, account_id).await?)
}

/// The features, on or off, with their scopes and who lacks them.
#[tauri::command]
#[specta::specta]
pub async fn features_list(state: State<'_, CoreState>) -> Result<Vec<FeatureState>, IpcError> {
    Ok(features::commands::features_list(&*state.get()?).await?)
}

/// Turns a feature on or off; the answer lists the characters to re-authorise for it.
#[tauri::command]
#[specta::specta]
pub async fn feature_set(
    state: State<'_, CoreState>,
    feature: Feature,
    on: bool,
) -> Result<FeatureState, IpcError> {
    Ok(features::commands::feature_set(&*state.get()?, feature, on).await?)
}

/// Everyone's last known online status, and whether it is being kept current.
#[tauri::command]
#[specta::specta]
pub async fn online_state(state: State<'_, CoreState>) -> Result<OnlineState, IpcError> {
    Ok(online::commands::online_state(&*state.get()?).await?)
}

/// The window is visible and someone is looking (on mount, on becoming visible, every
/// 20 s while visible).
#[tauri::command]
#[specta::specta]
pub async fn presence_heartbeat(state: State<'_, CoreState>) -> Result<(), IpcError> {
    online::commands::presence_heartbeat(&*state.get()?);
    Ok(())
}

/// The page became hidden.
#[tauri::command]
#[specta::specta]
pub async fn presence_hidden(state: State<'_, CoreState>) -> Result<(), IpcError> {
    online::commands::presence_hidden(&*state.get()?);
    Ok(())
}

/// Switches to the demo: simulated characters in a folder of their own, the player's own
/// data untouched. The UI reloads on `session-changed`.
#[tauri::command]
#[specta::specta]
pub async fn demo_enter(app: AppHandle) -> Result<(), IpcError> {
    crate::session::switch(&app, true).await
}

/// Leaves the demo for the player's own data.
#[tauri::command]
#[specta::specta]
pub async fn demo_leave(app: AppHandle) -> Result<(), IpcError> {
    crate::session::switch(&app, false).await
}

/// Whether the update feed offers a newer version (`null`: none, or updates are off).
#[tauri::command]
#[specta::specta]
pub async fn update_check(app: AppHandle) -> Result<Option<crate::update::UpdateInfo>, IpcError> {
    crate::update::check(&app).await
}

/// Downloads, verifies and installs the offered update, then restarts Cynosure.
#[tauri::command]
#[specta::specta]
pub async fn update_install(app: AppHandle) -> Result<(), IpcError> {
    crate::update::install(&app).await
}

/// An open-source component shipped in the app.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Component {
    pub name: String,
    pub version: String,
    pub licence: String,
}

/// The Rust crates and npm packages inside this build, with their licences (collected by
/// `build.rs` from Cargo's metadata and the UI's lockfile).
#[tauri::command]
#[specta::specta]
pub async fn app_licences() -> Result<Vec<Component>, IpcError> {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/licences.json"))).map_err(|_| {
        IpcError::new(
            "app.licences",
            "The list of open-source licences is missing from this build.",
        )
    })
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn the_build_lists_its_open_source_components_and_their_licences() {
        let list = super::app_licences()
            .await
            .expect("the list is in the build");
        for shipped in ["tauri", "sqlx", "keyring", "preact", "@tauri-apps/api"] {
            assert!(list.iter().any(|c| c.name == shipped), "{shipped} missing");
        }
        assert!(list
            .iter()
            .all(|c| !c.licence.is_empty() && !c.version.is_empty()));
        for own in ["cynosure", "cynosure-core", "cynosure-sim"] {
            assert!(
                !list.iter().any(|c| c.name == own),
                "{own} is ours, not third-party"
            );
        }
        assert!(
            !list
                .iter()
                .any(|c| c.name == "fantoccini" || c.name == "vitest"),
            "test-only packages are not shipped"
        );
    }
}

/// The UI painted the stored boards for the first time since the process started: a
/// mark for the start-up benchmark (logged; printed when `CYNOSURE_STARTUP_MARK` is set),
/// with the page's own steps on the way, each as how long before this call.
#[tauri::command]
#[specta::specta]
pub fn startup_painted(steps: Vec<crate::startup::PageStep>) {
    crate::startup::painted(&steps);
}
