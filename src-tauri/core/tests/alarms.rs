//! The job and skill-queue alarms against the simulator, on a shared controllable clock:
//! when they ring, what they say, and that they ring once.

mod common;

use std::time::Duration;

use common::{Rig, NOW};
use cynosure_core::alarms::models::{Notice, NoticeKind};
use cynosure_core::alarms::task::{run, Alarms};
use cynosure_core::industry::commands::refresh_jobs;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::skills::descriptors::SKILLQUEUE;
use cynosure_core::store::notified;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_sim::world::{job, AURA, BRAKK, CORP_BRAVE};

const MINUTE: i64 = 60_000;
const RIFTER_JOB: i64 = 500_000_001;
const CORP_JOB: i64 = 500_000_101;

/// A rig with these characters linked and their job and queue boards read once.
async fn read_boards(characters: &[i64]) -> Rig {
    let rig = Rig::linked(characters).await;
    refresh_jobs(&rig.core).await;
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    rig.sim.clear_log();
    rig
}

async fn ring(alarms: &Alarms, rig: &Rig) -> Vec<Notice> {
    alarms.tick(&rig.core).await.unwrap().notices
}

fn advance_to(rig: &Rig, at: i64) {
    let now = rig.sim.clock().now_ms();
    rig.sim.clock().advance_ms(at - now);
}

async fn ledger(rig: &Rig) -> Vec<i64> {
    let mut ids: Vec<i64> = notified::jobs(rig.core.db())
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    ids.sort_unstable();
    ids
}

/// Changes one or more settings, as the Settings view does.
async fn set(rig: &Rig, change: impl FnOnce(&mut SettingsPatch)) {
    let mut patch = SettingsPatch::default();
    change(&mut patch);
    settings_update(&rig.core, patch).await.unwrap();
}

#[tokio::test]
async fn a_job_rings_at_its_end_not_before_and_only_once_even_across_a_restart() {
    let mut rig = read_boards(&[AURA]).await;
    let alarms = Alarms::new(NOW);

    let first = alarms.tick(&rig.core).await.unwrap();
    assert!(first.notices.is_empty());
    assert_eq!(
        first.next_at,
        Some(NOW + 2 * MINUTE),
        "armed for the Rifter job"
    );

    advance_to(&rig, NOW + 2 * MINUTE - 1);
    assert!(
        ring(&alarms, &rig).await.is_empty(),
        "not a millisecond early"
    );

    advance_to(&rig, NOW + 2 * MINUTE);
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::JobsReady);
    assert_eq!(notices[0].title, "Job ready — Manufacturing: 10 × Rifter");
    assert_eq!(
        notices[0].body,
        "Aura Vexx · Jita IV - Moon 4 - Caldari Navy Assembly Plant"
    );
    assert!(ring(&alarms, &rig).await.is_empty(), "rung once");
    assert_eq!(ledger(&rig).await, [RIFTER_JOB]);

    rig.restart().await;
    let after_restart = Alarms::new(rig.sim.clock().now_ms());
    assert!(
        ring(&after_restart, &rig).await.is_empty(),
        "no repeat after a restart"
    );
}

#[tokio::test]
async fn a_quiet_look_finds_nothing_new_until_a_board_is_stored() {
    let rig = Rig::linked(&[AURA]).await;
    let end_rifter = |end_ms| {
        rig.sim.with_world(|w| {
            w.characters.get_mut(&AURA).unwrap().jobs[0].end_ms = end_ms;
        })
    };
    end_rifter(NOW + 20 * MINUTE);
    rig.sim.with_world(|w| {
        w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs[0].end_ms = NOW + 60 * MINUTE;
    });
    refresh_jobs(&rig.core).await;
    let alarms = Alarms::new(NOW);
    let first = alarms.tick(&rig.core).await.unwrap();
    assert_eq!(first.next_at, Some(NOW + 20 * MINUTE));

    // In game the job is sped up; the stored board still says 20 minutes.
    end_rifter(NOW + 6 * MINUTE);
    advance_to(&rig, NOW + 6 * MINUTE);
    let quiet = alarms.tick(&rig.core).await.unwrap();
    assert!(quiet.notices.is_empty());
    assert_eq!(quiet.next_at, Some(NOW + 20 * MINUTE));

    // The board read again (past ESI's cache window) is looked at before that moment.
    refresh_jobs(&rig.core).await;
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].title, "Job ready — Manufacturing: 10 × Rifter");
}

#[tokio::test]
async fn jobs_ready_in_the_same_minute_make_one_notification() {
    let rig = Rig::linked(&[AURA]).await;
    // The corporation's job ends 15 s after the Rifter job, in the same minute.
    rig.sim.with_world(|w| {
        let corp = w.corporations.get_mut(&CORP_BRAVE).unwrap();
        corp.jobs[0].end_ms = NOW + 2 * MINUTE + 15_000;
    });
    refresh_jobs(&rig.core).await;
    let alarms = Alarms::new(NOW);

    advance_to(&rig, NOW + 2 * MINUTE);
    let early = alarms.tick(&rig.core).await.unwrap();
    assert!(early.notices.is_empty(), "waits for the rest of its minute");
    assert_eq!(early.next_at, Some(NOW + 2 * MINUTE + 15_000));

    advance_to(&rig, NOW + 2 * MINUTE + 15_000);
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].title, "2 jobs ready");
    assert_eq!(
        notices[0].body,
        "Manufacturing: 10 × Rifter (Aura Vexx)\nManufacturing: 20 × 200mm Railgun I (Brave Industries)"
    );
    assert_eq!(ledger(&rig).await, [RIFTER_JOB, CORP_JOB]);
}

#[tokio::test]
async fn jobs_that_finished_while_the_app_was_closed_make_one_summary() {
    let mut rig = read_boards(&[AURA]).await;
    rig.core.close().await;
    advance_to(&rig, NOW + 10 * MINUTE);
    rig.restart().await;

    let alarms = Alarms::new(rig.sim.clock().now_ms());
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::JobsReadyWhileAway);
    assert_eq!(notices[0].title, "While you were away: 2 jobs ready");
    assert!(notices[0].body.contains("10 × Rifter (Aura Vexx)"));
    assert!(notices[0].body.contains("20 × 200mm Railgun I"));
    // The boards had expired: each owner's board was read once before ringing.
    assert_eq!(rig.requests_of("esi.character_jobs").len(), 1);
    assert_eq!(rig.requests_of("esi.corporation_jobs").len(), 1);
}

#[tokio::test]
async fn a_job_cancelled_in_game_stays_silent_and_a_delivered_job_is_forgotten() {
    let rig = read_boards(&[AURA]).await;
    let alarms = Alarms::new(NOW);
    assert!(ring(&alarms, &rig).await.is_empty());

    // Cancelled in game after the board was read: only the refresh before ringing knows.
    rig.sim.with_world(|w| {
        w.characters
            .get_mut(&AURA)
            .unwrap()
            .jobs
            .retain(|j| j.job_id != RIFTER_JOB)
    });
    advance_to(&rig, NOW + 6 * MINUTE);
    let notices = ring(&alarms, &rig).await;
    assert_eq!(
        rig.requests_of("esi.character_jobs").len(),
        1,
        "one refresh before ringing"
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(
        notices[0].title,
        "Job ready — Manufacturing: 20 × 200mm Railgun I"
    );
    assert!(notices[0].body.starts_with("Brave Industries"));
    assert_eq!(ledger(&rig).await, [CORP_JOB]);

    // Delivered: gone from the board, so gone from the ledger.
    rig.sim
        .with_world(|w| w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs.clear());
    advance_to(&rig, NOW + 12 * MINUTE);
    refresh_jobs(&rig.core).await;
    assert!(ring(&alarms, &rig).await.is_empty());
    assert!(
        ledger(&rig).await.is_empty(),
        "a delivered job is forgotten"
    );
}

#[tokio::test]
async fn notifications_turned_off_ring_nothing_and_do_not_pile_up() {
    let rig = read_boards(&[AURA]).await;
    let alarms = Alarms::new(NOW);
    set(&rig, |p| p.job_notifications = Some(false)).await;
    advance_to(&rig, NOW + 10 * MINUTE);
    assert!(ring(&alarms, &rig).await.is_empty());
    assert_eq!(
        rig.requests_of("esi.character_jobs").len(),
        0,
        "no refresh for a silent alarm"
    );

    // Turned on again later: the jobs that finished meanwhile are old news.
    set(&rig, |p| p.job_notifications = Some(true)).await;
    assert!(ring(&alarms, &rig).await.is_empty());
}

#[tokio::test]
async fn corporation_jobs_can_be_left_out() {
    let rig = read_boards(&[AURA]).await;
    let alarms = Alarms::new(NOW);
    set(&rig, |p| p.corporation_job_notifications = Some(false)).await;
    advance_to(&rig, NOW + 6 * MINUTE);
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].title, "Job ready — Manufacturing: 10 × Rifter");
}

#[tokio::test]
async fn a_skill_queue_warns_before_it_ends_and_rings_when_it_runs_out_once() {
    let mut rig = read_boards(&[BRAKK]).await;
    let alarms = Alarms::new(NOW);

    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::QueueEnding);
    assert_eq!(
        notices[0].title,
        "Skill queue ends in 20 min — Brakk Tollan"
    );
    assert!(ring(&alarms, &rig).await.is_empty(), "warned once");

    advance_to(&rig, NOW + 20 * MINUTE);
    let notices = ring(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::QueueEmpty);
    assert_eq!(notices[0].title, "Skill queue empty — Brakk Tollan");
    assert_eq!(
        rig.requests_of("esi.skillqueue").len(),
        1,
        "one refresh before ringing"
    );

    rig.restart().await;
    let after_restart = Alarms::new(rig.sim.clock().now_ms());
    assert!(
        ring(&after_restart, &rig).await.is_empty(),
        "no repeat after a restart"
    );
}

#[tokio::test]
async fn skill_queue_alerts_follow_their_settings() {
    let rig = read_boards(&[BRAKK]).await;
    let alarms = Alarms::new(NOW);
    set(&rig, |p| p.skill_queue_warning_hours = Some(0)).await;
    assert!(
        ring(&alarms, &rig).await.is_empty(),
        "no warning at 0 hours"
    );
    set(&rig, |p| p.skill_queue_notifications = Some(false)).await;
    advance_to(&rig, NOW + 21 * MINUTE);
    assert!(ring(&alarms, &rig).await.is_empty(), "off: nothing");
}

async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Notice>) -> Notice {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a notification within 10 s (the task sleeps up to a minute)")
        .expect("the task is running")
}

/// The task itself: asleep until the job's end, it wakes when a setting or a board
/// changes rather than waiting out its sleep.
#[tokio::test]
async fn the_alarm_task_wakes_when_a_board_or_a_setting_changes() {
    let rig = Rig::linked(&[AURA]).await;
    // Only Aura's board changes below (the corporation's board would raise its own
    // notification, in whichever order the two refreshes land).
    rig.sim
        .with_world(|w| w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs.clear());
    refresh_jobs(&rig.core).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(run(rig.core.clone(), move |n| {
        let _ = tx.send(n);
    }));

    // The clock jumps past the Rifter job (a resume from suspend); a settings change
    // wakes the task.
    advance_to(&rig, NOW + 2 * MINUTE);
    set(&rig, |p| p.job_refresh_minutes = Some(30)).await;
    assert_eq!(
        next(&mut rx).await.title,
        "Job ready — Manufacturing: 10 × Rifter"
    );

    // A job started and finished in game, learned by a board refresh: the board change
    // wakes the task.
    rig.sim.with_world(|w| {
        let quick = job(500_000_009, AURA, 1137, 222, 40, NOW, NOW + 3 * MINUTE);
        w.characters.get_mut(&AURA).unwrap().jobs.push(quick);
    });
    advance_to(&rig, NOW + 6 * MINUTE);
    refresh_jobs(&rig.core).await;
    assert_eq!(
        next(&mut rx).await.title,
        "Job ready — Manufacturing: 40 × Antimatter Charge S"
    );
    task.abort();
}
