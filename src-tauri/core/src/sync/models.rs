use serde::{Deserialize, Serialize};

use crate::IpcError;

/// Who a board belongs to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    specta::Type,
    sqlx::Type,
)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OwnerKind {
    Character,
    Corporation,
}

/// Which board: one per slice a descriptor keeps (the `slice` column of `boards`).
/// A new slice is a new variant here and a descriptor in its folder.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    specta::Type,
    sqlx::Type,
)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Slice {
    Skills,
    Skillqueue,
    /// A character's attributes and neural remaps.
    Attributes,
    /// A character's corporation roles: read only to find who may read a corporation's
    /// boards, never shown.
    Roles,
    CharacterJobs,
    CorporationJobs,
    /// A character's colonies with their layouts (the `planets` feature).
    Planets,
    /// A character's home station, jump clones and the last clone jump (the `clones`
    /// feature), with the active clone's implants and jump fatigue.
    Clones,
    Implants,
    Fatigue,
    /// A character's open market orders, and those that left the list lately with how
    /// they ended (the `markets` feature).
    MarketOrders,
    /// The orders ESI records as ended: read only while an order's ending is unknown,
    /// never shown.
    OrderHistory,
    /// Contracts a character issued, accepted or was assigned (the `contracts` feature).
    Contracts,
}

impl std::fmt::Display for Slice {
    /// The slice's stored and wire name (`character_jobs`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => f.write_str(&name),
            _ => write!(f, "{self:?}"),
        }
    }
}

/// Why no request is made for an owner (shown in plain words by the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum GateState {
    Ok,
    /// The character was linked without the scope this board needs.
    MissingScope,
    /// No linked character of the corporation has Factory_Manager or Director.
    NeedsRole,
    /// EVE no longer accepts the character's sign-in.
    ReauthRequired,
}

/// How fresh a board is, and what went wrong last, for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncInfo {
    /// Unix epoch milliseconds of the last successful read (`None`: never).
    pub last_refreshed_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub gate_state: GateState,
    /// The last read failed: the board shown is the one stored before.
    pub error: Option<IpcError>,
    /// A refresh was started behind this answer; `board-updated` follows if it changes
    /// what is shown.
    pub refreshing: bool,
}

/// A moment a stored board holds that a player may want to log in for (docs/design.md
/// §10): derived from the board, never fetched. "Next" and the tray merge them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Whose login it asks for.
    pub character_id: i64,
    pub kind: DeadlineKind,
    /// Unix epoch milliseconds.
    pub at: i64,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The skill queue runs out.
    QueueEnds,
    /// An industry job is ready to deliver.
    JobReady,
    /// A planetary extractor's program stops.
    ExtractorStops,
    /// The next clone jump is available (only while ahead).
    CloneJump,
    /// Jump fatigue wears off (only while ahead).
    FatigueEnds,
    /// A market order expires.
    OrderExpires,
    /// An outstanding contract the character issued expires.
    ContractExpires,
    /// A courier contract the character accepted is due.
    CourierDue,
}

impl DeadlineKind {
    /// A chance rather than a due: once passed it asks for nothing.
    pub fn only_ahead(self) -> bool {
        matches!(self, Self::CloneJump | Self::FatigueEnds)
    }
}

/// A board whose visible content changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BoardChange {
    pub slice: Slice,
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
}

/// What one run did for one owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Inside the cache window: no token, no request.
    Fresh,
    /// Another run holds this board.
    Busy,
    /// No request possible (missing scope, no role-holder, reauth).
    Gated(GateState),
    /// 304, or a new ETag over the same data: freshness stamped, no payload written.
    Stamped,
    /// A new board was saved (and `board-updated` emitted).
    Saved,
    /// The run was superseded meanwhile: nothing written.
    Superseded,
    /// The read failed: the error is stored, the board kept.
    Failed(IpcError),
}
