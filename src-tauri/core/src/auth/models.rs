use serde::{Deserialize, Serialize};

use super::VaultKind;
use crate::roster::models::RosterEntry;

/// What a valid access token says about its character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCharacter {
    pub character_id: i64,
    pub name: String,
    /// Changes when the character moves to another account.
    pub owner_hash: String,
    pub scopes: Vec<String>,
    /// Unix epoch milliseconds.
    pub expires_at_ms: i64,
}

/// An ESI access token. It lives in memory only: no `Serialize`, and `Debug` hides it,
/// so it cannot reach IPC, the database or a log line by accident.
#[derive(Clone)]
pub struct AccessToken(String);

impl AccessToken {
    pub(crate) fn new(secret: String) -> Self {
        Self(secret)
    }

    /// The bearer value, for the `Authorization` header only.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(<hidden>)")
    }
}

/// How a sign-in ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LoginOutcome {
    pub character: RosterEntry,
    /// The character was already linked: its token was replaced and its data kept.
    pub relinked: bool,
    /// The character was linked before under another owner (it was sold or moved to
    /// another account): its old data and token were removed.
    pub transferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UnlinkOutcome {
    pub character_id: i64,
    /// EVE's login confirmed that the refresh token is revoked. `false` when it could not
    /// be reached: the token is gone from this computer but stays valid at EVE until it
    /// is revoked on EVE's site.
    pub revoked: bool,
}

/// What the UI needs to know about sign-in: whether it can start one, and where tokens
/// are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    pub vault: VaultKind,
    pub client_id_configured: bool,
    /// The client id comes from `CYNOSURE_CLIENT_ID` and overrides Settings.
    pub client_id_from_env: bool,
    /// This build signs in through Cynosure's own EVE application unless the player set
    /// up their own (Settings → Advanced).
    pub built_in_client_id: bool,
    /// The callback URL to register with the EVE application.
    pub callback_url: String,
    pub scopes: Vec<String>,
    /// A sign-in is waiting for the browser.
    pub login_pending: bool,
}
