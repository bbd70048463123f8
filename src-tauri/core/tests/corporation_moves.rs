//! A character changes corporation (issue #18, case 1): ESI's affiliation of every linked
//! character, in one request and at most once per its cache time, in the background pass,
//! when the roster is viewed and in `cynosure-cli sync`. The roster follows, the old
//! corporation's boards go once no linked character is in it, the new one's jobs are read
//! without a new sign-in; an NPC corporation gets no jobs board at all.

mod common;

use std::collections::BTreeSet;

use common::Rig;
use cynosure_core::alarms::background::BackgroundRefresh;
use cynosure_core::industry::commands::{jobs_read, refresh_jobs};
use cynosure_core::roster::commands::{refresh_affiliations, roster_list};
use cynosure_core::sync::OwnerKind;
use cynosure_sim::world::{AURA, BRAKK, CORA, CORP_BRAVE, CORP_SOLO, HOUR_MS, NPC_CORP};
use cynosure_sim::Sim;

fn count(sim: &Sim, route: &str) -> usize {
    sim.requests().iter().filter(|r| r.route == route).count()
}

async fn corporation_boards(rig: &Rig) -> BTreeSet<i64> {
    jobs_read(&rig.core)
        .await
        .unwrap()
        .owners
        .iter()
        .filter(|o| o.owner_kind == OwnerKind::Corporation)
        .map(|o| o.owner_id)
        .collect()
}

async fn corporation_of(rig: &Rig, character: i64) -> i64 {
    roster_list(&rig.core)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.character_id == character)
        .unwrap()
        .corporation_id
}

#[tokio::test]
async fn a_move_is_picked_up_without_a_new_sign_in() {
    let rig = Rig::linked(&[AURA, CORA]).await;
    refresh_jobs(&rig.core).await;
    assert_eq!(
        corporation_boards(&rig).await,
        BTreeSet::from([CORP_BRAVE, CORP_SOLO])
    );

    // Aura joins Cora's corporation as its Factory Manager.
    rig.sim
        .move_character(AURA, CORP_SOLO, &["Factory_Manager"]);
    let mut background = BackgroundRefresh::default();
    assert!(background.tick(&rig.core).await);
    assert_eq!(
        count(&rig.sim, "esi.affiliation"),
        1,
        "all characters, one request"
    );
    rig.sim.clock().advance_ms(HOUR_MS + 60_000);
    assert!(background.tick(&rig.core).await);
    assert_eq!(count(&rig.sim, "esi.affiliation"), 2);
    assert_eq!(corporation_of(&rig, AURA).await, CORP_SOLO);
    // Brave Industries has no linked character left: its board is gone. Maelis Holdings
    // is read through Aura now (Cora holds no role there).
    assert_eq!(corporation_boards(&rig).await, BTreeSet::from([CORP_SOLO]));
    let solo = jobs_read(&rig.core)
        .await
        .unwrap()
        .owners
        .into_iter()
        .find(|o| o.owner_id == CORP_SOLO)
        .unwrap();
    assert!(solo.jobs.is_some(), "{:?}", solo.sync);

    // Within the cache time nothing is asked again, however often the roster is viewed.
    for _ in 0..3 {
        assert_eq!(refresh_affiliations(&rig.core).await.unwrap(), 0);
    }
    assert_eq!(count(&rig.sim, "esi.affiliation"), 2);
}

#[tokio::test]
async fn an_npc_corporation_gets_no_jobs_board() {
    let rig = Rig::linked(&[AURA, BRAKK]).await;
    // Brakk leaves for a starter corporation; Aura stays in Brave Industries.
    rig.sim.move_character(BRAKK, NPC_CORP, &[]);
    assert_eq!(refresh_affiliations(&rig.core).await.unwrap(), 1);
    assert_eq!(corporation_of(&rig, BRAKK).await, NPC_CORP);
    rig.sim.clear_log();
    refresh_jobs(&rig.core).await;
    assert_eq!(corporation_boards(&rig).await, BTreeSet::from([CORP_BRAVE]));
    assert!(
        rig.sim
            .requests()
            .iter()
            .all(|r| !r.path.contains(&NPC_CORP.to_string())),
        "nothing asked about the NPC corporation"
    );
}
