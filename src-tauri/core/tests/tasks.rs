//! The core's background work starts in one call and stops when its guard is dropped.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{ChannelOutlet, Rig};
use cynosure_core::events::CoreEvent;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::tasks::spawn_tasks;
use cynosure_sim::world::AURA;

const BOUND: Duration = Duration::from_secs(10);

async fn toggle_close_to_tray(rig: &Rig) {
    let now = rig.core.settings_snapshot().close_to_tray;
    settings_update(
        &rig.core,
        SettingsPatch {
            close_to_tray: Some(!now),
            ..SettingsPatch::default()
        },
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn every_task_runs_until_the_guard_is_dropped() {
    let rig = Rig::linked(&[AURA]).await;
    let (outlet, mut received) = ChannelOutlet::new();
    let tasks = spawn_tasks(&tokio::runtime::Handle::current(), &rig.core, outlet);

    // The core's events reach the outlet while the tasks run.
    toggle_close_to_tray(&rig).await;
    let event = tokio::time::timeout(BOUND, received.events.recv())
        .await
        .expect("the event is forwarded")
        .unwrap();
    assert_eq!(event, CoreEvent::SettingsChanged);
    assert!(
        Arc::strong_count(&rig.core) > 1,
        "the tasks hold the core while they run"
    );

    drop(tasks);
    // Every task let go of the outlet and of the core: nothing is left running.
    tokio::time::timeout(BOUND, async {
        while received.events.recv().await.is_some() {}
        while Arc::strong_count(&rig.core) > 1 {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("every task stopped when the guard was dropped");
    toggle_close_to_tray(&rig).await;
    assert!(
        received.events.try_recv().is_err(),
        "no forwarding after the guard is gone"
    );
}
