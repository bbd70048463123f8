//! The simulator's ESI: real headers, conditional reads, budgets, auth checks, paging
//! and faults, proved from responses and the request log.

mod common;

use common::*;
use cynosure_sim::world::{AURA, BRAKK, CORP_BRAVE};
use cynosure_sim::{Fault, FaultKind};
use cynosure_testkit::http_client;

fn h(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn an_etag_round_trip_gives_304_and_the_cache_holds_until_expires() {
    let sim = sim().await;
    let t = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    let path = format!("/characters/{AURA}/online");

    let first = esi(&sim, &path, Some(&t), None).await;
    assert_eq!(first.status(), 200);
    let etag = h(&first, "etag").unwrap();
    assert_eq!(
        h(&first, "expires").unwrap(),
        httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs((NOW / 1000 + 60) as u64)
        )
    );
    assert!(h(&first, "last-modified").is_some());
    assert_eq!(
        h(&first, "x-ratelimit-group").as_deref(),
        Some("char-location")
    );
    assert_eq!(h(&first, "x-ratelimit-limit").as_deref(), Some("1200/15m"));
    assert_eq!(h(&first, "x-ratelimit-used").as_deref(), Some("2"));
    assert!(
        h(&first, "x-esi-error-limit-remain").is_none(),
        "the two budgets' headers are exclusive"
    );
    let body: serde_json::Value = first.json().await.unwrap();
    assert_eq!(body["online"], true);

    let again = esi(&sim, &path, Some(&t), Some(&etag)).await;
    assert_eq!(again.status(), 304);
    assert_eq!(h(&again, "x-ratelimit-used").as_deref(), Some("1"));

    // The world changes, but ESI serves its cached answer until it expires.
    sim.with_world(|w| w.characters.get_mut(&AURA).unwrap().online = false);
    let cached = esi(&sim, &path, Some(&t), Some(&etag)).await;
    assert_eq!(cached.status(), 304);
    sim.clock().advance_secs(61);
    let fresh = esi(&sim, &path, Some(&t), Some(&etag)).await;
    assert_eq!(fresh.status(), 200);
    assert_ne!(h(&fresh, "etag").unwrap(), etag);
    let body: serde_json::Value = fresh.json().await.unwrap();
    assert_eq!(body["online"], false);

    let log = sim.requests();
    let statuses: Vec<u16> = log
        .iter()
        .filter(|r| r.route == "esi.online")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 304, 304, 200]);
    assert!(log
        .iter()
        .all(|r| r.compatibility_date.as_deref() == Some("2026-08-18")));
    assert_eq!(log[1].if_none_match.as_deref(), Some(etag.as_str()));
}

#[tokio::test]
async fn authenticated_routes_check_the_token_its_scopes_and_its_character() {
    let sim = sim().await;
    let path = format!("/characters/{AURA}/skills");
    assert_eq!(esi(&sim, &path, None, None).await.status(), 401);
    assert_eq!(
        esi(&sim, &path, Some("not.a.jwt"), None).await.status(),
        401
    );

    let no_skills = sim
        .issue_tokens(AURA, &["esi-location.read_online.v1"])
        .unwrap()
        .access_token;
    let r = esi(&sim, &path, Some(&no_skills), None).await;
    assert_eq!(r.status(), 403);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("scope"), "{body}");

    let brakk = sim.issue_tokens(BRAKK, &ALL_SCOPES).unwrap().access_token;
    assert_eq!(
        esi(&sim, &path, Some(&brakk), None).await.status(),
        403,
        "another character's token"
    );

    let aura = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    sim.clock().advance_secs(1201);
    let r = esi(&sim, &path, Some(&aura), None).await;
    assert_eq!(r.status(), 401, "expired token");
}

#[tokio::test]
async fn corporation_jobs_need_the_factory_manager_role_and_page_with_x_pages() {
    let sim = sim().await;
    sim.with_options(|o| o.page_size = 1);
    sim.with_world(|w| {
        let corp = w.corporations.get_mut(&CORP_BRAVE).unwrap();
        for n in 0..2 {
            corp.jobs.push(cynosure_sim::world::job(
                600 + n,
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

    let member = sim.issue_tokens(BRAKK, &ALL_SCOPES).unwrap().access_token;
    let r = esi(&sim, &path, Some(&member), None).await;
    assert_eq!(r.status(), 403);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("role"), "{body}");

    let manager = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    let first = esi(&sim, &path, Some(&manager), None).await;
    assert_eq!(first.status(), 200);
    assert_eq!(h(&first, "x-pages").as_deref(), Some("3"));
    let mut ids = vec![];
    for page in 1..=3 {
        let r = esi(&sim, &format!("{path}?page={page}"), Some(&manager), None).await;
        let jobs: Vec<serde_json::Value> = r.json().await.unwrap();
        assert_eq!(jobs.len(), 1);
        assert!(jobs[0].get("location_id").is_some() && jobs[0].get("station_id").is_none());
        ids.push(jobs[0]["job_id"].as_i64().unwrap());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn an_exhausted_rate_limit_answers_429_with_retry_after_until_tokens_return() {
    let sim = sim().await;
    sim.set_rate_limit("char-detail", 4);
    let t = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    assert_eq!(
        esi(&sim, &format!("/characters/{AURA}/skills"), Some(&t), None)
            .await
            .status(),
        200
    );
    // Skill queue shares the char-detail bucket.
    let second = esi(
        &sim,
        &format!("/characters/{AURA}/skillqueue"),
        Some(&t),
        None,
    )
    .await;
    assert_eq!(second.status(), 200);
    assert_eq!(h(&second, "x-ratelimit-remaining").as_deref(), Some("0"));

    let limited = esi(&sim, &format!("/characters/{AURA}/roles"), Some(&t), None).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(h(&limited, "retry-after").as_deref(), Some("900"));
    assert_eq!(
        h(&limited, "x-ratelimit-used").as_deref(),
        Some("0"),
        "a 429 costs nothing"
    );

    sim.clock().advance_secs(900);
    assert_eq!(
        esi(&sim, &format!("/characters/{AURA}/roles"), Some(&t), None)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn routes_without_a_group_carry_the_error_limit_and_answer_420_when_it_is_spent() {
    let sim = sim().await;
    let names = |ids: &str| {
        http_client(false)
            .post(format!("{}/universe/names", sim.base_url()))
            .header("X-Compatibility-Date", "2026-08-18")
            .header("Content-Type", "application/json")
            .body(ids.to_owned())
            .send()
    };
    let ok = names("[587, 30000142]").await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(h(&ok, "x-esi-error-limit-remain").as_deref(), Some("100"));
    assert!(h(&ok, "x-ratelimit-group").is_none());
    let body: Vec<serde_json::Value> = ok.json().await.unwrap();
    assert_eq!(body[0]["name"], "Rifter");

    let bad = names("[587, 999999999]").await.unwrap();
    assert_eq!(bad.status(), 404, "one unknown id fails the batch");
    assert_eq!(h(&bad, "x-esi-error-limit-remain").as_deref(), Some("99"));
    for _ in 0..99 {
        names("[999999999]").await.unwrap();
    }
    let limited = names("[587]").await.unwrap();
    assert_eq!(limited.status(), 420);
    assert_eq!(
        h(&limited, "x-esi-error-limit-remain").as_deref(),
        Some("0")
    );
    let reset: i64 = h(&limited, "x-esi-error-limit-reset")
        .unwrap()
        .parse()
        .unwrap();
    sim.clock().advance_secs(reset);
    assert_eq!(names("[587]").await.unwrap().status(), 200);
}

#[tokio::test]
async fn the_compatibility_date_is_validated() {
    let sim = sim().await;
    let status = |date: &'static str| {
        http_client(false)
            .get(format!("{}/status", sim.base_url()))
            .header("X-Compatibility-Date", date)
            .send()
    };
    assert_eq!(status("2026-08-18").await.unwrap().status(), 200);
    assert_eq!(status("2099-01-01").await.unwrap().status(), 400);
    assert_eq!(status("yesterday").await.unwrap().status(), 400);
    let body: serde_json::Value = status("2026-08-18").await.unwrap().json().await.unwrap();
    assert_eq!(body["vip"], false);
}

#[tokio::test]
async fn scripted_faults_answer_instead_of_the_truth() {
    let sim = sim().await;
    let t = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    let path = format!("/characters/{AURA}/skillqueue");
    sim.add_fault(Fault {
        route: "esi.skillqueue".into(),
        kind: FaultKind::Status { status: 502 },
        times: Some(2),
    });
    assert_eq!(esi(&sim, &path, Some(&t), None).await.status(), 502);
    let second = esi(&sim, &path, Some(&t), None).await;
    assert_eq!(second.status(), 502);
    assert_eq!(
        h(&second, "x-ratelimit-used").as_deref(),
        Some("0"),
        "5xx costs nothing"
    );
    assert_eq!(
        esi(&sim, &path, Some(&t), None).await.status(),
        200,
        "fault used up"
    );

    sim.clock().advance_secs(61);
    sim.add_fault(Fault {
        route: "esi.skillqueue".into(),
        kind: FaultKind::TruncatedBody,
        times: Some(1),
    });
    let text = esi(&sim, &path, Some(&t), None).await.text().await.unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    sim.add_fault(Fault {
        route: "esi.skillqueue".into(),
        kind: FaultKind::WrongContentType,
        times: Some(1),
    });
    let r = esi(&sim, &path, Some(&t), None).await;
    assert!(h(&r, "content-type").unwrap().starts_with("text/html"));
}
