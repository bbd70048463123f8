//! The leak scan: a whole custody session (sign-ins, refreshes, a dead grant,
//! re-authorisation, refused callbacks, unlink) with every log line at TRACE, then a
//! search for every token the simulator issued in the SQLite files, the log files and
//! every payload the commands returned. The only place a refresh token may be is the
//! vault (here the file vault, which doubles as the proof that the scan finds tokens).

mod common;

use common::{visit, Rig, TestVault};
use cynosure_core::auth::commands::{auth_login_cancel, auth_status, auth_unlink};
use cynosure_core::roster::commands::roster_list;
use cynosure_core::settings::commands::settings_get;
use cynosure_core::IpcError;
use cynosure_sim::world::{AURA, BRAKK, CORA};
use cynosure_testkit::{bytes_contain, contents_under, files_under};

#[tokio::test]
async fn no_token_reaches_the_database_the_logs_or_a_payload() {
    std::env::set_var("CYNOSURE_LOG", "trace");
    let rig = Rig::start(TestVault::File).await;
    let guard = cynosure_core::logging::init(&rig.core.paths().log_dir).expect("file logging");
    let mut payloads: Vec<String> = Vec::new();
    let mut keep = |v: String| payloads.push(v);

    for who in [AURA, CORA, BRAKK] {
        keep(serde_json::to_string(&rig.login(who).await.0.unwrap()).unwrap());
    }
    rig.sim.clock().advance_secs(1300);
    for who in [AURA, BRAKK] {
        rig.core.custody().vend(&rig.core, who).await.unwrap();
    }
    rig.sim.revoke_character_grants(CORA);
    let dead = rig.core.custody().vend(&rig.core, CORA).await.unwrap_err();
    keep(serde_json::to_string(&IpcError::from(dead)).unwrap());
    keep(serde_json::to_string(&rig.login(CORA).await.0.unwrap()).unwrap());

    // Refused inputs, whose errors travel to the UI.
    rig.sim.omit_refresh_token_next();
    keep(serde_json::to_string(&IpcError::from(rig.login(AURA).await.0.unwrap_err())).unwrap());
    rig.sim.deny_next_login();
    keep(serde_json::to_string(&IpcError::from(rig.login(AURA).await.0.unwrap_err())).unwrap());
    let (task, _) = rig.login_by_hand().await;
    visit(&rig.callback("code=forged&state=wrong"), false)
        .await
        .unwrap();
    auth_login_cancel(&rig.core);
    keep(serde_json::to_string(&IpcError::from(task.await.unwrap().unwrap_err())).unwrap());

    keep(serde_json::to_string(&auth_unlink(&rig.core, AURA).await.unwrap()).unwrap());
    keep(serde_json::to_string(&roster_list(&rig.core).await.unwrap()).unwrap());
    keep(serde_json::to_string(&auth_status(&rig.core)).unwrap());
    keep(serde_json::to_string(&settings_get(&rig.core).await.unwrap()).unwrap());

    rig.core.close().await;
    drop(guard); // flushes the log file

    let access = rig.sim.access_tokens_issued();
    let refresh = rig.sim.refresh_tokens_issued();
    assert!(
        access.len() >= 6 && refresh.len() >= 6,
        "the session issued tokens"
    );

    let vault_file = rig.dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    let mut scanned = 0;
    // A file gone since it was listed (SQLite's -wal/-shm) holds nothing: passed over.
    for (path, bytes) in contents_under(rig.dir.path()) {
        if path == vault_file {
            // The control: the scan does find a token where one must be.
            let current = rig.vault().load(BRAKK).unwrap().unwrap();
            assert!(
                bytes_contain(&bytes, &current),
                "the scan finds the vault's token"
            );
            continue;
        }
        scanned += 1;
        for token in access.iter().chain(&refresh) {
            assert!(
                !bytes_contain(&bytes, token),
                "a token leaked into {}",
                path.display()
            );
        }
    }
    let names: Vec<String> = files_under(rig.dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("cynosure.") && n.ends_with(".log")),
        "a log file was scanned: {names:?}"
    );
    assert!(names.iter().any(|n| n == "cynosure.sqlite3"));
    let log: String = files_under(&rig.dir.path().join("logs"))
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        log.contains("character linked") && log.contains("TRACE"),
        "the log holds the session at TRACE"
    );
    assert!(scanned >= 2);
    for payload in &payloads {
        for token in access.iter().chain(&refresh) {
            assert!(
                !payload.contains(token.as_str()),
                "a token leaked into a payload"
            );
        }
    }
}
