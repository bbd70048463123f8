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

/// With more pilots than a menu can hold (a multi-boxer's hundred), the tray keeps to its
/// cap: the pilots online first, then those not training, the rest in roster order; the
/// others are counted as "more".
#[tokio::test]
async fn a_hundred_pilots_keep_the_tray_menu_to_its_cap_with_those_that_matter_first() {
    use cynosure_core::roster::models::{AuthState, LinkedCharacter};
    use cynosure_core::store::online::OnlineRow;
    use cynosure_core::tray::commands::TRAY_PILOTS;

    let rig = Rig::start(TestVault::File).await;
    let ids: Vec<i64> = (0..100).map(|i| 95_000_000 + i).collect();
    for (i, id) in ids.iter().enumerate() {
        cynosure_core::store::roster::upsert(
            rig.core.db(),
            &LinkedCharacter {
                character_id: *id,
                name: format!("Pilot {i:03}"),
                corporation_id: 98_000_001,
                owner_hash: format!("owner-{id}"),
                scopes: vec![],
                auth_state: AuthState::Ok,
                added_at: i as i64,
                account_id: None,
            },
        )
        .await
        .unwrap();
    }
    // Three late in the roster are online; the rest are known offline.
    let online = [ids[97], ids[50], ids[21]];
    for id in &ids {
        cynosure_core::store::online::write(
            rig.core.db(),
            &OnlineRow {
                character_id: *id,
                online: online.contains(id),
                last_login: None,
                last_logout: None,
                etag: None,
                changed_at: 0,
            },
        )
        .await
        .unwrap();
    }

    let menu = tray_menu(&rig.core).await.unwrap();
    let shown: Vec<i64> = menu
        .groups
        .iter()
        .flat_map(|g| g.pilots.iter().map(|p| p.character_id))
        .collect();
    assert_eq!(shown.len(), TRAY_PILOTS);
    assert_eq!(menu.more, 100 - TRAY_PILOTS);
    for id in online {
        assert!(shown.contains(&id), "online pilot {id} is in the menu");
    }
    // The rest fill up in roster order, and the menu keeps roster order.
    let mut expected: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !online.contains(id))
        .take(TRAY_PILOTS - online.len())
        .chain(online)
        .collect();
    expected.sort();
    assert_eq!(shown, expected);

    // Up to the cap, nobody is left out.
    for id in &ids[TRAY_PILOTS..] {
        cynosure_core::store::roster::delete(rig.core.db(), *id)
            .await
            .unwrap();
    }
    let menu = tray_menu(&rig.core).await.unwrap();
    assert_eq!(menu.more, 0);
    assert_eq!(
        menu.groups.iter().map(|g| g.pilots.len()).sum::<usize>(),
        TRAY_PILOTS
    );
}
