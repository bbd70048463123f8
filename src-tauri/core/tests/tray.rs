//! The tray menu's lines: each pilot with the skill in training and its time left, grouped
//! by account, the jobs ready to deliver and the next login — from the stored boards, with
//! zero requests.

mod common;

use common::{Rig, TestVault};
use cynosure_core::industry::commands::{jobs_on_view, refresh_jobs};
use cynosure_core::roster::commands::{account_assign, account_create};
use cynosure_core::skills::commands::skills_on_view;
use cynosure_core::skills::descriptors::SKILLQUEUE;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::tray::commands::tray_menu;
use cynosure_sim::world::{AURA, BRAKK, CORA};

#[tokio::test]
async fn the_tray_lists_each_pilot_s_training_by_account_and_the_ready_jobs_from_the_store() {
    let rig = Rig::start(TestVault::File).await;
    for c in [AURA, BRAKK, CORA] {
        rig.login(c).await.0.unwrap();
    }
    refresh_jobs(&rig.core).await;
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    let b = account_create(&rig.core, "Account B").await.unwrap();
    for c in [AURA, CORA] {
        account_assign(&rig.core, c, Some(b.account_id))
            .await
            .unwrap();
    }

    rig.sim.clear_log();
    let menu = tray_menu(&rig.core).await.unwrap();
    assert_eq!(rig.sim.requests().len(), 0, "the tray asks ESI nothing");

    let groups: Vec<(Option<&str>, Vec<i64>)> = menu
        .groups
        .iter()
        .map(|g| {
            (
                g.account.as_deref(),
                g.pilots.iter().map(|p| p.character_id).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        vec![(Some("Account B"), vec![AURA, CORA]), (None, vec![BRAKK])]
    );

    // Each label says what the window's cards say: the skill in training and its time left.
    let now = rig.sim.clock().now_ms();
    let skills = skills_on_view(&rig.core, false).await.unwrap();
    for pilot in menu.groups.iter().flat_map(|g| &g.pilots) {
        let character = skills
            .characters
            .iter()
            .find(|c| c.character_id == pilot.character_id)
            .unwrap();
        let queue = character.queue.as_ref().expect("the queue was read");
        let current = queue
            .iter()
            .find(|e| e.start_at.is_some_and(|s| s <= now) && e.finish_at.is_some_and(|f| f > now));
        assert!(
            pilot.label.starts_with(&format!("? {}", character.name)),
            "{}",
            pilot.label
        );
        match current {
            Some(e) => {
                let name = e.name.clone().expect("the skill's name is stored");
                assert!(
                    pilot.label.contains(&format!("— {name} ")),
                    "{}",
                    pilot.label
                );
                assert!(
                    pilot.label.ends_with('m') || pilot.label.ends_with('h'),
                    "{}",
                    pilot.label
                );
            }
            None => assert!(pilot.label.ends_with("— not training"), "{}", pilot.label),
        }
    }

    // The jobs ready to deliver, personal and corporation, as Industry counts them.
    let jobs = jobs_on_view(&rig.core).await.unwrap();
    let ready = jobs
        .owners
        .iter()
        .flat_map(|o| o.jobs.iter().flatten())
        .filter(|j| j.status == "ready" || (j.status == "active" && j.end_at <= now))
        .count();
    assert!(ready > 0, "the world has a job ready");
    assert_eq!(menu.jobs_ready, ready);
    assert!(menu
        .next
        .as_deref()
        .is_some_and(|n| n.starts_with("Account B") || n.starts_with("Brakk")));
}
