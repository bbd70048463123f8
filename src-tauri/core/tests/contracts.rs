//! Contracts against the simulator, on a controllable clock: the board behind the feature
//! and its scope (paged, deleted ones dropped, an expired one that ESI still calls
//! outstanding shown as expired), courier deadlines and expiries in Next, a contract's
//! items read once when opened (none for a courier, a clear error for one ESI no longer
//! details), the game's 520 waited out, and the alarms: accepted, expiring, courier due.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::alarms::models::{Notice, NoticeKind};
use cynosure_core::alarms::task::Alarms;
use cynosure_core::contracts::commands::{contract_items, contracts_read};
use cynosure_core::contracts::descriptors::CONTRACTS;
use cynosure_core::contracts::models::{ContractRole, ContractStatus, ContractsView};
use cynosure_core::error::ErrorCode;
use cynosure_core::features::commands::feature_set;
use cynosure_core::features::Feature;
use cynosure_core::next::commands::next_view;
use cynosure_core::store::boards;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::{DeadlineKind, GateState};
use cynosure_sim::faults::{Fault, FaultKind};
use cynosure_sim::world::{
    AURA, AURA_COURIER_CONTRACT, AURA_DELETED_CONTRACT, AURA_EXPIRED_CONTRACT, AURA_GIFT_CONTRACT,
    AURA_RIFTERS_CONTRACT, AURA_SOLD_CONTRACT, TESS,
};

const HOUR: i64 = 3_600_000;
const MINUTE: i64 = 60_000;

async fn with_contracts() -> Rig {
    let rig = Rig::start(TestVault::File).await;
    feature_set(&rig.core, Feature::Contracts, true)
        .await
        .unwrap();
    rig.login(AURA).await.0.unwrap();
    refresh_stale(&rig.core, &CONTRACTS).await.unwrap();
    rig.sim.clear_log();
    rig
}

fn aura(view: &ContractsView) -> &cynosure_core::contracts::models::CharacterContracts {
    view.characters
        .iter()
        .find(|c| c.character_id == AURA)
        .unwrap()
}

#[tokio::test]
async fn the_board_waits_for_the_feature_and_its_scope() {
    let rig = Rig::start(TestVault::File).await;
    rig.login(AURA).await.0.unwrap();
    feature_set(&rig.core, Feature::Contracts, true)
        .await
        .unwrap();
    rig.sim.clear_log();
    refresh_stale(&rig.core, &CONTRACTS).await.unwrap();
    assert!(rig.requests_of("esi.contracts").is_empty());
    let view = contracts_read(&rig.core).await.unwrap();
    assert_eq!(aura(&view).sync.gate_state, GateState::MissingScope);
}

#[tokio::test]
async fn open_contracts_first_with_roles_names_deadlines_and_next() {
    let rig = with_contracts().await;
    let view = contracts_read(&rig.core).await.unwrap();
    assert!(view.on);
    let rows = aura(&view).contracts.as_ref().unwrap();
    let ids: Vec<i64> = rows.iter().map(|r| r.contract.contract_id).collect();
    // Open ones soonest first (the courier due in 4 h, the Rifters expiring in 20 h, the
    // gift), then the rest latest first; the deleted one is gone.
    assert_eq!(
        ids,
        [
            AURA_COURIER_CONTRACT,
            AURA_RIFTERS_CONTRACT,
            AURA_GIFT_CONTRACT,
            AURA_SOLD_CONTRACT,
            AURA_EXPIRED_CONTRACT
        ]
    );
    assert!(!ids.contains(&AURA_DELETED_CONTRACT));
    let courier = &rows[0];
    assert_eq!(courier.role, ContractRole::Accepted);
    assert_eq!(courier.due_at, Some(NOW + 4 * HOUR));
    assert_eq!(courier.issuer.name.as_deref(), Some("Tess Harlow"));
    assert_eq!(
        courier.end.as_ref().and_then(|e| e.name.as_deref()),
        Some("Amarr VIII - Emperor Family Academy")
    );
    assert_eq!(courier.contract.reward, Some(25_000_000.0));
    assert_eq!(rows[1].role, ContractRole::Issued);
    assert_eq!(rows[1].contract.title.as_deref(), Some("3 Rifters"));
    assert_eq!(rows[2].role, ContractRole::ForYou);
    let expired = &rows[4].contract;
    assert_eq!(expired.status, ContractStatus::Outstanding, "as ESI says");
    assert!(expired.is_expired(rig.core.now_ms()));

    let next = next_view(&rig.core).await.unwrap();
    let line = &next.lines[0];
    let kinds: Vec<(DeadlineKind, i64)> = line.deadlines.iter().map(|d| (d.kind, d.at)).collect();
    assert!(
        kinds.contains(&(DeadlineKind::CourierDue, NOW + 4 * HOUR)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(DeadlineKind::ContractExpires, NOW + 20 * HOUR)),
        "{kinds:?}"
    );
    assert!(line.text.contains("courier due"), "{}", line.text);
}

#[tokio::test]
async fn items_are_read_once_when_opened_and_a_gone_contract_says_so() {
    let rig = with_contracts().await;
    let items = contract_items(&rig.core, AURA, AURA_RIFTERS_CONTRACT)
        .await
        .unwrap();
    assert_eq!(items.items.len(), 1);
    assert_eq!(items.items[0].item.name.as_deref(), Some("Rifter"));
    assert_eq!(items.items[0].quantity, 3);
    assert!(items.items[0].included);
    let again = contract_items(&rig.core, AURA, AURA_RIFTERS_CONTRACT)
        .await
        .unwrap();
    assert_eq!(again, items);
    assert_eq!(rig.requests_of("esi.contract_items").len(), 1, "kept");

    let courier = contract_items(&rig.core, AURA, AURA_COURIER_CONTRACT)
        .await
        .unwrap();
    assert!(courier.items.is_empty());

    // Not among her contracts: refused before any request.
    let unknown = contract_items(&rig.core, AURA, 42).await.unwrap_err();
    assert_eq!(unknown.code(), "contracts.unknown_contract");
    let nobody = contract_items(&rig.core, 7, AURA_RIFTERS_CONTRACT)
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), "contracts.unknown_character");

    // ESI no longer details it (old or deleted since): a clear error.
    rig.sim.add_fault(Fault {
        route: "esi.contract_items".into(),
        kind: FaultKind::EsiError {
            status: 404,
            body: r#"{"error":"Contract not found"}"#.into(),
        },
        times: None,
    });
    let gone = contract_items(&rig.core, AURA, AURA_GIFT_CONTRACT)
        .await
        .unwrap_err();
    assert_eq!(gone.code(), "contracts.items_gone");
    assert_eq!(
        gone.to_string(),
        "EVE no longer lists this contract's items (it is too old or was deleted)."
    );
    assert_eq!(rig.requests_of("esi.contract_items").len(), 3);
}

#[tokio::test]
async fn the_games_own_rate_limit_520_is_waited_out_not_retried() {
    let rig = with_contracts().await;
    let key = boards::BoardKey {
        owner_kind: cynosure_core::sync::OwnerKind::Character,
        owner_id: AURA,
        slice: CONTRACTS.slice,
    };
    let before = boards::get(rig.core.db(), key).await.unwrap().unwrap();
    rig.sim.clock().advance_ms(6 * MINUTE);
    rig.sim.add_fault(Fault {
        route: "esi.contracts".into(),
        kind: FaultKind::EsiError {
            status: 520,
            body: r#"{"error":"ConStopSpamming, details: {'remainingTime': 12345}"}"#.into(),
        },
        times: None,
    });
    refresh_stale(&rig.core, &CONTRACTS).await.unwrap();
    let after = boards::get(rig.core.db(), key).await.unwrap().unwrap();
    assert_eq!(after.body, before.body, "kept");
    assert_eq!(after.error_code.as_deref(), Some("esi.budget_exhausted"));
    assert_eq!(rig.requests_of("esi.contracts").len(), 1, "not retried");
}

fn of(notices: &[Notice], kind: NoticeKind) -> Vec<Notice> {
    notices.iter().filter(|n| n.kind == kind).cloned().collect()
}

#[tokio::test]
async fn warnings_ahead_and_word_when_a_contract_of_yours_is_accepted() {
    let rig = with_contracts().await;
    let alarms = Alarms::new(NOW);
    // A day ahead by default: the courier due in 4 h and the Rifters expiring in 20 h,
    // one notice (both are "due" news of Aura's); the sale three days ago is old news.
    let tick = alarms.tick(&rig.core).await.unwrap();
    let due = of(&tick.notices, NoticeKind::ContractsDue);
    assert_eq!(due.len(), 2, "{:?}", tick.notices);
    let titles: Vec<&str> = due.iter().map(|n| n.title.as_str()).collect();
    assert!(
        titles.contains(&"Aura Vexx: a contract expires in 20 h"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Aura Vexx: a courier contract is due in 4 h"),
        "{titles:?}"
    );
    let courier = due.iter().find(|n| n.title.contains("courier")).unwrap();
    assert!(
        courier
            .body
            .starts_with("Courier to Amarr VIII - Emperor Family Academy."),
        "{}",
        courier.body
    );
    assert!(of(&tick.notices, NoticeKind::ContractsAccepted).is_empty());
    let again = alarms.tick(&rig.core).await.unwrap();
    assert!(again.notices.is_empty(), "once: {:?}", again.notices);

    // Tess takes the Rifters in game; the next read learns it.
    let at = rig.core.now_ms() + MINUTE;
    rig.sim
        .with_world(|w| w.accept_contract(AURA_RIFTERS_CONTRACT, TESS, at));
    rig.sim.clock().advance_ms(6 * MINUTE);
    refresh_stale(&rig.core, &CONTRACTS).await.unwrap();
    let tick = alarms.tick(&rig.core).await.unwrap();
    let accepted = of(&tick.notices, NoticeKind::ContractsAccepted);
    assert_eq!(accepted.len(), 1, "{:?}", tick.notices);
    assert_eq!(accepted[0].title, "Aura Vexx: contract accepted");
    assert_eq!(accepted[0].body, "3 Rifters");
    assert!(rig.sim.breaches().is_empty(), "{:?}", rig.sim.breaches());
}

#[tokio::test]
async fn a_contract_accepted_before_the_app_started_is_told_as_while_away() {
    let rig = Rig::start(TestVault::File).await;
    feature_set(&rig.core, Feature::Contracts, true)
        .await
        .unwrap();
    // Taken in game two hours ago, while the app was not running.
    rig.sim
        .with_world(|w| w.accept_contract(AURA_RIFTERS_CONTRACT, TESS, NOW - 2 * HOUR));
    rig.login(AURA).await.0.unwrap();
    refresh_stale(&rig.core, &CONTRACTS).await.unwrap();
    let alarms = Alarms::new(NOW);
    let tick = alarms.tick(&rig.core).await.unwrap();
    let accepted = of(&tick.notices, NoticeKind::ContractsAccepted);
    assert_eq!(accepted.len(), 1, "{:?}", tick.notices);
    assert_eq!(
        accepted[0].title,
        "Aura Vexx: contract accepted while you were away"
    );
    // The sale three days ago is old news: never told.
    assert!(
        !accepted[0].body.contains("Item exchange"),
        "{}",
        accepted[0].body
    );
}
