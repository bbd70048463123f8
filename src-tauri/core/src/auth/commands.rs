//! Sign-in, cancel, unlink and status: what the shell and the CLI call.

use super::loopback::callback_url;
use super::models::{AuthStatus, LoginOutcome, UnlinkOutcome};
use super::{AuthError, VaultKind};
use crate::Cynosure;

/// Signs a character in (or re-authorises a linked one) through the system browser.
/// `open` shows the authorize URL to the user (opens the browser, or prints it).
/// Returns when the sign-in ends: linked, refused, cancelled or timed out.
#[tracing::instrument(skip_all, err)]
pub async fn auth_login(
    core: &Cynosure,
    open: impl FnOnce(&str) -> Result<(), String>,
) -> Result<LoginOutcome, AuthError> {
    let outcome = core.custody().login(core, open).await?;
    // A new character's online status is wanted now, not at the next scheduled poll.
    core.live().refresh_now();
    Ok(outcome)
}

/// Cancels a sign-in that is waiting for the browser. `false` if none was.
#[tracing::instrument(skip_all)]
pub fn auth_login_cancel(core: &Cynosure) -> bool {
    core.custody().cancel_login()
}

/// Unlinks a character: revokes its refresh token at EVE's login, deletes it from the
/// vault and removes the character's stored data. Refuses an id that is not linked.
#[tracing::instrument(skip(core), err)]
pub async fn auth_unlink(core: &Cynosure, character_id: i64) -> Result<UnlinkOutcome, AuthError> {
    core.custody().unlink(core, character_id).await
}

#[tracing::instrument(skip_all)]
pub fn auth_status(core: &Cynosure) -> AuthStatus {
    AuthStatus {
        vault: core.custody().vault_kind(),
        client_id_configured: core.client_id().is_some(),
        client_id_from_env: core.client_id_from_env(),
        built_in_client_id: core.has_built_in_client_id(),
        callback_url: callback_url(core.settings_snapshot().callback_port),
        scopes: crate::catalog::wanted_scopes(&core.settings_snapshot())
            .into_iter()
            .map(str::to_owned)
            .collect(),
        login_pending: core.custody().login_pending(),
    }
}

/// The player's choice of token store: `file` while the keychain does not answer (its
/// tokens move to the keychain when it does, at a later start), or `keychain` now.
/// Recorded, so no later start changes the store silently.
#[tracing::instrument(skip(core), err)]
pub async fn auth_vault_choose(core: &Cynosure, kind: VaultKind) -> Result<AuthStatus, AuthError> {
    let chosen = core.custody().vault().run(move |v| v.choose(kind)).await?;
    if let Some(record) = chosen.record() {
        core.db().save_vault_record(record).await?;
    }
    core.emit(crate::events::CoreEvent::RosterChanged);
    Ok(auth_status(core))
}
