use serde::{Deserialize, Serialize};

/// Whether Cynosure can act for a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum AuthState {
    /// The stored refresh token works.
    Ok,
    /// SSO refused the refresh token (`invalid_grant`): the user must sign in again.
    /// The character's data stays.
    ReauthRequired,
}

/// A linked character as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedCharacter {
    pub character_id: i64,
    pub name: String,
    pub corporation_id: i64,
    /// The SSO owner hash: it changes when the character is sold to another account.
    pub owner_hash: String,
    pub scopes: Vec<String>,
    pub auth_state: AuthState,
    /// Unix epoch milliseconds.
    pub added_at: i64,
    /// The account the player put the character in (`None`: its own).
    pub account_id: Option<i64>,
}

/// Whether Cynosure can read everything the features need for a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TokenHealth {
    Ok,
    /// EVE no longer accepts the sign-in: "Re-authorise".
    ReauthRequired,
    /// Signed in without some scopes the features need: "Re-authorise" grants them.
    MissingScopes,
}

/// A roster row as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    pub character_id: i64,
    pub name: String,
    pub corporation_id: i64,
    /// `None` until ESI has told us the name.
    pub corporation_name: Option<String>,
    pub portrait_url: String,
    pub scopes: Vec<String>,
    pub missing_scopes: Vec<String>,
    pub auth_state: AuthState,
    pub token_health: TokenHealth,
    /// Unix epoch milliseconds.
    pub added_at: i64,
    /// The account the player put the character in (`None`: its own).
    pub account_id: Option<i64>,
}

impl RosterEntry {
    /// `wanted`: the scopes sign-in asks for now (the base boards', and those of the
    /// features that are on).
    pub fn from_stored(
        c: LinkedCharacter,
        corporation_name: Option<String>,
        images_url: &str,
        wanted: &[&str],
    ) -> Self {
        let missing_scopes: Vec<String> = wanted
            .iter()
            .filter(|s| !c.scopes.iter().any(|g| g == *s))
            .map(|s| (*s).to_owned())
            .collect();
        let token_health = match (c.auth_state, missing_scopes.is_empty()) {
            (AuthState::ReauthRequired, _) => TokenHealth::ReauthRequired,
            (AuthState::Ok, false) => TokenHealth::MissingScopes,
            (AuthState::Ok, true) => TokenHealth::Ok,
        };
        Self {
            portrait_url: format!(
                "{images_url}/characters/{}/portrait?size=128",
                c.character_id
            ),
            character_id: c.character_id,
            name: c.name,
            corporation_id: c.corporation_id,
            corporation_name,
            scopes: c.scopes,
            missing_scopes,
            auth_state: c.auth_state,
            token_health,
            added_at: c.added_at,
            account_id: c.account_id,
        }
    }
}

/// An account: the player's name for a group of characters (ESI has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub account_id: i64,
    pub name: String,
    /// Its characters, in the order they were linked.
    pub character_ids: Vec<i64>,
}
