//! A board survives the process being killed in the middle of saving it: a real child
//! process saves large boards back to back through the engine's save, and is killed with
//! SIGKILL at varying moments; the stored board is always one whole version, and the
//! database passes SQLite's integrity check.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use cynosure_core::industry::models::IndustryJob;
use cynosure_core::store::boards::{self, BoardKey};
use cynosure_core::sync::{OwnerKind, Slice};
use cynosure_core::{Config, Cynosure, ManualClock, Paths};

const CHILD_ENV: &str = "CYNOSURE_KILL_TEST_DIR";
const JOBS: i64 = 4000;
const KEY: BoardKey = BoardKey {
    owner_kind: OwnerKind::Character,
    owner_id: 2_112_000_001,
    slice: Slice::CharacterJobs,
};

async fn open(dir: &std::path::Path) -> Cynosure {
    let mut config = Config::new(
        Paths::in_dir(dir),
        Arc::new(ManualClock::new(1_795_014_400_000)),
    );
    config.vault = cynosure_core::auth::VaultChoice::File;
    Cynosure::open(config).await.unwrap()
}

fn board(version: i64) -> String {
    let jobs: Vec<IndustryJob> = (0..JOBS)
        .map(|i| IndustryJob {
            job_id: 500_000_000 + i,
            activity_id: 1,
            blueprint_type_id: 691,
            product_type_id: Some(587),
            runs: version,
            start_at: 1_795_000_000_000,
            end_at: 1_795_100_000_000 + i,
            status: "active".into(),
            installer_id: 2_112_000_001,
            location_id: 60_003_760,
            activity: None,
            blueprint_name: None,
            product_name: None,
            installer_name: None,
            location_name: None,
        })
        .collect();
    serde_json::to_string(&jobs).unwrap()
}

/// The child: saves version after version until it is killed.
#[tokio::test]
#[ignore = "run by a_kill_in_the_middle_of_a_save_leaves_a_whole_board as a child process"]
async fn child_saves_boards_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let base: i64 = std::env::var("CYNOSURE_KILL_TEST_BASE")
        .unwrap()
        .parse()
        .unwrap();
    let core = open(std::path::Path::new(&dir)).await;
    let generation = boards::claim(core.db(), KEY, 0, 0).await.unwrap().unwrap();
    for version in base + 1.. {
        println!("saving {version}");
        let saved = boards::save(core.db(), KEY, generation, &board(version), None, 0, 0)
            .await
            .unwrap();
        assert_eq!(saved, boards::Saved::Changed);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kill_in_the_middle_of_a_save_leaves_a_whole_board() {
    let dir = tempfile::tempdir().unwrap();
    open(dir.path()).await.close().await;
    let mut last_version = 0;
    for round in 0..8u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_saves_boards_until_killed",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .env("CYNOSURE_KILL_TEST_BASE", (round * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Keep draining its output (a closed pipe would end it before the kill), and
        // wait until it is saving its second version: a save is under way or has just
        // committed. Then let it run a varying while and kill it.
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut saving = 0;
        while saving < 2 {
            let line = rx.recv().await.expect("the child saves");
            saving += usize::from(line.starts_with("saving "));
        }
        tokio::time::sleep(Duration::from_millis(round * 7)).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        // A new process opens the file (recovering the WAL) and finds one whole board.
        let core = open(dir.path()).await;
        let row = boards::get(core.db(), KEY).await.unwrap().unwrap();
        let jobs: Vec<IndustryJob> =
            serde_json::from_str(row.body.as_deref().unwrap()).expect("a whole board");
        assert_eq!(jobs.len() as i64, JOBS, "round {round}: every job is there");
        let version = jobs[0].runs;
        assert!(
            jobs.iter().all(|j| j.runs == version),
            "round {round}: one version, not a mix"
        );
        let base = round as i64 * 1_000_000;
        assert!(
            version > base && version < base + 1_000_000,
            "round {round}: the save that committed before the kill is kept ({version})"
        );
        last_version = version;
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(core.db().pool())
            .await
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        // The killed run's claim is left behind, as after a crash; a new run waits for it
        // to count as dead. The next child claims with an old "now" that is far later.
        sqlx::query("UPDATE boards SET run_started_at = NULL")
            .execute(core.db().pool())
            .await
            .unwrap();
        core.close().await;
    }
    assert!(last_version > 7_000_000);
}
