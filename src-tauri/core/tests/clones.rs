//! Clones and jumps against the simulator, on a controllable clock: the three boards
//! behind the feature and its scopes, the next clone jump from the stored skills, the
//! moments in Next, and "clone jump available" once, silenced by a jump made in game.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::alarms::models::NoticeKind;
use cynosure_core::alarms::task::Alarms;
use cynosure_core::clones::commands::clones_read;
use cynosure_core::clones::descriptors::{CLONES, FATIGUE, IMPLANTS};
use cynosure_core::features::commands::feature_set;
use cynosure_core::features::Feature;
use cynosure_core::next::commands::next_view;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::skills::descriptors::SKILLS;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::{DeadlineKind, GateState};
use cynosure_sim::world::AURA;

const HOUR: i64 = 3_600_000;

async fn with_clones() -> Rig {
    let rig = Rig::start(TestVault::File).await;
    feature_set(&rig.core, Feature::Clones, true).await.unwrap();
    rig.login(AURA).await.0.unwrap();
    for d in [&SKILLS, &CLONES, &IMPLANTS, &FATIGUE] {
        refresh_stale(&rig.core, d).await.unwrap();
    }
    rig.sim.clear_log();
    rig
}

#[tokio::test]
async fn the_boards_wait_for_the_feature_and_its_scopes() {
    let rig = Rig::start(TestVault::File).await;
    rig.login(AURA).await.0.unwrap();
    // Signed in before the feature was on: no clone scopes, so no request.
    feature_set(&rig.core, Feature::Clones, true).await.unwrap();
    rig.sim.clear_log();
    refresh_stale(&rig.core, &CLONES).await.unwrap();
    assert!(rig.requests_of("esi.clones").is_empty());
    let view = clones_read(&rig.core).await.unwrap();
    assert_eq!(view.characters[0].sync.gate_state, GateState::MissingScope);
}

#[tokio::test]
async fn home_jump_clones_implants_the_next_jump_and_fatigue() {
    let rig = with_clones().await;
    let view = clones_read(&rig.core).await.unwrap();
    assert!(view.on);
    let aura = &view.characters[0];
    assert_eq!(
        aura.home.as_ref().and_then(|h| h.name.as_deref()),
        Some("Jita IV - Moon 4 - Caldari Navy Assembly Plant")
    );
    let clones = aura.jump_clones.as_ref().unwrap();
    assert_eq!(clones.len(), 2);
    assert_eq!(
        clones[0].location.name.as_deref(),
        Some("Amarr VIII - Emperor Family Academy")
    );
    let implants: Vec<_> = clones[0]
        .implants
        .iter()
        .map(|i| i.name.clone().unwrap())
        .collect();
    assert_eq!(
        implants,
        ["Ocular Filter - Basic", "Memory Augmentation - Basic"]
    );
    let active: Vec<_> = aura
        .implants
        .as_ref()
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(active, [9942, 9943]);
    // Infomorph Synchronizing II: 22 h after the jump 20 h ago.
    assert_eq!(aura.cooldown_hours, Some(22));
    assert_eq!(aura.max_jump_clones, Some(3));
    assert_eq!(aura.next_jump_at, Some(NOW + 2 * HOUR));
    assert_eq!(aura.fatigue_ends_at, Some(NOW + 4 * HOUR));
    assert!(rig.sim.requests().is_empty(), "read from the store");

    let next = next_view(&rig.core).await.unwrap();
    let kinds: Vec<DeadlineKind> = next.lines[0].deadlines.iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DeadlineKind::CloneJump), "{kinds:?}");
    assert!(kinds.contains(&DeadlineKind::FatigueEnds), "{kinds:?}");
    assert!(
        next.lines[0].text.contains("clone jump ready"),
        "{}",
        next.lines[0].text
    );

    // Once passed, a chance is no reason to log in.
    rig.sim.clock().advance_ms(5 * HOUR);
    let next = next_view(&rig.core).await.unwrap();
    let kinds: Vec<DeadlineKind> = next
        .lines
        .iter()
        .flat_map(|l| l.deadlines.iter().map(|d| d.kind))
        .collect();
    assert!(!kinds.contains(&DeadlineKind::CloneJump), "{kinds:?}");
    assert!(!kinds.contains(&DeadlineKind::FatigueEnds), "{kinds:?}");
}

async fn notify_jumps(rig: &Rig) {
    let on = SettingsPatch {
        clone_jump_notifications: Some(true),
        ..SettingsPatch::default()
    };
    settings_update(&rig.core, on).await.unwrap();
}

async fn jump_notices(alarms: &Alarms, rig: &Rig) -> usize {
    let tick = alarms.tick(&rig.core).await.unwrap();
    tick.notices
        .iter()
        .filter(|n| n.kind == NoticeKind::CloneJumpAvailable)
        .count()
}

#[tokio::test]
async fn clone_jump_available_rings_once_when_turned_on() {
    let rig = with_clones().await;
    let alarms = Alarms::new(NOW);
    rig.sim.clock().advance_ms(2 * HOUR);
    assert_eq!(jump_notices(&alarms, &rig).await, 0, "off by default");

    let rig2 = with_clones().await;
    notify_jumps(&rig2).await;
    let alarms = Alarms::new(NOW);
    let tick = alarms.tick(&rig2.core).await.unwrap();
    assert_eq!(tick.next_at.map(|at| at <= NOW + 2 * HOUR), Some(true));
    rig2.sim.clock().advance_ms(2 * HOUR);
    let tick = alarms.tick(&rig2.core).await.unwrap();
    let rung: Vec<_> = tick
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::CloneJumpAvailable)
        .collect();
    assert_eq!(rung.len(), 1, "{:?}", tick.notices);
    assert_eq!(rung[0].title, "Aura Vexx: clone jump available");
    assert_eq!(jump_notices(&alarms, &rig2).await, 0, "once");
}

#[tokio::test]
async fn a_jump_made_in_game_since_moves_the_next_one_and_nothing_rings() {
    let rig = with_clones().await;
    notify_jumps(&rig).await;
    let alarms = Alarms::new(NOW);
    assert_eq!(jump_notices(&alarms, &rig).await, 0);
    // Jumped again in game an hour from now (the stored board does not know).
    rig.sim.with_world(|w| {
        w.characters
            .get_mut(&AURA)
            .unwrap()
            .clones
            .last_clone_jump_ms = Some(NOW + HOUR);
    });
    rig.sim.clock().advance_ms(2 * HOUR);
    assert_eq!(jump_notices(&alarms, &rig).await, 0);
    assert_eq!(
        rig.requests_of("esi.clones").len(),
        1,
        "read once before ringing"
    );
    let view = clones_read(&rig.core).await.unwrap();
    assert_eq!(view.characters[0].next_jump_at, Some(NOW + 23 * HOUR));
}
