//! Accounts and "Next": the player's grouping of characters, and every deadline of every
//! character merged from the stored boards by account, with zero requests.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::features::commands::feature_set;
use cynosure_core::features::Feature;
use cynosure_core::industry::commands::refresh_jobs;
use cynosure_core::next::commands::next_view;
use cynosure_core::planets::descriptors::PLANETS;
use cynosure_core::roster::commands::{
    account_assign, account_create, account_delete, account_rename, accounts_list, roster_list,
};
use cynosure_core::skills::descriptors::SKILLQUEUE;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::DeadlineKind;
use cynosure_core::IpcError;
use cynosure_sim::world::{AURA, BRAKK, CORA};

#[tokio::test]
async fn accounts_group_characters_and_refuse_bad_input_without_changing_anything() {
    let rig = Rig::linked(&[AURA, BRAKK]).await;
    let b = account_create(&rig.core, "  Account B ").await.unwrap();
    assert_eq!(b.name, "Account B");
    let err = IpcError::from(account_create(&rig.core, "Account B").await.unwrap_err());
    assert_eq!(err.code, "roster.account_name_taken");
    let err = IpcError::from(account_create(&rig.core, "   ").await.unwrap_err());
    assert_eq!(err.code, "roster.account_name");

    let aura = account_assign(&rig.core, AURA, Some(b.account_id))
        .await
        .unwrap();
    assert_eq!(aura.account_id, Some(b.account_id));
    let err = IpcError::from(
        account_assign(&rig.core, 42, Some(b.account_id))
            .await
            .unwrap_err(),
    );
    assert_eq!(err.code, "roster.unknown_character");
    let err = IpcError::from(
        account_assign(&rig.core, BRAKK, Some(999))
            .await
            .unwrap_err(),
    );
    assert_eq!(err.code, "roster.unknown_account");
    assert_eq!(
        roster_list(&rig.core).await.unwrap()[1].account_id,
        None,
        "a refused assignment changes nothing"
    );

    let renamed = account_rename(&rig.core, b.account_id, "Main")
        .await
        .unwrap();
    assert_eq!(renamed.character_ids, [AURA]);
    // Signing in again keeps the grouping.
    rig.login(AURA).await.0.unwrap();
    assert_eq!(
        roster_list(&rig.core).await.unwrap()[0].account_id,
        Some(b.account_id)
    );
    account_delete(&rig.core, b.account_id).await.unwrap();
    assert!(accounts_list(&rig.core).await.unwrap().is_empty());
    assert_eq!(
        roster_list(&rig.core).await.unwrap()[0].account_id,
        None,
        "the characters stay, each on its own"
    );
}

#[tokio::test]
async fn next_gathers_every_deadline_by_account_from_the_stored_boards_alone() {
    let rig = Rig::start(TestVault::File).await;
    feature_set(&rig.core, Feature::Planets, true)
        .await
        .unwrap();
    for c in [AURA, BRAKK, CORA] {
        rig.login(c).await.0.unwrap();
    }
    refresh_jobs(&rig.core).await;
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    refresh_stale(&rig.core, &PLANETS).await.unwrap();
    let b = account_create(&rig.core, "Account B").await.unwrap();
    for c in [AURA, CORA] {
        account_assign(&rig.core, c, Some(b.account_id))
            .await
            .unwrap();
    }

    rig.sim.clear_log();
    let next = next_view(&rig.core).await.unwrap();
    assert_eq!(rig.sim.requests().len(), 0, "Next asks ESI nothing");
    let labels: Vec<&str> = next.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    let account = next
        .lines
        .iter()
        .find(|l| l.label == "Account B")
        .expect("Aura and Cora under their account");
    assert_eq!(account.character_ids, [AURA, CORA]);
    let kinds: Vec<DeadlineKind> = account.deadlines.iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DeadlineKind::ExtractorStops), "{kinds:?}");
    assert!(kinds.contains(&DeadlineKind::JobReady), "{kinds:?}");
    assert!(kinds.contains(&DeadlineKind::QueueEnds), "{kinds:?}");
    // Aura's lava colony stopped before now: the account's login is due now.
    assert!(account.now);
    assert!(
        account.text.starts_with("Account B — log in now: "),
        "{}",
        account.text
    );
    assert!(account.deadlines.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(account
        .deadlines
        .iter()
        .any(|d| d.kind == DeadlineKind::ExtractorStops && d.at < NOW));
    let brakk = next
        .lines
        .iter()
        .find(|l| l.label == "Brakk Tollan")
        .unwrap();
    assert_eq!(brakk.character_ids, [BRAKK]);
}
