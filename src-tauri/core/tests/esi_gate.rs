//! The ESI gate against the simulator, proved from the simulator's request log.

use std::sync::Arc;
use std::time::Duration;

use cynosure_core::esi::EsiGate;
use cynosure_core::esi::{routes, Fetched, GateConfig, GateError};
use cynosure_core::{Clock, IpcError};
use cynosure_sim::world::{AURA, CORP_BRAVE};
use cynosure_sim::{Fault, FaultKind, Sim, SimClock, SimConfig};
use serde_json::Value;

const NOW: i64 = 1_795_014_400_000; // 15:06:40 UTC, away from the daily downtime
/// ESI's status route: public, under a rate-limit group, cached 30 s.
const STATUS: routes::Route = routes::Route {
    name: "status",
    method: "get",
    path: "/status",
    cache_secs: 30,
    group: Some("status"),
};
const SCOPES: &[&str] = &[
    "esi-location.read_online.v1",
    "esi-skills.read_skills.v1",
    "esi-skills.read_skillqueue.v1",
    "esi-industry.read_corporation_jobs.v1",
    "esi-characters.read_corporation_roles.v1",
];

/// The simulator's clock, seen by the core: both agree on "now".
#[derive(Debug)]
struct SimTime(Arc<SimClock>);

impl Clock for SimTime {
    fn now_ms(&self) -> i64 {
        self.0.now_ms()
    }
}

async fn setup(tune: impl FnOnce(&mut GateConfig)) -> (Sim, EsiGate, String) {
    let sim = Sim::start(SimConfig {
        clock: SimClock::frozen_at(NOW),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let mut config = GateConfig::at(sim.base_url());
    config.backoff_base = Duration::from_millis(1);
    tune(&mut config);
    let gate = EsiGate::new(config, Arc::new(SimTime(sim.clock_handle()))).unwrap();
    let token = sim.issue_tokens(AURA, SCOPES).unwrap().access_token;
    (sim, gate, token)
}

fn esi_requests(sim: &Sim, route: &str) -> usize {
    sim.requests().iter().filter(|r| r.route == route).count()
}

#[tokio::test]
async fn a_304_round_trip_and_no_request_before_expires() {
    let (sim, gate, token) = setup(|_| {}).await;
    let path = format!("/characters/{AURA}/online");

    let first: Fetched<Value> = gate
        .get(routes::ONLINE, &path, Some(AURA), Some(&token), None)
        .await
        .unwrap();
    let Fetched::Fresh {
        body,
        etag,
        expires_at_ms,
    } = first
    else {
        panic!("fresh body expected")
    };
    assert_eq!(body["online"], true);
    assert_eq!(expires_at_ms, NOW + 60_000, "from the Expires header");
    let etag = etag.unwrap();

    // Inside the cache window: answered by the gate, no request.
    let again: Fetched<Value> = gate
        .get(routes::ONLINE, &path, Some(AURA), Some(&token), Some(&etag))
        .await
        .unwrap();
    assert!(matches!(again, Fetched::NotModified { .. }));
    assert_eq!(esi_requests(&sim, "esi.online"), 1);

    sim.clock().advance_secs(61);
    let after: Fetched<Value> = gate
        .get(routes::ONLINE, &path, Some(AURA), Some(&token), Some(&etag))
        .await
        .unwrap();
    assert_eq!(
        after,
        Fetched::NotModified {
            etag: Some(etag.clone()),
            expires_at_ms: NOW + 61_000 + 60_000
        }
    );
    let log = sim.requests();
    let online: Vec<_> = log.iter().filter(|r| r.route == "esi.online").collect();
    assert_eq!(online.len(), 2);
    assert_eq!(online[1].status, 304);
    assert_eq!(online[1].if_none_match.as_deref(), Some(etag.as_str()));
}

#[tokio::test]
async fn every_request_carries_the_user_agent_and_the_compatibility_date() {
    let (sim, gate, token) = setup(|_| {}).await;
    let _: Fetched<Value> = gate
        .get(
            routes::SKILLS,
            &format!("/characters/{AURA}/skills"),
            Some(AURA),
            Some(&token),
            None,
        )
        .await
        .unwrap();
    let _: Fetched<Value> = gate.get(STATUS, "/status", None, None, None).await.unwrap();
    let _: Vec<Value> = gate
        .post(routes::NAMES, "/universe/names", &[587])
        .await
        .unwrap();
    let log = sim.requests();
    assert_eq!(log.len(), 3);
    for r in log {
        let ua = r.user_agent.unwrap();
        assert!(
            ua.starts_with(&format!("Cynosure/{} (", cynosure_core::VERSION)),
            "{ua}"
        );
        assert!(
            ua.contains("+https://github.com/cynosure-app/cynosure/issues)"),
            "{ua}"
        );
        assert!(!ua.contains("noreply"), "{ua}");
        assert_eq!(r.compatibility_date.as_deref(), Some("2026-08-18"));
    }
    // As CCP asks: the application, its version and a contact that reaches a person.
    assert_eq!(sim.breaches(), vec![]);
}

#[tokio::test]
async fn a_spent_rate_limit_sends_nothing_until_its_tokens_return() {
    let (sim, gate, token) = setup(|_| {}).await;
    sim.set_rate_limit("char-detail", 4);
    let skills = format!("/characters/{AURA}/skills");
    let queue = format!("/characters/{AURA}/skillqueue");
    let _: Fetched<Value> = gate
        .get(routes::SKILLS, &skills, Some(AURA), Some(&token), None)
        .await
        .unwrap();
    let _: Fetched<Value> = gate
        .get(routes::SKILLQUEUE, &queue, Some(AURA), Some(&token), None)
        .await
        .unwrap();

    let refused = gate
        .get::<Value>(
            routes::ROLES,
            &format!("/characters/{AURA}/roles"),
            Some(AURA),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        refused,
        Err(GateError::BudgetExhausted {
            retry_at_ms: NOW + 15 * 60_000
        })
    );
    assert_eq!(sim.requests().len(), 2, "nothing sent into a spent budget");
    let snapshot = gate.budget_snapshot();
    assert!(snapshot
        .rate_limits
        .iter()
        .any(|r| r.group == "char-detail" && r.remaining == Some(0)));

    sim.clock().advance_secs(15 * 60);
    let _: Fetched<Value> = gate
        .get(
            routes::ROLES,
            &format!("/characters/{AURA}/roles"),
            Some(AURA),
            Some(&token),
            None,
        )
        .await
        .unwrap();
    assert_eq!(sim.requests().len(), 3);
}

#[tokio::test]
async fn a_429_is_waited_out_for_its_retry_after() {
    let (sim, gate, token) = setup(|_| {}).await;
    sim.add_fault(Fault {
        route: "esi.skills".into(),
        kind: FaultKind::Status { status: 429 },
        times: Some(1),
    });
    let path = format!("/characters/{AURA}/skills");
    let first = gate
        .get::<Value>(routes::SKILLS, &path, Some(AURA), Some(&token), None)
        .await;
    assert_eq!(
        first,
        Err(GateError::BudgetExhausted {
            retry_at_ms: NOW + 2_000
        })
    );
    let second = gate
        .get::<Value>(routes::SKILLS, &path, Some(AURA), Some(&token), None)
        .await;
    assert!(matches!(second, Err(GateError::BudgetExhausted { .. })));
    assert_eq!(
        esi_requests(&sim, "esi.skills"),
        1,
        "no request before Retry-After"
    );
    sim.clock().advance_secs(2);
    assert!(gate
        .get::<Value>(routes::SKILLS, &path, Some(AURA), Some(&token), None)
        .await
        .is_ok());
    assert_eq!(
        esi_requests(&sim, "esi.skills"),
        2,
        "the first request after Retry-After"
    );
}

#[tokio::test]
async fn a_spent_error_limit_stops_all_requests_until_it_resets() {
    let (sim, gate, _) = setup(|_| {}).await;
    for _ in 0..100 {
        let r = gate
            .post::<_, Vec<Value>>(routes::NAMES, "/universe/names", &[999_999_999])
            .await;
        assert!(matches!(r, Err(GateError::NotFound { .. })), "{r:?}");
    }
    let blocked = gate
        .post::<_, Vec<Value>>(routes::NAMES, "/universe/names", &[587])
        .await;
    assert!(
        matches!(blocked, Err(GateError::BudgetExhausted { .. })),
        "{blocked:?}"
    );
    let blocked_other = gate.get::<Value>(STATUS, "/status", None, None, None).await;
    assert!(
        matches!(blocked_other, Err(GateError::BudgetExhausted { .. })),
        "the error limit is global"
    );
    assert_eq!(sim.requests().len(), 100);
    assert_eq!(gate.budget_snapshot().error_limit_remain, Some(0));
    sim.clock().advance_secs(60);
    assert!(gate
        .post::<_, Vec<Value>>(routes::NAMES, "/universe/names", &[587])
        .await
        .is_ok());
}

#[tokio::test]
async fn a_5xx_storm_is_retried_at_most_the_capped_number_of_times() {
    let (sim, gate, token) = setup(|c| c.max_retries = 2).await;
    sim.add_fault(Fault {
        route: "esi.skillqueue".into(),
        kind: FaultKind::Status { status: 503 },
        times: None,
    });
    let r = gate
        .get::<Value>(
            routes::SKILLQUEUE,
            &format!("/characters/{AURA}/skillqueue"),
            Some(AURA),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        r,
        Err(GateError::ServerError {
            status: 503,
            attempts: 3
        })
    );
    assert_eq!(esi_requests(&sim, "esi.skillqueue"), 3);
}

#[tokio::test]
async fn a_4xx_is_not_retried() {
    let (sim, gate, _) = setup(|_| {}).await;
    let no_scope = sim
        .issue_tokens(AURA, &["esi-location.read_online.v1"])
        .unwrap()
        .access_token;
    let r = gate
        .get::<Value>(
            routes::SKILLS,
            &format!("/characters/{AURA}/skills"),
            Some(AURA),
            Some(&no_scope),
            None,
        )
        .await;
    assert!(matches!(r, Err(GateError::ScopeRefused { .. })), "{r:?}");
    assert_eq!(esi_requests(&sim, "esi.skills"), 1);
}

#[tokio::test]
async fn timeouts_are_retried_then_reported() {
    let (sim, gate, token) = setup(|c| {
        c.timeout = Duration::from_millis(300);
        c.max_retries = 1;
    })
    .await;
    sim.add_fault(Fault {
        route: "esi.online".into(),
        kind: FaultKind::Timeout,
        times: None,
    });
    let r = gate
        .get::<Value>(
            routes::ONLINE,
            &format!("/characters/{AURA}/online"),
            Some(AURA),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r, Err(GateError::Timeout { attempts: 2 }));
    assert_eq!(esi_requests(&sim, "esi.online"), 2);
}

#[tokio::test]
async fn all_pages_of_a_paged_route_are_fetched() {
    let (sim, gate, token) = setup(|_| {}).await;
    sim.with_options(|o| o.page_size = 2);
    sim.with_world(|w| {
        let corp = w.corporations.get_mut(&CORP_BRAVE).unwrap();
        for n in 0..4 {
            corp.jobs.push(cynosure_sim::world::job(
                700 + n,
                AURA,
                691,
                587,
                1,
                NOW,
                NOW + 60_000,
            ));
        }
    });
    let path = format!("/corporations/{CORP_BRAVE}/industry/jobs");
    let all: Fetched<Vec<Value>> = gate
        .get_all_pages(
            routes::CORPORATION_JOBS,
            &path,
            Some(AURA),
            Some(&token),
            None,
        )
        .await
        .unwrap();
    let Fetched::Fresh { body, etag, .. } = all else {
        panic!()
    };
    assert_eq!(body.len(), 5);
    let pages: Vec<Option<i64>> = sim
        .requests()
        .iter()
        .filter(|r| r.route == "esi.corporation_jobs")
        .map(|r| r.page)
        .collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);

    // Unchanged after expiry: every page answers 304 to its own ETag (a 304 on page 1
    // proves nothing about the others).
    sim.clock().advance_secs(301);
    let again: Fetched<Vec<Value>> = gate
        .get_all_pages(
            routes::CORPORATION_JOBS,
            &path,
            Some(AURA),
            Some(&token),
            etag.as_deref(),
        )
        .await
        .unwrap();
    assert!(matches!(again, Fetched::NotModified { .. }));
    let statuses: Vec<u16> = sim
        .requests()
        .iter()
        .filter(|r| r.route == "esi.corporation_jobs")
        .skip(3)
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [304, 304, 304]);
}

#[tokio::test]
async fn malformed_truncated_and_non_json_bodies_are_errors_not_panics() {
    let (sim, gate, token) = setup(|_| {}).await;
    let path = format!("/characters/{AURA}/skills");
    for (i, kind) in [
        FaultKind::MalformedBody,
        FaultKind::TruncatedBody,
        FaultKind::WrongContentType,
    ]
    .into_iter()
    .enumerate()
    {
        sim.clock().advance_secs(61);
        sim.add_fault(Fault {
            route: "esi.skills".into(),
            kind,
            times: Some(1),
        });
        let r = gate
            .get::<Value>(routes::SKILLS, &path, Some(AURA), Some(&token), None)
            .await;
        let Err(error @ GateError::Malformed(_)) = r else {
            panic!("case {i}: {r:?}")
        };
        let ipc: IpcError = error.into();
        assert_eq!(ipc.code, "esi.malformed");
    }
}

#[tokio::test]
async fn the_daily_downtime_is_an_expected_outage_not_a_retry_storm() {
    let day = NOW - NOW.rem_euclid(86_400_000);
    let sim = Sim::start(SimConfig {
        clock: SimClock::frozen_at(day + 11 * 3_600_000 + 5 * 60_000),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    sim.with_options(|o| o.downtime = true);
    let mut config = GateConfig::at(sim.base_url());
    config.backoff_base = Duration::from_millis(1);
    let gate = EsiGate::new(config, Arc::new(SimTime(sim.clock_handle()))).unwrap();
    let r = gate.get::<Value>(STATUS, "/status", None, None, None).await;
    assert_eq!(
        r,
        Err(GateError::Downtime {
            until_ms: day + 11 * 3_600_000 + 15 * 60_000
        })
    );
    assert_eq!(sim.requests().len(), 1);
    let message = IpcError::from(r.unwrap_err()).message;
    assert_eq!(message, "ESI is in its daily downtime until 11:15 UTC.");
}
