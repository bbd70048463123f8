use serde::{Deserialize, Serialize};

/// A character whose `online` flipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OnlineChange {
    pub character_id: i64,
    pub online: bool,
}

/// One character's status as the UI and the tray show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterOnline {
    pub character_id: i64,
    pub name: String,
    /// `None`: never read (no scope, or not polled yet).
    pub online: Option<bool>,
    pub last_login: Option<i64>,
    pub last_logout: Option<i64>,
}

/// Tranquility, EVE's server, as `GET /status` last said (kept in memory: it is only
/// wanted while someone looks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerStatus {
    pub players: i64,
    /// Unix epoch ms of the server's last start (the daily downtime, usually).
    pub started_at: i64,
    /// Only players with special access may log in.
    pub vip: bool,
    /// Unix epoch ms of the read.
    pub as_of: i64,
}

/// Everyone's status, and whether it is being kept current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OnlineState {
    pub characters: Vec<CharacterOnline>,
    /// Polled while someone watches and the last poll worked; `false`: the dots show the
    /// last known state, as of `asOf`.
    pub live: bool,
    /// Unix epoch ms of the newest data (`None`: none yet).
    pub as_of: Option<i64>,
    /// Tranquility's status, when read in this run (`None`: not yet, or it failed).
    pub server: Option<ServerStatus>,
}

impl OnlineState {
    pub fn online_count(&self) -> usize {
        self.characters
            .iter()
            .filter(|c| c.online == Some(true))
            .count()
    }
}
