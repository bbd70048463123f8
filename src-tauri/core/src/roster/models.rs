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
}

/// A roster row as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    pub character_id: i64,
    pub name: String,
    pub corporation_id: i64,
    pub scopes: Vec<String>,
    pub auth_state: AuthState,
    /// Unix epoch milliseconds.
    pub added_at: i64,
}

impl From<LinkedCharacter> for RosterEntry {
    fn from(c: LinkedCharacter) -> Self {
        Self {
            character_id: c.character_id,
            name: c.name,
            corporation_id: c.corporation_id,
            scopes: c.scopes,
            auth_state: c.auth_state,
            added_at: c.added_at,
        }
    }
}
