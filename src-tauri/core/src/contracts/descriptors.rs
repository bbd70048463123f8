//! What the engine needs to know about the contracts board.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::{Contract, ContractStatus, ContractType};
use crate::esi::routes;
use crate::names::is_station;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Slice};

pub const SCOPE: &str = "esi-contracts.read_character_contracts.v1";

pub const CONTRACTS: Descriptor =
    Descriptor::character(Slice::Contracts, routes::CONTRACTS, SCOPE, normalize)
        .paged()
        .named(name_ids)
        .with_deadlines(deadlines);

#[derive(Deserialize)]
struct EsiContract {
    contract_id: i64,
    #[serde(rename = "type")]
    kind: ContractType,
    status: ContractStatus,
    #[serde(default)]
    title: Option<String>,
    issuer_id: i64,
    issuer_corporation_id: i64,
    assignee_id: i64,
    acceptor_id: i64,
    for_corporation: bool,
    date_issued: DateTime<Utc>,
    date_expired: DateTime<Utc>,
    #[serde(default)]
    date_accepted: Option<DateTime<Utc>>,
    #[serde(default)]
    date_completed: Option<DateTime<Utc>>,
    #[serde(default)]
    days_to_complete: Option<i64>,
    #[serde(default)]
    start_location_id: Option<i64>,
    #[serde(default)]
    end_location_id: Option<i64>,
    #[serde(default)]
    price: Option<f64>,
    #[serde(default)]
    reward: Option<f64>,
    #[serde(default)]
    collateral: Option<f64>,
    #[serde(default)]
    buyout: Option<f64>,
    #[serde(default)]
    volume: Option<f64>,
}

fn ms(d: DateTime<Utc>) -> i64 {
    d.timestamp_millis()
}

/// The contracts as stored: by id, once each (pages may repeat one when the cache turns
/// over mid-walk), deleted ones left out.
fn normalize(body: Value) -> Result<String, String> {
    let esi: Vec<EsiContract> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut contracts: Vec<Contract> = esi
        .into_iter()
        .filter(|c| c.status != ContractStatus::Deleted)
        .map(|c| Contract {
            contract_id: c.contract_id,
            kind: c.kind,
            status: c.status,
            title: c.title.filter(|t| !t.trim().is_empty()),
            issuer_id: c.issuer_id,
            issuer_corporation_id: c.issuer_corporation_id,
            assignee_id: c.assignee_id,
            acceptor_id: c.acceptor_id,
            for_corporation: c.for_corporation,
            issued_at: ms(c.date_issued),
            expires_at: ms(c.date_expired),
            accepted_at: c.date_accepted.map(ms),
            completed_at: c.date_completed.map(ms),
            days_to_complete: c.days_to_complete,
            start_location_id: c.start_location_id,
            end_location_id: c.end_location_id,
            price: c.price,
            reward: c.reward,
            collateral: c.collateral,
            buyout: c.buyout,
            volume: c.volume,
        })
        .collect();
    contracts.sort_by_key(|c| c.contract_id);
    contracts.dedup_by_key(|c| c.contract_id);
    serde_json::to_string(&contracts).map_err(|e| e.to_string())
}

pub fn board(s: &str) -> Vec<Contract> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Who issued, was assigned and accepted each contract, and the stations.
fn name_ids(board_json: &str) -> Vec<i64> {
    board(board_json)
        .iter()
        .flat_map(|c| {
            [
                Some(c.issuer_id),
                Some(c.assignee_id),
                Some(c.acceptor_id),
                c.start_location_id,
                c.end_location_id,
            ]
        })
        .flatten()
        // An Upwell structure is named only to those with docking access, and one
        // unknown id fails a whole `/universe/names` batch.
        .filter(|id| *id > 0 && (*id < 60_000_000 || *id >= 64_000_000 || is_station(*id)))
        .filter(|id| *id < 1_000_000_000_000)
        .collect()
}

/// The character's own outstanding contracts' expiries and its couriers' deadlines.
fn deadlines(
    character_id: i64,
    board_json: &str,
    _: &dyn Fn(Slice) -> Option<String>,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    for c in board(board_json) {
        if c.issuer_id == character_id && c.status == ContractStatus::Outstanding {
            out.push(Deadline {
                character_id,
                kind: DeadlineKind::ContractExpires,
                at: c.expires_at,
            });
        }
        if c.acceptor_id == character_id {
            out.extend(c.courier_due_at().map(|at| Deadline {
                character_id,
                kind: DeadlineKind::CourierDue,
                at,
            }));
        }
    }
    out
}
