use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::descriptors::{board, CONTRACTS, SCOPE};
use super::error::ContractsError;
use super::models::{
    CharacterContracts, Contract, ContractItem, ContractItems, ContractRow, ContractsView,
};
use crate::clones::models::Named;
use crate::esi::{routes, Fetched, GateError};
use crate::features::Feature;
use crate::names::is_station;
use crate::store::boards;
use crate::store::memo::SliceBoards;
use crate::store::StoreError;
use crate::sync::owner_sync::{refresh_stale, sync_info};
use crate::{names, store, Cynosure};

/// The stored contracts of every linked character, with names where known. No network.
#[tracing::instrument(skip_all, err)]
pub async fn contracts_read(core: &Cynosure) -> Result<ContractsView, StoreError> {
    read(core, false).await
}

/// On-view read: the stored boards at once, and (while the feature is on) a stale-gated
/// refresh behind the answer.
#[tracing::instrument(skip_all, err)]
pub async fn contracts_on_view(core: &Arc<Cynosure>) -> Result<ContractsView, StoreError> {
    let on = feature_on(core);
    let view = read(core, on).await?;
    if on {
        let core = core.clone();
        tokio::spawn(async move { refresh_stale(&core, &CONTRACTS).await });
    }
    Ok(view)
}

pub fn feature_on(core: &Cynosure) -> bool {
    core.settings_snapshot()
        .features
        .contains(&Feature::Contracts)
}

/// Every linked character's stored contracts (`None`: never read).
pub async fn stored(core: &Cynosure) -> Result<Vec<(i64, Option<Vec<Contract>>)>, StoreError> {
    let rows = boards::by_owner(core.db(), CONTRACTS.slice).await?;
    Ok(store::roster::list(core.db())
        .await?
        .into_iter()
        .map(|c| {
            let contracts = rows
                .get(&c.character_id)
                .and_then(|r| r.body.as_ref())
                .map(|_| contracts_of(&rows, c.character_id));
            (c.character_id, contracts)
        })
        .collect())
}

/// A stored contracts board (a body that is not one reads as no contracts).
fn contracts_of(rows: &SliceBoards, owner: i64) -> Vec<Contract> {
    rows.body::<Vec<Contract>>(owner).unwrap_or_default()
}

async fn read(core: &Cynosure, refreshing: bool) -> Result<ContractsView, StoreError> {
    let rows = boards::by_owner(core.db(), CONTRACTS.slice).await?;
    let roster = store::roster::list(core.db()).await?;
    let now = core.now_ms();
    let mut ids = Vec::new();
    let mut kept = Vec::new();
    for c in &roster {
        let contracts: Option<Vec<(Contract, super::models::ContractRole)>> = rows
            .get(&c.character_id)
            .and_then(|r| r.body.as_ref())
            .map(|_| {
                contracts_of(&rows, c.character_id)
                    .into_iter()
                    .filter_map(|k| {
                        super::role(&k, c.character_id, c.corporation_id).map(|r| (k, r))
                    })
                    .collect()
            });
        for (k, _) in contracts.iter().flatten() {
            ids.extend([k.issuer_id, k.assignee_id, k.acceptor_id]);
            ids.extend(k.start_location_id.filter(|id| is_station(*id)));
            ids.extend(k.end_location_id.filter(|id| is_station(*id)));
        }
        kept.push(contracts);
    }
    let known = names::lookup(core, ids.into_iter().filter(|id| *id > 0)).await?;
    let named = |id: i64| Named {
        id,
        name: known.get(&id).cloned(),
    };
    let someone = |id: i64| (id > 0).then(|| named(id));
    let characters = roster
        .into_iter()
        .zip(kept)
        .map(|(c, contracts)| CharacterContracts {
            contracts: contracts.map(|list| {
                let mut rows: Vec<ContractRow> = list
                    .into_iter()
                    .map(|(k, role)| ContractRow {
                        role,
                        issuer: named(k.issuer_id),
                        assignee: someone(k.assignee_id),
                        acceptor: someone(k.acceptor_id),
                        start: k.start_location_id.map(named),
                        end: k.end_location_id.map(named),
                        due_at: k.courier_due_at(),
                        contract: k,
                    })
                    .collect();
                // Open ones first, soonest deadline first; then the rest, latest first.
                rows.sort_by_key(|r| {
                    let open = super::is_open(&r.contract, now);
                    let when = r.due_at.unwrap_or(r.contract.expires_at);
                    (
                        !open,
                        if open { when } else { -r.contract.issued_at },
                        r.contract.contract_id,
                    )
                });
                rows
            }),
            sync: sync_info(core, rows.get(&c.character_id), refreshing),
            character_id: c.character_id,
            name: c.name,
        })
        .collect();
    Ok(ContractsView {
        on: feature_on(core),
        characters,
    })
}

#[derive(Deserialize)]
struct EsiItem {
    record_id: i64,
    type_id: i64,
    quantity: i64,
    is_included: bool,
    #[serde(default)]
    raw_quantity: Option<i64>,
}

/// A contract's items, when the player opens it: from the store once read (they never
/// change), else read from ESI with the character's token and kept.
#[tracing::instrument(skip(core), err)]
pub async fn contract_items(
    core: &Cynosure,
    character_id: i64,
    contract_id: i64,
) -> Result<ContractItems, ContractsError> {
    let character = store::roster::get(core.db(), character_id)
        .await?
        .ok_or(ContractsError::UnknownCharacter(character_id))?;
    let key = CONTRACTS.key(character_id);
    let listed = boards::get(core.db(), key)
        .await?
        .and_then(|r| r.body)
        .is_some_and(|b| board(&b).iter().any(|c| c.contract_id == contract_id));
    if !listed {
        return Err(ContractsError::UnknownContract(contract_id));
    }
    let body = match store::contract_items::get(core.db(), contract_id).await? {
        Some(body) => body,
        None => {
            if !character.scopes.iter().any(|s| s == SCOPE) {
                return Err(ContractsError::MissingScope);
            }
            let token = core.custody().vend(core, character_id).await?;
            let route = routes::CONTRACT_ITEMS;
            let path = route.path_for(&[character_id, contract_id]);
            let fetched = core
                .gate()
                .get::<serde_json::Value>(
                    route,
                    &path,
                    Some(character_id),
                    Some(token.secret()),
                    None,
                )
                .await;
            let body = match fetched {
                Ok(Fetched::Fresh { body, .. }) => body,
                Ok(Fetched::NotModified { .. }) => serde_json::Value::Array(Vec::new()),
                // ESI cannot detail an old or deleted contract (esi/esi-issues#1080, #1192).
                Err(GateError::NotFound { .. } | GateError::ServerError { .. }) => {
                    return Err(ContractsError::ItemsGone)
                }
                Err(e) => return Err(e.into()),
            };
            let items: Vec<EsiItem> =
                serde_json::from_value(body).map_err(|e| GateError::Malformed(e.to_string()))?;
            let items: Vec<(i64, i64, i64, bool, bool)> = items
                .into_iter()
                .map(|i| {
                    (
                        i.record_id,
                        i.type_id,
                        i.quantity,
                        i.is_included,
                        i.raw_quantity == Some(-2),
                    )
                })
                .collect();
            let body =
                serde_json::to_string(&items).map_err(|e| GateError::Malformed(e.to_string()))?;
            store::contract_items::put(core.db(), contract_id, character_id, &body, core.now_ms())
                .await?;
            let types: Vec<i64> = items.iter().map(|i| i.1).collect();
            names::resolve(core, &types).await;
            body
        }
    };
    let items: Vec<(i64, i64, i64, bool, bool)> = serde_json::from_str(&body).unwrap_or_default();
    let known: HashMap<i64, String> = names::lookup(core, items.iter().map(|i| i.1)).await?;
    Ok(ContractItems {
        character_id,
        contract_id,
        items: items
            .into_iter()
            .map(
                |(record_id, type_id, quantity, included, copy)| ContractItem {
                    record_id,
                    item: Named {
                        id: type_id,
                        name: known.get(&type_id).cloned(),
                    },
                    quantity,
                    included,
                    blueprint_copy: copy,
                },
            )
            .collect(),
    })
}
