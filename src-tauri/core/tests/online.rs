//! The live engine and online status against the simulator, with a controllable clock:
//! polled while someone watches, on the endpoint's cadence; silent while hidden; one
//! `online-changed` per flip; a 304 or an error writes nothing.

mod common;

use common::{Rig, NOW};
use cynosure_core::events::CoreEvent;
use cynosure_core::online::commands::{online_state, presence_heartbeat, presence_hidden};
use cynosure_core::online::poll::poll;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::store;
use cynosure_sim::world::{AURA, BRAKK, CORA};
use cynosure_sim::{Fault, FaultKind};
use tokio::sync::broadcast::Receiver;

/// Runs the app's schedule for `seconds` of simulated time, one tick per second, with a
/// heartbeat every 20 s while `visible`.
async fn run_for(rig: &Rig, seconds: i64, visible: bool) {
    for s in 0..seconds {
        if visible && s % 20 == 0 {
            presence_heartbeat(&rig.core);
        }
        rig.core.live().tick(&rig.core, poll).await;
        rig.sim.clock().advance_secs(1);
    }
}

fn online_reads(rig: &Rig, who: i64) -> Vec<i64> {
    rig.requests_of("esi.online")
        .iter()
        .filter(|r| r.character_id == Some(who))
        .map(|r| r.at_ms)
        .collect()
}

fn changes(rx: &mut Receiver<CoreEvent>) -> Vec<(i64, bool)> {
    let mut out = Vec::new();
    while let Ok(event) = rx.try_recv() {
        if let CoreEvent::OnlineChanged(c) = event {
            out.extend(c.into_iter().map(|c| (c.character_id, c.online)));
        }
    }
    out
}

#[tokio::test]
async fn ten_visible_minutes_poll_each_character_once_per_cache_window() {
    let rig = Rig::linked(&[AURA, BRAKK, CORA]).await;
    run_for(&rig, 600, true).await;
    for who in [AURA, BRAKK, CORA] {
        let reads = online_reads(&rig, who);
        assert_eq!(reads[0], NOW, "polled at once when the window shows");
        for pair in reads.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= 60_000,
                "{who}: two reads {gap} ms apart, inside the 60 s cache"
            );
            assert!(gap <= 120_000, "{who}: {gap} ms without a read");
        }
        assert!(NOW + 600_000 - reads.last().unwrap() <= 120_000);
        assert!(
            (5..=10).contains(&reads.len()),
            "{who}: {} reads",
            reads.len()
        );
    }
    let state = online_state(&rig.core).await.unwrap();
    assert!(state.live);
    assert_eq!(state.characters.len(), 3);
    assert!(state.characters.iter().all(|c| c.online.is_some()));
}

#[tokio::test]
async fn hidden_means_no_polling_and_showing_again_polls_at_once() {
    let rig = Rig::linked(&[AURA, CORA]).await;
    run_for(&rig, 30, true).await;
    let mut events = rig.core.subscribe();
    presence_hidden(&rig.core);
    assert!(matches!(
        events.try_recv(),
        Ok(CoreEvent::LiveChanged { live: false })
    ));
    let hidden_at = rig.sim.clock().now_ms();
    run_for(&rig, 600, false).await;
    assert!(
        rig.requests_of("esi.online")
            .iter()
            .all(|r| r.at_ms < hidden_at),
        "no online request while hidden"
    );
    let state = online_state(&rig.core).await.unwrap();
    assert!(!state.live, "the tray shows the last known state as stale");
    assert_eq!(state.as_of, Some(NOW));

    // Visible again while stale: the heartbeat's tick polls at once.
    let shown_at = rig.sim.clock().now_ms();
    presence_heartbeat(&rig.core);
    assert!(rig.core.live().tick(&rig.core, poll).await);
    assert_eq!(online_reads(&rig, AURA).last(), Some(&shown_at));
    assert!(online_state(&rig.core).await.unwrap().live);
}

#[tokio::test]
async fn without_heartbeats_polling_stops_after_the_cold_window() {
    let rig = Rig::linked(&[AURA]).await;
    presence_heartbeat(&rig.core);
    // The UI is frozen or gone: no more heartbeats, no hidden report either.
    run_for(&rig, 600, false).await;
    let reads = online_reads(&rig, AURA);
    assert!(!reads.is_empty());
    assert!(
        reads.iter().all(|t| *t <= NOW + 60_000),
        "nothing after the 60 s cold window: {reads:?}"
    );
}

#[tokio::test]
async fn each_flip_is_announced_once_and_unchanged_polls_never() {
    let rig = Rig::linked(&[AURA, BRAKK]).await;
    let mut events = rig.core.subscribe();
    run_for(&rig, 5, true).await;
    let first = changes(&mut events);
    assert_eq!(
        first.len(),
        2,
        "the first read makes the state known: {first:?}"
    );

    // The simulator's world flips Brakk online at +10 min, and Aura goes offline at +15.
    rig.sim.with_world(|w| {
        w.online_schedule.push(cynosure_sim::world::OnlineFlip {
            at_ms: NOW + 15 * 60_000,
            character_id: AURA,
            online: false,
        })
    });
    run_for(&rig, 20 * 60 - 5, true).await;
    assert_eq!(changes(&mut events), [(BRAKK, true), (AURA, false)]);
    let state = online_state(&rig.core).await.unwrap();
    assert_eq!(state.online_count(), 1);
}

#[tokio::test]
async fn a_304_or_an_error_writes_nothing() {
    let rig = Rig::linked(&[AURA]).await;
    run_for(&rig, 1, true).await;
    let row = || async { store::online::list(rig.core.db()).await.unwrap() };
    let first = row().await;
    assert_eq!(first.len(), 1);

    // After the cache expires: a conditional read, 304, nothing written.
    run_for(&rig, 70, true).await;
    assert_eq!(rig.requests_of("esi.online").last().unwrap().status, 304);
    assert_eq!(row().await, first);

    // ESI failing: nothing written, the state is not live, the dots stay.
    rig.sim.add_fault(Fault {
        route: "esi.online".into(),
        kind: FaultKind::Status { status: 503 },
        times: None,
    });
    run_for(&rig, 70, true).await;
    assert_eq!(rig.requests_of("esi.online").last().unwrap().status, 503);
    assert_eq!(row().await, first);
    let state = online_state(&rig.core).await.unwrap();
    assert!(!state.live);
    assert_eq!(state.characters[0].online, Some(true));
}

#[tokio::test]
async fn keep_the_tray_live_polls_slowly_while_hidden() {
    let rig = Rig::linked(&[AURA]).await;
    settings_update(
        &rig.core,
        SettingsPatch {
            tray_live: Some(true),
            ..SettingsPatch::default()
        },
    )
    .await
    .unwrap();
    presence_hidden(&rig.core);
    run_for(&rig, 30 * 60, false).await;
    let reads = online_reads(&rig, AURA);
    for pair in reads.windows(2) {
        assert!(pair[1] - pair[0] >= 5 * 60_000, "slow cadence: {reads:?}");
    }
    assert!((6..=7).contains(&reads.len()), "every 5 minutes: {reads:?}");
    assert!(online_state(&rig.core).await.unwrap().live);
}

#[tokio::test]
async fn only_linked_characters_with_the_scope_are_polled() {
    let rig = Rig::linked(&[AURA, CORA]).await;
    let mut cora = cynosure_core::roster::commands::linked_character(&rig.core, CORA)
        .await
        .unwrap();
    cora.scopes.retain(|s| s != "esi-location.read_online.v1");
    store::roster::upsert(rig.core.db(), &cora).await.unwrap();
    run_for(&rig, 5, true).await;
    assert_eq!(online_reads(&rig, AURA).len(), 1);
    assert!(online_reads(&rig, CORA).is_empty());
    let state = online_state(&rig.core).await.unwrap();
    let cora = state
        .characters
        .iter()
        .find(|c| c.character_id == CORA)
        .unwrap();
    assert_eq!(cora.online, None, "shown as unknown");
}

#[tokio::test]
async fn a_window_the_shell_saw_hidden_stays_cold_despite_page_heartbeats() {
    use cynosure_core::online::commands::{presence_window_hidden, presence_window_shown};
    let rig = Rig::linked(&[AURA]).await;
    run_for(&rig, 5, true).await;
    presence_window_hidden(&rig.core);
    let hidden_at = rig.sim.clock().now_ms();
    // Some web views keep a hidden page's timers running: heartbeats keep coming.
    run_for(&rig, 300, true).await;
    assert!(online_reads(&rig, AURA).iter().all(|t| *t < hidden_at));

    let shown_at = rig.sim.clock().now_ms();
    presence_window_shown(&rig.core);
    assert!(
        rig.core.live().tick(&rig.core, poll).await,
        "polled at once"
    );
    assert_eq!(online_reads(&rig, AURA).last(), Some(&shown_at));
}

#[tokio::test]
async fn tranquility_s_status_is_read_with_the_online_status_only_while_someone_looks() {
    let rig = Rig::linked(&[AURA]).await;
    let mut events = rig.core.subscribe();
    let server_events = |rx: &mut Receiver<CoreEvent>| {
        let mut out = Vec::new();
        while let Ok(event) = rx.try_recv() {
            if let CoreEvent::ServerStatusChanged(s) = event {
                out.push(s.map(|s| s.players));
            }
        }
        out
    };
    run_for(&rig, 300, true).await;
    let reads: Vec<i64> = rig
        .requests_of("esi.status")
        .iter()
        .map(|r| r.at_ms)
        .collect();
    assert_eq!(reads.first(), Some(&NOW), "read as the window shows");
    assert!(
        reads.windows(2).all(|w| w[1] - w[0] >= 30_000),
        "never inside its 30 s cache: {reads:?}"
    );
    assert!((3..=6).contains(&reads.len()), "{} reads", reads.len());
    let players = rig.sim.with_world(|w| w.players);
    let state = online_state(&rig.core).await.unwrap();
    assert_eq!(state.server.as_ref().map(|s| s.players), Some(players));
    assert_eq!(
        server_events(&mut events),
        vec![Some(players)],
        "announced once, not on every unchanged read"
    );

    // The player count moves: announced once more.
    rig.sim.with_world(|w| w.players = 31_000);
    run_for(&rig, 120, true).await;
    assert_eq!(server_events(&mut events), vec![Some(31_000)]);

    // Hidden, even with the tray kept live: no status read.
    settings_update(
        &rig.core,
        SettingsPatch {
            tray_live: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    presence_hidden(&rig.core);
    let hidden_at = rig.sim.clock().now_ms();
    run_for(&rig, 900, false).await;
    assert!(
        rig.requests_of("esi.online")
            .iter()
            .any(|r| r.at_ms > hidden_at),
        "the tray's slow polls go on"
    );
    assert!(
        rig.requests_of("esi.status")
            .iter()
            .all(|r| r.at_ms < hidden_at),
        "but Tranquility's status waits for someone to look"
    );

    // Downtime or an outage: the header stops claiming a player count.
    rig.sim.add_fault(Fault {
        route: "esi.status".into(),
        kind: FaultKind::Status { status: 503 },
        times: None,
    });
    presence_heartbeat(&rig.core);
    run_for(&rig, 60, true).await;
    assert_eq!(server_events(&mut events), vec![None]);
    assert_eq!(online_state(&rig.core).await.unwrap().server, None);
}
