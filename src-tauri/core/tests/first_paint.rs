//! The first paint in one round trip: `first_paint` answers exactly what the Overview's
//! own reads answer (roster, accounts, skills, jobs, slots, online, Next, app info), from
//! the store, in one call.

mod common;

use common::Rig;
use cynosure_core::first_paint::commands::{changed_since, first_paint};
use cynosure_core::industry::commands::{jobs_on_view, refresh_jobs};
use cynosure_core::next::commands::next_view;
use cynosure_core::online::commands::online_state;
use cynosure_core::roster::commands::{
    account_assign, account_create, accounts_list, roster_on_view,
};
use cynosure_core::settings::commands::app_info;
use cynosure_core::skills::commands::skills_on_view;
use cynosure_core::skills::descriptors::{ATTRIBUTES, SKILLQUEUE, SKILLS};
use cynosure_core::slots::commands::slots_read;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_sim::world::{AURA, BRAKK};
use serde_json::{json, to_value};

/// Two pilots whose boards in the answer are all fresh: nothing is refreshed behind it.
async fn linked_and_fresh() -> Rig {
    let rig = Rig::linked(&[AURA, BRAKK]).await;
    refresh_jobs(&rig.core).await;
    refresh_stale(&rig.core, &SKILLQUEUE).await.unwrap();
    refresh_stale(&rig.core, &SKILLS).await.unwrap();
    rig
}

#[tokio::test]
async fn the_first_paint_is_the_overview_s_own_reads_in_one_call() {
    let rig = linked_and_fresh().await;
    let account = account_create(&rig.core, "Main").await.unwrap();
    account_assign(&rig.core, AURA, Some(account.account_id))
        .await
        .unwrap();
    rig.sim.clear_log();

    let first = to_value(first_paint(&rig.core).await.unwrap()).unwrap();
    let own = json!({
        "roster": roster_on_view(&rig.core).await.unwrap(),
        "accounts": accounts_list(&rig.core).await.unwrap(),
        "skills": skills_on_view(&rig.core, false).await.unwrap(),
        "jobs": jobs_on_view(&rig.core).await.unwrap(),
        "slots": slots_read(&rig.core).await.unwrap(),
        "online": online_state(&rig.core).await.unwrap(),
        "next": next_view(&rig.core).await.unwrap(),
        "appInfo": app_info(&rig.core),
    });
    for key in own.as_object().unwrap().keys() {
        assert_eq!(first[key], own[key], "{key}");
    }
    assert_eq!(
        first["roster"].as_array().map(Vec::len),
        Some(2),
        "both pilots: {first}"
    );
    assert_eq!(first["accounts"][0]["name"], "Main");
    // Fresh boards are not asked for again; the roster's own check of corporations
    // behind its answer is the only request.
    let routes: Vec<&str> = rig.sim.requests().into_iter().map(|r| r.route).collect();
    assert!(routes.iter().all(|r| *r == "esi.affiliation"), "{routes:?}");
}

#[tokio::test]
async fn the_first_paint_says_whether_anything_was_stored_after_it() {
    let rig = linked_and_fresh().await;
    let first = first_paint(&rig.core).await.unwrap();
    assert!(!changed_since(&rig.core, first.stored).await.unwrap());
    // Reading again stores nothing.
    first_paint(&rig.core).await.unwrap();
    assert!(!changed_since(&rig.core, first.stored).await.unwrap());

    // A refresh stores a board it had not read.
    refresh_stale(&rig.core, &ATTRIBUTES).await.unwrap();
    assert!(changed_since(&rig.core, first.stored).await.unwrap());

    // So does a change the player made elsewhere (another window's command).
    let again = first_paint(&rig.core).await.unwrap();
    assert!(!changed_since(&rig.core, again.stored).await.unwrap());
    account_create(&rig.core, "Alts").await.unwrap();
    assert!(changed_since(&rig.core, again.stored).await.unwrap());
}
