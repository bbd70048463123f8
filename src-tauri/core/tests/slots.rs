//! Free industry slots and the idle-slot alarm against the simulator, on a controllable
//! clock: totals from the stored skills, slots held by stored jobs (corporation jobs
//! too), no request of their own, and one notice per idle spell.

mod common;

use common::{Rig, NOW};
use cynosure_core::alarms::models::{Notice, NoticeKind};
use cynosure_core::alarms::task::Alarms;
use cynosure_core::industry::commands::refresh_jobs;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::skills::descriptors::SKILLS;
use cynosure_core::slots::commands::slots_read;
use cynosure_core::slots::models::{SlotKind, SlotUse};
use cynosure_core::store::notified;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_sim::world::{job, AURA, BRAKK};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

async fn read_boards(characters: &[i64]) -> Rig {
    let rig = Rig::linked(characters).await;
    refresh_jobs(&rig.core).await;
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    rig.sim.clear_log();
    rig
}

async fn slots_of(rig: &Rig, character_id: i64, kind: SlotKind) -> SlotUse {
    let view = slots_read(&rig.core).await.unwrap();
    let c = view
        .characters
        .into_iter()
        .find(|c| c.character_id == character_id)
        .expect("a linked character");
    c.slots
        .expect("skills read")
        .into_iter()
        .find(|s| s.kind == kind)
        .unwrap()
}

fn advance_to(rig: &Rig, at: i64) {
    let now = rig.sim.clock().now_ms();
    rig.sim.clock().advance_ms(at - now);
}

async fn idle_notices(alarms: &Alarms, rig: &Rig) -> Vec<Notice> {
    let tick = alarms.tick(&rig.core).await.unwrap();
    tick.notices
        .into_iter()
        .filter(|n| {
            matches!(
                n.kind,
                NoticeKind::SlotsIdle | NoticeKind::SlotsIdleWhileAway
            )
        })
        .collect()
}

async fn idle_after(rig: &Rig, hours: u32) {
    let patch = SettingsPatch {
        slot_idle_notifications: Some(true),
        slot_idle_hours: Some(hours),
        ..SettingsPatch::default()
    };
    settings_update(&rig.core, patch).await.unwrap();
}

#[tokio::test]
async fn slots_come_from_stored_skills_and_jobs_without_a_request() {
    let rig = read_boards(&[AURA, BRAKK]).await;

    // Aura: Mass Production IV (five slots); her two personal jobs and the corporation
    // job she installed for Brave Industries hold three.
    let manufacturing = slots_of(&rig, AURA, SlotKind::Manufacturing).await;
    assert_eq!(manufacturing.total, 5);
    assert_eq!(
        manufacturing.busy_until,
        vec![NOW + 2 * MINUTE, NOW + 5 * MINUTE, NOW + 6 * HOUR]
    );
    assert_eq!(slots_of(&rig, AURA, SlotKind::Science).await.total, 3);
    assert_eq!(slots_of(&rig, AURA, SlotKind::Reactions).await.total, 1);
    // Brakk: the one slot of each kind every pilot has, none used.
    let brakk = slots_of(&rig, BRAKK, SlotKind::Manufacturing).await;
    assert_eq!((brakk.total, brakk.busy_until.len()), (1, 0));
    let view = slots_read(&rig.core).await.unwrap();
    assert!(
        view.characters.iter().all(|c| !c.corporation_jobs_unseen),
        "Aura's Factory_Manager role lets Brave Industries' jobs be read"
    );

    let asked = rig.sim.requests();
    assert!(asked.is_empty(), "no request: {asked:?}");
}

#[tokio::test]
async fn an_idle_slot_is_announced_once_after_the_players_time() {
    let rig = read_boards(&[AURA]).await;
    idle_after(&rig, 1).await;
    let alarms = Alarms::new(NOW);

    // The corporation job ends at +5 min, the later of the two short ones: the slot
    // it frees is due an hour after.
    advance_to(&rig, NOW + 5 * MINUTE);
    assert!(idle_notices(&alarms, &rig).await.is_empty());
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert_eq!(tick.next_at, Some(NOW + HOUR + 5 * MINUTE));

    advance_to(&rig, NOW + HOUR + 5 * MINUTE - 1);
    assert!(idle_notices(&alarms, &rig).await.is_empty(), "not early");
    advance_to(&rig, NOW + HOUR + 5 * MINUTE);
    let notices = idle_notices(&alarms, &rig).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].title, "Aura Vexx: 4 manufacturing slots idle");
    assert_eq!(notices[0].body, "4 manufacturing slots idle for 1 h");
    assert!(
        !rig.requests_of("esi.character_jobs").is_empty(),
        "her jobs read again before announcing"
    );
    advance_to(&rig, NOW + 3 * HOUR);
    assert!(idle_notices(&alarms, &rig).await.is_empty(), "once");
}

#[tokio::test]
async fn a_job_installed_in_game_since_takes_the_slot_and_nothing_is_said() {
    let rig = read_boards(&[AURA]).await;
    idle_after(&rig, 1).await;
    let alarms = Alarms::new(NOW);
    advance_to(&rig, NOW + 5 * MINUTE);
    assert!(idle_notices(&alarms, &rig).await.is_empty());

    // Installed in game at +30 min; the stored board does not know yet.
    rig.sim.with_world(|w| {
        let aura = w.characters.get_mut(&AURA).unwrap();
        aura.jobs.push(job(
            500_000_009,
            AURA,
            691,
            587,
            5,
            NOW + 30 * MINUTE,
            NOW + 9 * HOUR,
        ));
    });
    advance_to(&rig, NOW + 2 * HOUR);
    assert!(idle_notices(&alarms, &rig).await.is_empty());
    assert!(
        slots_of(&rig, AURA, SlotKind::Manufacturing)
            .await
            .busy_until
            .contains(&(NOW + 9 * HOUR)),
        "the refresh before announcing found the new job"
    );
}

#[tokio::test]
async fn off_by_default_and_an_old_idle_spell_stays_quiet_once_turned_on() {
    let rig = read_boards(&[AURA]).await;
    let alarms = Alarms::new(NOW);
    advance_to(&rig, NOW + 2 * HOUR + 5 * MINUTE);
    assert!(
        idle_notices(&alarms, &rig).await.is_empty(),
        "off by default"
    );
    let marks = notified::slot_marks(rig.core.db()).await.unwrap();
    let mark = marks[&(AURA, SlotKind::Manufacturing)];
    assert_eq!(mark.freed_at, NOW + 5 * MINUTE);
    assert!(mark.settled, "passed over while off");

    idle_after(&rig, 2).await;
    assert!(
        idle_notices(&alarms, &rig).await.is_empty(),
        "no late alarm about a spell passed over"
    );
}
