//! Demo mode: the in-process simulator, a fresh folder of its own, and the demo's
//! characters linked through the real sign-in; the real data beside it is untouched.

mod common;

use std::sync::Arc;

use cynosure_core::demo::commands::demo_open;
use cynosure_core::industry::commands::{jobs_on_view, refresh_jobs};
use cynosure_core::roster::commands::{accounts_list, roster_list};
use cynosure_core::settings::commands::app_info;
use cynosure_core::sync::OwnerKind;
use cynosure_core::tasks::spawn_tasks;
use cynosure_core::Paths;

#[tokio::test]
async fn the_demo_links_three_characters_through_the_sign_in_in_a_folder_of_its_own() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(home.path());

    let (core, world) = demo_open(&paths).await.expect("the demo starts");
    let core = Arc::new(core);

    let roster = roster_list(&core).await.unwrap();
    let names: Vec<_> = roster.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for name in ["Aura Vexx", "Brakk Tollan", "Cora Maelis"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // Their faces come with the roster, not from a loopback port the window's CSP
    // would have to allow.
    assert!(roster
        .iter()
        .all(|c| c.portrait_url.starts_with("data:image/svg+xml;base64,")));
    // On their EVE accounts, as the simulated world has them.
    let accounts = accounts_list(&core).await.unwrap();
    let of = |name: &str| {
        let id = roster.iter().find(|c| c.name == name).unwrap().account_id;
        accounts
            .iter()
            .find(|a| Some(a.account_id) == id)
            .map(|a| a.name.clone())
    };
    assert_eq!(of("Aura Vexx").as_deref(), Some("Account A"));
    assert_eq!(of("Brakk Tollan").as_deref(), Some("Account A"));
    assert_eq!(of("Cora Maelis").as_deref(), Some("Account B"));

    let info = app_info(&core);
    assert!(info.demo);
    assert_eq!(
        info.data_dir,
        home.path().join("demo").display().to_string()
    );
    assert!(!home.path().join("cynosure.sqlite3").exists());
    assert!(home.path().join("demo/cynosure.sqlite3").exists());

    // The engines run against the simulator: the corporation's jobs come through the
    // gate with Aura's Factory Manager role.
    refresh_jobs(&core).await;
    let jobs = jobs_on_view(&core).await.unwrap();
    let corporation = jobs
        .owners
        .iter()
        .find(|o| o.owner_kind == OwnerKind::Corporation)
        .expect("Brave Industries' board");
    assert_eq!(corporation.name.as_deref(), Some("Brave Industries"));
    assert_eq!(corporation.jobs.as_ref().map(Vec::len), Some(1));

    // The alarms run as for a real account; the demo's notices say they are the demo's.
    let (outlet, mut rx) = common::ChannelOutlet::new();
    let tasks = spawn_tasks(&tokio::runtime::Handle::current(), &core, outlet);
    let notice = tokio::time::timeout(std::time::Duration::from_secs(10), rx.notices.recv())
        .await
        .expect("Cora's job, ready before the demo began, is announced")
        .unwrap();
    assert!(
        notice.title.starts_with("While you were away"),
        "{notice:?}"
    );
    assert!(notice.title.ends_with(" (demo)"), "{notice:?}");
    drop(tasks);
    core.close().await;
    drop(world);
}

#[tokio::test]
async fn each_demo_starts_afresh() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(home.path());
    let (core, world) = demo_open(&paths).await.unwrap();
    let leftover = home.path().join("demo/leftover.txt");
    std::fs::write(&leftover, "from the last demo").unwrap();
    core.close().await;
    drop(world);

    let (core, _world) = demo_open(&paths).await.unwrap();
    assert!(!leftover.exists());
    assert_eq!(roster_list(&core).await.unwrap().len(), 3);
    core.close().await;
}

#[tokio::test]
async fn a_folder_that_is_not_the_demos_is_never_deleted() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(home.path());
    // The player's own files where the demo would go (a data folder pointed elsewhere).
    let theirs = home.path().join("demo/their-notes.txt");
    std::fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    std::fs::write(&theirs, "mine").unwrap();
    let err = demo_open(&paths).await.unwrap_err();
    assert_eq!(cynosure_core::ErrorCode::code(&err), "demo.not_ours");
    assert!(err.to_string().contains("will not delete it"), "{err}");
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "mine");

    // A demo folder from a version before the marker holds only what a demo writes: it
    // is still replaced.
    std::fs::remove_file(&theirs).unwrap();
    std::fs::write(home.path().join("demo/cynosure.sqlite3"), b"").unwrap();
    std::fs::write(home.path().join("demo/refresh-tokens.json"), b"{}").unwrap();
    let (core, _world) = demo_open(&paths).await.expect("an earlier demo's folder");
    core.close().await;
    assert!(home.path().join("demo/.cynosure-demo").is_file());
}
