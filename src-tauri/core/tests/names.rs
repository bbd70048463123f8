//! Names of EVE ids (issue #18, case 7). `POST /universe/names` answers 404 for a whole
//! batch when one id is unknown, and every 404 spends ESI's error limit: the bad id is
//! bisected out once, then waits (an hour, a day, …) instead of being bisected again at
//! every board change; and no name is asked for while the error limit is low.

mod common;

use common::{Rig, TestVault};
use cynosure_core::names;
use cynosure_core::store;
use cynosure_sim::world::{HOUR_MS, MINUTE_MS};
use cynosure_sim::{Fault, FaultKind, Sim};

/// A character created a minute ago: ESI cannot name it yet.
const NEWBORN: i64 = 2_124_000_001;
const KNOWN: [i64; 7] = [3300, 3301, 3327, 587, 691, 222, 1137];

fn names_requests(sim: &Sim) -> Vec<u16> {
    sim.requests()
        .iter()
        .filter(|r| r.route == "esi.names")
        .map(|r| r.status)
        .collect()
}

#[tokio::test]
async fn an_id_esi_cannot_name_is_bisected_out_once_and_asked_again_later() {
    let rig = Rig::start(TestVault::File).await;
    let mut ids = KNOWN.to_vec();
    ids.push(NEWBORN);

    names::resolve(&rig.core, &ids).await;
    let first = names_requests(&rig.sim);
    assert_eq!(first[0], 404, "the whole batch fails for one unknown id");
    let known = store::names::known(rig.core.db(), &KNOWN).await.unwrap();
    assert_eq!(known.len(), KNOWN.len(), "every other id is named");
    let not_found = first.iter().filter(|s| **s == 404).count();
    assert!(not_found <= 4, "bisecting 8 ids costs few 404s: {first:?}");

    // The next board change names the same ids: nothing is asked.
    rig.sim.clear_log();
    names::resolve(&rig.core, &ids).await;
    names::resolve(&rig.core, &[NEWBORN]).await;
    assert_eq!(names_requests(&rig.sim), Vec::<u16>::new());

    // An hour on, ESI still does not know it: asked alone once, then it waits a day.
    rig.sim.clock().advance_ms(HOUR_MS + MINUTE_MS);
    names::resolve(&rig.core, &ids).await;
    assert_eq!(names_requests(&rig.sim), vec![404]);
    rig.sim.clock().advance_ms(2 * HOUR_MS);
    names::resolve(&rig.core, &ids).await;
    assert_eq!(names_requests(&rig.sim), vec![404], "waits a day now");

    // A day later ESI knows the character: named, and no longer waiting.
    rig.sim.with_world(|w| {
        w.names
            .insert(NEWBORN, ("character".into(), "Newborn Pilot".into()))
    });
    rig.sim.clock().advance_ms(24 * HOUR_MS);
    rig.sim.clear_log();
    names::resolve(&rig.core, &ids).await;
    assert_eq!(names_requests(&rig.sim), vec![200]);
    assert_eq!(
        store::names::get(rig.core.db(), NEWBORN).await.unwrap(),
        Some("Newborn Pilot".into())
    );
}

#[tokio::test]
async fn no_name_is_asked_for_while_the_error_limit_is_low() {
    let rig = Rig::start(TestVault::File).await;
    // Errors spend the limit (ESI counts every 4xx and 5xx): here a burst of 404s on
    // names for ids nobody knows, one by one.
    for id in 0..60 {
        names::resolve(&rig.core, &[NEWBORN + 10 + id]).await;
    }
    let spent = names_requests(&rig.sim).len();
    assert!(
        spent < 60,
        "stopped asking before the limit ran low: {spent} requests"
    );
    let remain = rig
        .core
        .gate()
        .budget_snapshot()
        .error_limit_remain
        .unwrap();
    assert!(
        remain >= names::ERROR_LIMIT_FLOOR - 1,
        "{remain} errors left"
    );
    rig.sim.clear_log();
    names::resolve(&rig.core, &KNOWN).await;
    assert_eq!(
        names_requests(&rig.sim),
        Vec::<u16>::new(),
        "left for later"
    );
    // The limit's window ends (a minute): names are asked for again.
    rig.sim.clock().advance_ms(61_000);
    names::resolve(&rig.core, &KNOWN).await;
    assert_eq!(names_requests(&rig.sim), vec![200]);
}

#[tokio::test]
async fn a_429_on_names_is_remembered_like_any_other_routes() {
    let rig = Rig::start(TestVault::File).await;
    // A game-server limit: 429 with `Retry-After: 2` and no rate-limit group.
    rig.sim.add_fault(Fault {
        route: "esi.names".into(),
        kind: FaultKind::Status { status: 429 },
        times: Some(1),
    });
    names::resolve(&rig.core, &KNOWN).await;
    names::resolve(&rig.core, &KNOWN).await;
    assert_eq!(names_requests(&rig.sim), vec![429], "the wait is kept");
    rig.sim.clock().advance_ms(2_000);
    names::resolve(&rig.core, &KNOWN).await;
    assert_eq!(names_requests(&rig.sim), vec![429, 200]);
}
