//! The owner-sync engine and the slow boards against the simulator, proved from its
//! request log with a shared, controllable clock.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::Rig;
use cynosure_core::events::CoreEvent;
use cynosure_core::industry::commands::{jobs_on_view, jobs_read};
use cynosure_core::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS};
use cynosure_core::skills::commands::{skills_on_view, skills_read};
use cynosure_core::skills::descriptors::{SKILLQUEUE, SKILLS};
use cynosure_core::store::boards::{self, BoardKey};
use cynosure_core::sync::owner_sync::{refresh_owner, refresh_stale};
use cynosure_core::sync::{BoardChange, GateState, Outcome, OwnerKind, Slice};
use cynosure_sim::world::{job, AURA, BRAKK, CORA, CORP_BRAVE, CORP_SOLO};
use cynosure_sim::{Fault, FaultKind};
use tokio::sync::broadcast::Receiver;

fn count(rig: &Rig, route: &str) -> usize {
    rig.requests_of(route).len()
}

fn esi_requests(rig: &Rig) -> usize {
    rig.sim
        .requests()
        .iter()
        .filter(|r| r.route.starts_with("esi."))
        .count()
}

/// The next `board-updated` (other events are not this test's business).
async fn next_event(rx: &mut Receiver<CoreEvent>) -> BoardChange {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event within 10 s")
            .expect("the event channel is open");
        if let CoreEvent::BoardUpdated(change) = event {
            return change;
        }
    }
}

fn no_event(rx: &mut Receiver<CoreEvent>) {
    while let Ok(event) = rx.try_recv() {
        assert!(
            !matches!(event, CoreEvent::BoardUpdated(_)),
            "no board-updated event was expected"
        );
    }
}

fn first_corporation(
    view: &cynosure_core::industry::models::JobsView,
) -> &cynosure_core::industry::models::JobsOwner {
    view.owners
        .iter()
        .find(|o| o.owner_kind == OwnerKind::Corporation)
        .expect("a corporation on the board")
}

fn outcome_of(results: &[(i64, Outcome)], owner: i64) -> Outcome {
    results
        .iter()
        .find(|(id, _)| *id == owner)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| panic!("no run for {owner}"))
}

#[tokio::test]
async fn an_open_returns_the_stored_board_then_refreshes_behind_it() {
    let rig = Rig::linked(&[AURA]).await;
    let mut events = rig.core.subscribe();

    let first = skills_on_view(&rig.core, true).await.unwrap();
    let aura = &first.characters[0];
    assert!(
        aura.skills.is_none() && aura.queue.is_none(),
        "nothing stored yet"
    );
    assert!(
        aura.skills_sync.refreshing,
        "a refresh started behind the answer"
    );

    let mut updated = Vec::new();
    for _ in 0..3 {
        updated.push(next_event(&mut events).await.slice);
    }
    updated.sort();
    assert_eq!(
        updated,
        [Slice::Skills, Slice::Skillqueue, Slice::Attributes]
    );

    let view = skills_read(&rig.core).await.unwrap();
    let aura = &view.characters[0];
    let attributes = aura.attributes.as_ref().expect("attributes read");
    assert_eq!((attributes.intelligence, attributes.memory), (27, 21));
    assert_eq!(attributes.bonus_remaps, 1);
    assert!(
        attributes.accrued_remap_at.unwrap() > common::NOW,
        "the yearly remap is ahead"
    );
    let skills = aura.skills.as_ref().unwrap();
    assert_eq!(skills.unallocated_sp, 12_000);
    assert_eq!(
        skills.total_sp,
        skills.skills.iter().map(|s| s.skillpoints).sum::<i64>()
    );
    let gunnery = skills.skills.iter().find(|s| s.skill_id == 3300).unwrap();
    assert_eq!(gunnery.name.as_deref(), Some("Gunnery"), "names resolved");
    let queue = aura.queue.as_ref().unwrap();
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0].name.as_deref(), Some("Small Hybrid Turret"));
    assert_eq!(queue[0].finish_at, Some(common::NOW + 3 * 3_600_000));
    assert_eq!(aura.skills_sync.last_refreshed_at, Some(common::NOW));
    assert!(aura.skills_sync.error.is_none());
}

#[tokio::test]
async fn a_reopen_inside_the_cache_window_costs_nothing() {
    let rig = Rig::linked(&[AURA]).await;
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    // 19 minutes 40 s after sign-in the access token is near expiry, but the job board
    // (300 s) was read 10 s ago: the stale gate comes first, so no refresh either.
    rig.sim.clock().advance_secs(1170);
    refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    rig.sim.clear_log();
    rig.sim.clock().advance_secs(10);

    let results = refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    assert_eq!(outcome_of(&results, AURA), Outcome::Fresh);
    assert_eq!(
        esi_requests(&rig),
        0,
        "no ESI request inside the cache window"
    );
    assert_eq!(rig.refreshes(), 0, "no token refresh for a fresh board");
}

#[tokio::test]
async fn after_expiry_one_conditional_request_and_a_304_writes_no_payload() {
    let rig = Rig::linked(&[AURA]).await;
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    let key = BoardKey {
        owner_kind: OwnerKind::Character,
        owner_id: AURA,
        slice: Slice::Skills,
    };
    let before = boards::get(rig.core.db(), key).await.unwrap().unwrap();
    rig.sim.clear_log();
    rig.sim.clock().advance_secs(61);
    let mut events = rig.core.subscribe();

    let results = refresh_stale(&rig.core, &SKILLS).await.unwrap();
    assert_eq!(outcome_of(&results, AURA), Outcome::Stamped);
    let reads = rig.requests_of("esi.skills");
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].status, 304);
    assert_eq!(reads[0].if_none_match, before.etag, "a conditional read");
    let after = boards::get(rig.core.db(), key).await.unwrap().unwrap();
    assert_eq!(after.body, before.body);
    assert!(
        after.last_refreshed_at > before.last_refreshed_at,
        "freshness stamped"
    );
    assert!(after.expires_at > before.expires_at);
    no_event(&mut events);
}

#[tokio::test]
async fn a_changed_board_emits_one_event_and_a_reordered_one_none() {
    let rig = Rig::linked(&[AURA]).await;
    refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    let mut events = rig.core.subscribe();

    // The same jobs in another order: a new body and ETag, the same board.
    rig.sim
        .with_world(|w| w.characters.get_mut(&AURA).unwrap().jobs.reverse());
    rig.sim.clock().advance_secs(301);
    let results = refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    assert_eq!(outcome_of(&results, AURA), Outcome::Stamped);
    assert_eq!(
        rig.requests_of("esi.character_jobs").last().unwrap().status,
        200
    );
    no_event(&mut events);

    // A new job: the board changes, one event.
    let now = common::NOW + 301_000;
    rig.sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().jobs.push(job(
            500_000_009,
            AURA,
            691,
            587,
            3,
            now,
            now + 60_000,
        ));
    });
    rig.sim.clock().advance_secs(301);
    let results = refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    assert_eq!(outcome_of(&results, AURA), Outcome::Saved);
    let change = next_event(&mut events).await;
    assert_eq!(change.slice, Slice::CharacterJobs);
    assert_eq!(change.owner_kind, OwnerKind::Character);
    assert_eq!(change.owner_id, AURA);
    no_event(&mut events);
    let view = jobs_read(&rig.core).await.unwrap();
    let jobs = view.owners[0].jobs.as_ref().unwrap();
    assert_eq!(jobs.len(), 3);
    assert_eq!(jobs[2].product_name.as_deref(), Some("Rifter"));
    assert_eq!(jobs[2].activity.as_deref(), Some("Manufacturing"));
    assert_eq!(
        jobs[2].location_name.as_deref(),
        Some("Jita IV - Moon 4 - Caldari Navy Assembly Plant")
    );
}

#[tokio::test]
async fn failures_keep_the_board_and_say_why() {
    let rig = Rig::linked(&[AURA]).await;
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    let stored = skills_read(&rig.core).await.unwrap().characters[0]
        .skills
        .clone();
    assert!(stored.is_some());

    let faults = [
        (FaultKind::Status { status: 503 }, "esi.server_error"),
        (FaultKind::Status { status: 429 }, "esi.budget_exhausted"),
        (FaultKind::MalformedBody, "esi.malformed"),
        (FaultKind::TruncatedBody, "esi.malformed"),
        (FaultKind::WrongContentType, "esi.malformed"),
    ];
    for (round, (kind, code)) in faults.into_iter().enumerate() {
        // A changed board each round, so that ESI answers with a body (which the fault
        // then damages) rather than a 304.
        rig.sim.with_world(|w| {
            w.characters.get_mut(&AURA).unwrap().unallocated_sp = Some(round as i64);
        });
        rig.sim.clear_faults();
        rig.sim.add_fault(Fault {
            route: "esi.skills".into(),
            kind: kind.clone(),
            times: None,
        });
        // Past the cache window and past any budget wait or retry back-off.
        rig.sim.clock().advance_secs(3600);
        let results = refresh_stale(&rig.core, &SKILLS).await.unwrap();
        match outcome_of(&results, AURA) {
            Outcome::Failed(e) => assert_eq!(e.code, code, "{kind:?}"),
            other => panic!("{kind:?}: expected a failure, got {other:?}"),
        }
        let view = skills_read(&rig.core).await.unwrap();
        let aura = &view.characters[0];
        assert_eq!(aura.skills, stored, "{kind:?}: the board is kept");
        assert_eq!(
            aura.skills_sync.error.as_ref().map(|e| e.code.as_str()),
            Some(code)
        );

        // A re-open right after a failure does not hammer ESI.
        let before = count(&rig, "esi.skills");
        refresh_stale(&rig.core, &SKILLS).await.unwrap();
        assert_eq!(count(&rig, "esi.skills"), before, "{kind:?}: backs off");
    }

    // Once ESI answers again, the error goes.
    rig.sim.clear_faults();
    rig.sim.clock().advance_secs(3600);
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    assert!(skills_read(&rig.core).await.unwrap().characters[0]
        .skills_sync
        .error
        .is_none());
}

#[tokio::test]
async fn the_corporation_route_waits_for_a_role_holder() {
    // Brakk is in Brave Industries without a role.
    let rig = Rig::linked(&[BRAKK]).await;
    let results = refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    assert_eq!(
        outcome_of(&results, CORP_BRAVE),
        Outcome::Gated(GateState::NeedsRole)
    );
    assert_eq!(
        count(&rig, "esi.corporation_jobs"),
        0,
        "never asked without the role"
    );
    assert_eq!(count(&rig, "esi.roles"), 1, "Brakk's roles were read");
    let view = jobs_read(&rig.core).await.unwrap();
    let corp = first_corporation(&view);
    assert_eq!(corp.sync.gate_state, GateState::NeedsRole);
    assert_eq!(corp.name.as_deref(), Some("Brave Industries"));

    // Asking again inside the roles' cache time costs nothing.
    refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    assert_eq!(count(&rig, "esi.roles"), 1);
    assert_eq!(count(&rig, "esi.corporation_jobs"), 0);

    // Aura (Factory_Manager) joins: the corporation's jobs are read with her token.
    rig.login(AURA).await.0.unwrap();
    let results = refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    assert_eq!(outcome_of(&results, CORP_BRAVE), Outcome::Saved);
    let reads = rig.requests_of("esi.corporation_jobs");
    assert_eq!(reads.len(), 1);
    assert_eq!(
        reads[0].character_id,
        Some(AURA),
        "with the role-holder's token"
    );
    let view = jobs_read(&rig.core).await.unwrap();
    let corp = first_corporation(&view);
    assert_eq!(corp.sync.gate_state, GateState::Ok);
    assert_eq!(
        corp.jobs.as_ref().unwrap()[0].product_name.as_deref(),
        Some("200mm Railgun I")
    );
}

#[tokio::test]
async fn every_page_of_corporation_jobs_is_read() {
    let rig = Rig::linked(&[AURA]).await;
    rig.sim.with_options(|o| o.page_size = 2);
    rig.sim.with_world(|w| {
        let jobs = &mut w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs;
        for i in 0..4 {
            jobs.push(job(
                500_000_200 + i,
                AURA,
                691,
                587,
                1,
                common::NOW,
                common::NOW + 3_600_000,
            ));
        }
    });
    refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    let pages: Vec<Option<i64>> = rig
        .requests_of("esi.corporation_jobs")
        .iter()
        .map(|r| r.page)
        .collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3)]);
    let view = jobs_read(&rig.core).await.unwrap();
    let corp = first_corporation(&view);
    assert_eq!(corp.jobs.as_ref().unwrap().len(), 5);
}

#[tokio::test]
async fn twenty_concurrent_opens_make_one_run_per_owner() {
    let rig = Rig::linked(&[AURA, CORA]).await;
    let mut events = rig.core.subscribe();
    let mut opens = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let core = Arc::clone(&rig.core);
        opens.spawn(async move { jobs_on_view(&core).await.map(|v| v.owners.len()) });
    }
    while let Some(r) = opens.join_next().await {
        assert_eq!(r.unwrap().unwrap(), 4, "2 characters + 2 corporations");
    }
    // Aura's and Cora's personal jobs, Brave Industries' jobs (Cora has no role in hers).
    let mut changed = Vec::new();
    for _ in 0..3 {
        let c = next_event(&mut events).await;
        changed.push((c.slice, c.owner_id));
    }
    changed.sort();
    assert_eq!(
        changed,
        [
            (Slice::CharacterJobs, AURA),
            (Slice::CharacterJobs, CORA),
            (Slice::CorporationJobs, CORP_BRAVE)
        ]
    );
    // Every later open finds fresh boards (the clock stands still): the counts are final.
    let results = refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    assert!(results.iter().all(|(_, o)| *o == Outcome::Fresh));
    let per = |who: i64| {
        rig.requests_of("esi.character_jobs")
            .iter()
            .filter(|r| r.character_id == Some(who))
            .count()
    };
    assert_eq!((per(AURA), per(CORA)), (1, 1));
    assert_eq!(count(&rig, "esi.corporation_jobs"), 1);
    // Maelis Holdings' runs raise no event; one more pass settles its state (the roles
    // board is fresh by now, so it costs no request).
    refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    assert_eq!(count(&rig, "esi.corporation_jobs"), 1);
    let corp_solo = jobs_read(&rig.core).await.unwrap();
    let solo = corp_solo
        .owners
        .iter()
        .find(|o| o.owner_id == CORP_SOLO)
        .unwrap();
    assert_eq!(solo.sync.gate_state, GateState::NeedsRole);
}

#[tokio::test]
async fn a_live_run_elsewhere_is_respected_and_a_dead_one_is_not() {
    let rig = Rig::linked(&[AURA]).await;
    // Another process (the CLI) claimed Aura's skill board a moment ago.
    let key = BoardKey {
        owner_kind: OwnerKind::Character,
        owner_id: AURA,
        slice: Slice::Skills,
    };
    let now = common::NOW;
    boards::claim(rig.core.db(), key, now, now - 300_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        refresh_owner(&rig.core, &SKILLS, AURA).await.unwrap(),
        Outcome::Busy
    );
    assert_eq!(esi_requests(&rig), 0);

    // Five minutes later that run counts as dead: this one proceeds.
    rig.sim.clock().advance_secs(301);
    assert_eq!(
        refresh_owner(&rig.core, &SKILLS, AURA).await.unwrap(),
        Outcome::Saved
    );
}

#[tokio::test]
async fn a_missing_scope_is_shown_and_costs_no_request() {
    let rig = Rig::linked(&[AURA]).await;
    let mut c = cynosure_core::roster::commands::linked_character(&rig.core, AURA)
        .await
        .unwrap();
    c.scopes.retain(|s| s != "esi-skills.read_skillqueue.v1");
    cynosure_core::store::roster::upsert(rig.core.db(), &c)
        .await
        .unwrap();

    let results = refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    assert_eq!(
        outcome_of(&results, AURA),
        Outcome::Gated(GateState::MissingScope)
    );
    assert_eq!(esi_requests(&rig), 0);
    let view = skills_read(&rig.core).await.unwrap();
    assert_eq!(
        view.characters[0].queue_sync.gate_state,
        GateState::MissingScope
    );
}

#[tokio::test]
async fn unlinking_removes_the_character_boards_and_an_orphaned_corporation_board() {
    let rig = Rig::linked(&[AURA, CORA]).await;
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    refresh_stale(&rig.core, &CHARACTER_JOBS).await.unwrap();
    refresh_stale(&rig.core, &CORPORATION_JOBS).await.unwrap();
    assert_eq!(
        boards::list(rig.core.db(), Slice::Roles)
            .await
            .unwrap()
            .len(),
        2
    );

    cynosure_core::auth::commands::auth_unlink(&rig.core, AURA)
        .await
        .unwrap();
    for slice in [Slice::Skills, Slice::CharacterJobs, Slice::Roles] {
        let owners: Vec<i64> = boards::list(rig.core.db(), slice)
            .await
            .unwrap()
            .iter()
            .map(|r| r.owner_id)
            .collect();
        assert_eq!(owners, [CORA], "{slice:?}");
    }
    let corps: Vec<i64> = boards::list(rig.core.db(), Slice::CorporationJobs)
        .await
        .unwrap()
        .iter()
        .map(|r| r.owner_id)
        .collect();
    assert_eq!(
        corps,
        [CORP_SOLO],
        "Brave Industries has no linked member left"
    );
}

#[tokio::test]
async fn a_reauth_character_is_gated_without_a_request() {
    let rig = Rig::linked(&[AURA]).await;
    rig.sim.revoke_character_grants(AURA);
    rig.sim.clock().advance_secs(1300);
    let results = refresh_stale(&rig.core, &SKILLS).await.unwrap();
    assert_eq!(
        outcome_of(&results, AURA),
        Outcome::Gated(GateState::ReauthRequired)
    );
    rig.sim.clear_log();
    let results = refresh_stale(&rig.core, &SKILLS).await.unwrap();
    assert_eq!(
        outcome_of(&results, AURA),
        Outcome::Gated(GateState::ReauthRequired)
    );
    assert!(rig.sim.requests().is_empty(), "nothing asked of SSO or ESI");
}

#[tokio::test]
async fn the_background_job_refresh_keeps_its_cadence_and_respects_the_setting() {
    use cynosure_core::alarms::background::BackgroundRefresh;
    use cynosure_core::settings::commands::settings_update;
    use cynosure_core::settings::models::SettingsPatch;

    let rig = Rig::linked(&[AURA]).await;
    let mut background = BackgroundRefresh::default();
    let jobs_reads =
        |rig: &Rig| count(rig, "esi.character_jobs") + count(rig, "esi.corporation_jobs");

    assert!(background.tick(&rig.core).await, "the first tick refreshes");
    assert_eq!(jobs_reads(&rig), 2, "personal and corporation jobs");
    assert_eq!(count(&rig, "esi.skills"), 0, "only the job boards");

    rig.sim.clock().advance_secs(5 * 60);
    assert!(
        !background.tick(&rig.core).await,
        "not before the cadence (15 min)"
    );
    assert_eq!(jobs_reads(&rig), 2);

    rig.sim.clock().advance_secs(10 * 60);
    assert!(background.tick(&rig.core).await);
    assert_eq!(jobs_reads(&rig), 4, "one conditional read per board");

    // A faster cadence than the cache never reads inside the cache window.
    settings_update(
        &rig.core,
        SettingsPatch {
            job_refresh_minutes: Some(5),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    rig.sim.clock().advance_secs(5 * 60 - 10);
    assert!(!background.tick(&rig.core).await);
    rig.sim.clock().advance_secs(10);
    assert!(background.tick(&rig.core).await);
    assert_eq!(jobs_reads(&rig), 6);

    // Notifications off: nothing runs in the background.
    settings_update(
        &rig.core,
        SettingsPatch {
            job_notifications: Some(false),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    rig.sim.clock().advance_secs(3600);
    assert!(!background.tick(&rig.core).await);
    assert_eq!(jobs_reads(&rig), 6);

    // Below the cache time is refused.
    assert!(settings_update(
        &rig.core,
        SettingsPatch {
            job_refresh_minutes: Some(2),
            ..Default::default()
        }
    )
    .await
    .is_err());
}

#[tokio::test]
async fn names_are_resolved_in_batches_and_an_unknown_id_hides_nothing() {
    use cynosure_sim::world::Skill;
    let rig = Rig::linked(&[AURA]).await;
    // 1500 skills ESI can name, and one it cannot (ESI answers 404 for a whole batch that
    // holds an unknown id).
    rig.sim.with_world(|w| {
        let aura = w.characters.get_mut(&AURA).unwrap();
        for id in 100_000..101_501 {
            aura.skills.push(Skill {
                skill_id: id,
                skillpoints_in_skill: 0,
                trained_skill_level: 0,
                active_skill_level: 0,
            });
            if id != 100_777 {
                w.names
                    .insert(id, ("inventory_type".into(), format!("Skill {id}")));
            }
        }
    });
    assert_eq!(
        outcome_of(&refresh_stale(&rig.core, &SKILLS).await.unwrap(), AURA),
        Outcome::Saved
    );
    let names = rig.requests_of("esi.names");
    assert!(
        names.iter().all(|r| r.status != 400),
        "no batch over 1000 ids"
    );
    assert!(
        names.len() <= 30,
        "the bad id was found by halving: {} requests",
        names.len()
    );

    let view = skills_read(&rig.core).await.unwrap();
    let skills = &view.characters[0].skills.as_ref().unwrap().skills;
    assert_eq!(skills.len(), 1509, "no row hidden");
    let named = skills.iter().filter(|s| s.name.is_some()).count();
    assert_eq!(named, 1508, "every id ESI knows is named");
    assert!(skills
        .iter()
        .any(|s| s.skill_id == 100_777 && s.name.is_none()));

    // Names are kept: a later change resolves only what is new.
    rig.sim.clear_log();
    rig.sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().unallocated_sp = Some(1);
    });
    rig.sim.clock().advance_secs(61);
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    assert!(
        rig.requests_of("esi.names").len() <= 1,
        "only the id without a name is asked again"
    );
}
