use super::models::{CharacterOnline, OnlineState};
use crate::store::StoreError;
use crate::{store, Cynosure};

/// Everyone's last known status (from the store) and whether it is live.
#[tracing::instrument(skip_all, err)]
pub async fn online_state(core: &Cynosure) -> Result<OnlineState, StoreError> {
    let rows = store::online::list(core.db()).await?;
    let characters: Vec<CharacterOnline> = store::roster::list(core.db())
        .await?
        .into_iter()
        .map(|c| {
            let row = rows.iter().find(|r| r.character_id == c.character_id);
            CharacterOnline {
                character_id: c.character_id,
                name: c.name,
                online: row.map(|r| r.online),
                last_login: row.and_then(|r| r.last_login),
                last_logout: row.and_then(|r| r.last_logout),
            }
        })
        .collect();
    let status = core.live().status(core);
    let as_of = status
        .last_poll_at
        .filter(|_| status.last_error.is_none())
        .or_else(|| rows.iter().map(|r| r.changed_at).max());
    Ok(OnlineState {
        characters,
        live: status.live,
        as_of,
        server: core.server_status(),
    })
}

/// The UI is visible and someone is looking (on mount, on becoming visible, every 20 s).
#[tracing::instrument(skip_all)]
pub fn presence_heartbeat(core: &Cynosure) {
    core.live().heartbeat(core);
}

/// The window was hidden or minimised.
#[tracing::instrument(skip_all)]
pub fn presence_hidden(core: &Cynosure) {
    core.live().hidden(core);
}

/// The shell saw the window hidden, minimised or unmapped (this wins over the page's
/// heartbeats, which some web views keep sending for an unmapped window).
#[tracing::instrument(skip_all)]
pub fn presence_window_hidden(core: &Cynosure) {
    core.live().window_hidden(core);
}

/// The shell saw the window shown again.
#[tracing::instrument(skip_all)]
pub fn presence_window_shown(core: &Cynosure) {
    core.live().window_shown(core);
}

/// "Refresh now" (tray): one poll at once, whatever the presence.
#[tracing::instrument(skip_all)]
pub fn online_refresh_now(core: &Cynosure) {
    core.live().refresh_now();
}
