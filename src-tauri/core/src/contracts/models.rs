use serde::{Deserialize, Serialize};

use crate::clones::models::Named;
use crate::sync::SyncInfo;

/// ESI's contract types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Unknown,
    ItemExchange,
    Auction,
    Courier,
    Loan,
}

/// ESI's contract states. An outstanding contract past its expiry stays `outstanding`
/// (esi/esi-issues#1153): [`Contract::is_expired`] tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Outstanding,
    InProgress,
    FinishedIssuer,
    FinishedContractor,
    Finished,
    Cancelled,
    Rejected,
    Failed,
    Deleted,
    Reversed,
}

/// A contract as stored. Times are Unix epoch ms; amounts in ISK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub contract_id: i64,
    pub kind: ContractType,
    pub status: ContractStatus,
    pub title: Option<String>,
    pub issuer_id: i64,
    pub issuer_corporation_id: i64,
    /// A character, corporation or alliance; 0 for a public contract.
    pub assignee_id: i64,
    /// 0 until accepted.
    pub acceptor_id: i64,
    pub for_corporation: bool,
    pub issued_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
    pub completed_at: Option<i64>,
    /// A courier's days to deliver once accepted.
    pub days_to_complete: Option<i64>,
    pub start_location_id: Option<i64>,
    pub end_location_id: Option<i64>,
    pub price: Option<f64>,
    pub reward: Option<f64>,
    pub collateral: Option<f64>,
    pub buyout: Option<f64>,
    /// m³.
    pub volume: Option<f64>,
}

const DAY_MS: i64 = 24 * 3_600_000;

impl Contract {
    /// Outstanding and past its expiry: nobody can accept it any more.
    pub fn is_expired(&self, now: i64) -> bool {
        self.status == ContractStatus::Outstanding && self.expires_at <= now
    }

    /// When a courier contract in progress must be delivered: accepted + days to
    /// complete.
    pub fn courier_due_at(&self) -> Option<i64> {
        match (
            self.kind,
            self.status,
            self.accepted_at,
            self.days_to_complete,
        ) {
            (ContractType::Courier, ContractStatus::InProgress, Some(at), Some(days)) => {
                Some(at + days * DAY_MS)
            }
            _ => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(
            self.status,
            ContractStatus::Finished
                | ContractStatus::FinishedIssuer
                | ContractStatus::FinishedContractor
        )
    }
}

/// What a contract is to the character reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContractRole {
    /// The character issued it.
    Issued,
    /// The character accepted it.
    Accepted,
    /// Assigned to the character (or its corporation), not accepted yet.
    ForYou,
}

/// One contract as the view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractRow {
    pub contract: Contract,
    pub role: ContractRole,
    pub issuer: Named,
    /// `None`: public.
    pub assignee: Option<Named>,
    pub acceptor: Option<Named>,
    pub start: Option<Named>,
    pub end: Option<Named>,
    /// A courier in progress: when it is due.
    pub due_at: Option<i64>,
}

/// One character on the contracts view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterContracts {
    pub character_id: i64,
    pub name: String,
    /// `None` until the first read. Outstanding and in progress first, soonest deadline
    /// first; then the finished ones of the last 30 days.
    pub contracts: Option<Vec<ContractRow>>,
    pub sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractsView {
    /// The feature is on (Settings → Features).
    pub on: bool,
    pub characters: Vec<CharacterContracts>,
}

/// One line of a contract's items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractItem {
    pub record_id: i64,
    pub item: Named,
    pub quantity: i64,
    /// The issuer gives it (`false`: the issuer asks for it).
    pub included: bool,
    /// A blueprint copy (ESI's `raw_quantity` -2).
    pub blueprint_copy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractItems {
    pub character_id: i64,
    pub contract_id: i64,
    /// Empty for a courier contract (ESI lists none).
    pub items: Vec<ContractItem>,
}
