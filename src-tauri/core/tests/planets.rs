//! Planetary industry against the simulator: the feature and its scope, the colonies
//! board with each colony's layout read only when new or changed in game, and the
//! extractor alarms (grouped, once per cycle, no stale alarm after a reset in game).

mod common;

use common::{Rig, NOW};
use cynosure_core::alarms::models::NoticeKind;
use cynosure_core::alarms::task::Alarms;
use cynosure_core::features::commands::{feature_set, features_list};
use cynosure_core::features::Feature;
use cynosure_core::planets::commands::{planets_on_view, planets_read};
use cynosure_core::planets::descriptors::PLANETS;
use cynosure_core::planets::models::Colony;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::{GateState, Outcome};
use cynosure_sim::world::{AURA, AURA_BARREN, AURA_PLASMA};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

/// Requests the simulator answered on a route (`esi.colonies`, `esi.colony_layout`, …).
fn asked(rig: &Rig, route: &str) -> usize {
    rig.sim
        .requests()
        .iter()
        .filter(|r| r.route == route)
        .count()
}

/// Aura linked with planetary industry on (so sign-in asked for its scope).
async fn with_planets() -> Rig {
    let rig = common::Rig::start(common::TestVault::File).await;
    feature_set(&rig.core, Feature::Planets, true)
        .await
        .unwrap();
    rig.login(AURA).await.0.unwrap();
    rig.sim.clear_log();
    rig
}

fn colony(colonies: &[Colony], planet_id: i64) -> &Colony {
    colonies
        .iter()
        .find(|c| c.planet_id == planet_id)
        .unwrap_or_else(|| panic!("colony {planet_id}"))
}

#[tokio::test]
async fn planets_wait_for_the_feature_and_its_permission() {
    let rig = Rig::linked(&[AURA]).await;
    let view = planets_on_view(&rig.core).await.unwrap();
    assert!(!view.on, "planetary industry is off until turned on");
    assert_eq!(rig.sim.requests().len(), 0, "no request while it is off");

    let state = feature_set(&rig.core, Feature::Planets, true)
        .await
        .unwrap();
    assert!(state.on);
    assert_eq!(state.scopes, ["esi-planets.manage_planets.v1"]);
    assert_eq!(
        state
            .lacking
            .iter()
            .map(|c| c.character_id)
            .collect::<Vec<_>>(),
        [AURA],
        "Aura signed in before the feature was on"
    );
    let results = refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(results, [(AURA, Outcome::Gated(GateState::MissingScope))]);
    assert_eq!(rig.sim.requests().len(), 0, "needs permission: no request");

    // Re-authorising grants the scope; nothing else is re-added.
    rig.login(AURA).await.0.unwrap();
    let features = features_list(&rig.core).await.unwrap();
    assert!(features[0].lacking.is_empty());
    rig.sim.clear_log();
    let results = refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(results, [(AURA, Outcome::Saved)]);
    let view = planets_read(&rig.core).await.unwrap();
    assert!(view.on);
    let colonies = view.characters[0].colonies.as_ref().unwrap();
    assert_eq!(colonies.len(), 3);
    let barren = colony(colonies, AURA_BARREN);
    assert_eq!(barren.planet_type, "barren");
    let layout = barren.layout.as_ref().expect("its layout was read");
    assert_eq!(layout.extractors.len(), 2);
    assert!(layout
        .extractors
        .iter()
        .all(|e| e.expiry_at == Some(NOW + 45 * MINUTE)));
    assert!(
        barren.planet_name.is_some(),
        "named through /universe/planets"
    );
}

#[tokio::test]
async fn a_layout_is_read_only_for_a_colony_new_or_changed_in_game() {
    let rig = with_planets().await;
    refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(asked(&rig, "esi.colonies"), 1);
    assert_eq!(asked(&rig, "esi.colony_layout"), 3, "every colony is new");
    assert_eq!(asked(&rig, "esi.planet"), 3, "every planet named once");

    // Inside the cache window: nothing.
    rig.sim.clear_log();
    refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(rig.sim.requests().len(), 0);

    // Past it, unchanged in game: one conditional read of the list (304), no layout.
    rig.sim.clock().advance_secs(601);
    let results = refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(results, [(AURA, Outcome::Stamped)]);
    assert_eq!(asked(&rig, "esi.colonies"), 1);
    assert_eq!(asked(&rig, "esi.colony_layout"), 0);

    // The plasma colony restarted in game: only its layout is read again.
    rig.sim.clear_log();
    rig.sim.reset_colony(AURA, AURA_PLASMA, 10.0).unwrap();
    rig.sim.clock().advance_secs(601);
    let results = refresh_stale(&rig.core, &PLANETS).await.unwrap();
    assert_eq!(results, [(AURA, Outcome::Saved)]);
    assert_eq!(asked(&rig, "esi.colonies"), 1);
    assert_eq!(asked(&rig, "esi.colony_layout"), 1);
    assert_eq!(asked(&rig, "esi.planet"), 0, "names are kept for ever");
    let view = planets_read(&rig.core).await.unwrap();
    let colonies = view.characters[0].colonies.as_ref().unwrap();
    let now = rig.sim.clock().now_ms();
    let plasma = colony(colonies, AURA_PLASMA).layout.as_ref().unwrap();
    assert!(plasma
        .extractors
        .iter()
        .all(|e| e.expiry_at.is_some_and(|at| at > now + 9 * HOUR)));
    let barren = colony(colonies, AURA_BARREN).layout.as_ref().unwrap();
    assert!(
        barren
            .extractors
            .iter()
            .all(|e| e.expiry_at == Some(NOW + 45 * MINUTE)),
        "the unchanged colony's layout is kept"
    );
}

#[tokio::test]
async fn extractors_warn_once_per_group_and_ring_when_stopped() {
    let rig = with_planets().await;
    refresh_stale(&rig.core, &PLANETS).await.unwrap();
    let alarms = Alarms::new(NOW);

    // At start: the lava colony stopped before the app ran (a while-away notice), the
    // barren colony's two extractors stop within the 2-hour warning (one warning).
    let first = alarms.tick(&rig.core).await.unwrap();
    let kinds: Vec<NoticeKind> = first.notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::ExtractorsStoppedWhileAway,
            NoticeKind::ExtractorsStopping
        ],
        "{:?}",
        first.notices
    );
    assert!(
        first.notices[1]
            .title
            .starts_with("Aura Vexx: 2 extractors stop at "),
        "{:?}",
        first.notices[1]
    );
    assert_eq!(
        first.notices[0].title,
        "While you were away: Aura Vexx's 1 extractor stopped"
    );
    assert_eq!(first.next_at, Some(NOW + 45 * MINUTE), "the barren stop");
    assert!(alarms.tick(&rig.core).await.unwrap().notices.is_empty());

    rig.sim.clock().advance_ms(45 * MINUTE);
    let stopped = alarms.tick(&rig.core).await.unwrap();
    assert_eq!(stopped.notices.len(), 1, "{:?}", stopped.notices);
    assert_eq!(stopped.notices[0].kind, NoticeKind::ExtractorsStopped);
    assert_eq!(stopped.notices[0].title, "Aura Vexx: 2 extractors stopped");
    assert!(alarms.tick(&rig.core).await.unwrap().notices.is_empty());
}

#[tokio::test]
async fn a_program_restarted_in_game_raises_no_stale_alarm() {
    let rig = with_planets().await;
    refresh_stale(&rig.core, &PLANETS).await.unwrap();
    // Only the plasma colony interests this test.
    settings_update(
        &rig.core,
        SettingsPatch {
            extractor_warning_hours: Some(2),
            ..SettingsPatch::default()
        },
    )
    .await
    .unwrap();
    let alarms = Alarms::new(NOW);
    alarms.tick(&rig.core).await.unwrap();

    // The plasma warning is due at +2 h (its extraction ends at +4 h); the player
    // restarts it in game at +1 h 50 min.
    rig.sim.clock().advance_ms(110 * MINUTE);
    rig.sim.reset_colony(AURA, AURA_PLASMA, 10.0).unwrap();
    rig.sim.clock().advance_ms(10 * MINUTE);
    let tick = alarms.tick(&rig.core).await.unwrap();
    // (The barren colony's extractors stopped meanwhile, as they should.)
    assert!(
        tick.notices
            .iter()
            .all(|n| n.kind != NoticeKind::ExtractorsStopping),
        "the board was read again before ringing: {:?}",
        tick.notices
    );
    let view = planets_read(&rig.core).await.unwrap();
    let colonies = view.characters[0].colonies.as_ref().unwrap();
    let plasma = colony(colonies, AURA_PLASMA).layout.as_ref().unwrap();
    assert!(plasma
        .extractors
        .iter()
        .all(|e| e.expiry_at.is_some_and(|at| at > NOW + 9 * HOUR)));
}
