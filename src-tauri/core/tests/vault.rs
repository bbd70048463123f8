//! The vault keeps refresh tokens for real: in the Secret Service of the test session
//! (read back by another program, `secret-tool`), or in a file only the user can read
//! when no keychain answers.

mod common;

#[cfg(target_os = "linux")]
use std::process::Command;

use cynosure_core::auth::{Vault, VaultChoice, VaultKind};

#[cfg(target_os = "linux")]
fn secret_tool_lookup(service: &str, user: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", user])
        .output()
        .expect("secret-tool (libsecret-tools) is installed by `cargo xtask test`");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Linux: read back through another program, `secret-tool`.
#[cfg(target_os = "linux")]
#[test]
fn the_keychain_really_persists_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let service = format!("cynosure-vault-test-{}", std::process::id());
    let choice = VaultChoice::Auto {
        service: service.clone(),
    };
    let vault = Vault::open(&choice, dir.path(), None);
    assert_eq!(
        vault.kind(),
        VaultKind::Keychain,
        "run through `cargo xtask test`: it starts an unlocked gnome-keyring"
    );
    vault.store(2112000001, "refresh-one").unwrap();
    vault.store(2112000001, "refresh-two").unwrap();

    // Another program sees it in the Secret Service: not an in-memory stand-in.
    assert_eq!(
        secret_tool_lookup(&service, "2112000001").as_deref(),
        Some("refresh-two")
    );
    // A new vault (as after a restart) reads it back; nothing lands in the data folder.
    let again = Vault::open(&choice, dir.path(), None);
    assert_eq!(
        again.load(2112000001).unwrap().as_deref(),
        Some("refresh-two")
    );
    assert_eq!(again.load(2112000002).unwrap(), None);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    again.delete(2112000001).unwrap();
    again.delete(2112000001).unwrap();
    assert_eq!(secret_tool_lookup(&service, "2112000001"), None);
    assert_eq!(vault.load(2112000001).unwrap(), None);
}

#[test]
fn the_file_vault_is_private_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::open(&VaultChoice::File, dir.path(), None);
    assert_eq!(vault.kind(), VaultKind::File);
    vault.store(7, "seven").unwrap();
    vault.store(8, "eight").unwrap();
    let path = dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable only by the user");
    }
    let again = Vault::open(&VaultChoice::File, dir.path(), None);
    assert_eq!(again.load(7).unwrap().as_deref(), Some("seven"));
    again.delete(7).unwrap();
    assert_eq!(
        Vault::open(&VaultChoice::File, dir.path(), None)
            .load(7)
            .unwrap(),
        None
    );
    assert_eq!(again.load(8).unwrap().as_deref(), Some("eight"));

    // A damaged file is an error, not an empty vault that would lose the other tokens.
    std::fs::write(&path, b"{not json").unwrap();
    assert!(again.load(8).is_err());
    assert!(again.store(9, "nine").is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"{not json");
}

#[cfg(unix)]
#[test]
fn a_left_over_temporary_file_does_not_widen_access() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, b"").unwrap();
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644)).unwrap();
    Vault::open(&VaultChoice::File, dir.path(), None)
        .store(7, "seven")
        .unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn a_link_planted_where_the_vault_writes_redirects_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, b"untouched").unwrap();
    // Another program plants links at the names a writer might use for its temporary file.
    let path = dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    for name in [path.with_extension("json.tmp"), path.with_extension("tmp")] {
        std::os::unix::fs::symlink(&victim, name).unwrap();
    }
    let vault = Vault::open(&VaultChoice::File, dir.path(), None);
    vault.store(7, "seven").unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
    assert_eq!(vault.load(7).unwrap().as_deref(), Some("seven"));
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_is_created_for_the_user_alone() {
    use std::os::unix::fs::PermissionsExt as _;
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("cynosure-data");
    let core = cynosure_core::Cynosure::open(cynosure_core::Config {
        vault: VaultChoice::File,
        ..cynosure_core::Config::new(
            cynosure_core::Paths::in_dir(&data),
            std::sync::Arc::new(cynosure_core::SystemClock),
        )
    })
    .await
    .unwrap();
    let mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    core.close().await;
}

/// Linux: a session whose bus has no Secret Service (SSH, an autostart before the
/// keychain is unlocked) — as `cynosure-cli` sees it, against the simulator.
#[cfg(target_os = "linux")]
const NO_KEYCHAIN_BUS: &str = "unix:path=/nonexistent/cynosure-test-bus";

/// `cynosure-cli` in `dir` with the store chosen as the installed app chooses it;
/// `bus` replaces the session bus (`None`: the test session's, with its keychain).
#[cfg(target_os = "linux")]
fn cli(dir: &std::path::Path, sim: &cynosure_sim::Sim, bus: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cynosure-cli"));
    cmd.env("CYNOSURE_DATA_DIR", dir)
        .env_remove("CYNOSURE_VAULT")
        .env("CYNOSURE_ESI_URL", sim.base_url())
        .env("CYNOSURE_SSO_URL", sim.base_url())
        .env("CYNOSURE_CLIENT_ID", cynosure_sim::DEFAULT_CLIENT_ID)
        .env("CYNOSURE_LOG", "warn");
    if let Some(bus) = bus {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    cmd
}

/// Runs a command that must end by itself within `secs` (a sign-in that waits for a
/// browser would not: it is killed and the test fails).
#[cfg(target_os = "linux")]
fn output_within(cmd: &mut Command, secs: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {secs} s: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn a_keychain_that_does_not_answer_is_said_and_never_silently_replaced_by_a_file() {
    use cynosure_sim::world::CORA;
    let port = cynosure_testkit::free_port();
    let sim = cynosure_sim::Sim::start(cynosure_sim::SimConfig {
        clock: cynosure_sim::SimClock::system(),
        callbacks: vec![format!("http://localhost:{port}/callback")],
        ..cynosure_sim::SimConfig::default()
    })
    .await
    .unwrap();
    sim.login_as(CORA);
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    // The app was set up on the desktop (its keychain answered); the callback port is
    // a setting in the database the CLI shares.
    let paths = cynosure_core::Paths::in_dir(dir.path());
    let service = format!(
        "{} ({})",
        cynosure_core::paths::APP_IDENTIFIER,
        paths.data_dir.display()
    );
    {
        let core = cynosure_core::Cynosure::open(cynosure_core::Config::new(
            paths,
            std::sync::Arc::new(cynosure_core::SystemClock),
        ))
        .await
        .unwrap();
        cynosure_core::settings::commands::settings_update(
            &core,
            cynosure_core::settings::models::SettingsPatch {
                callback_port: Some(port),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        core.close().await;
    }

    // Over SSH: the keychain does not answer, and the CLI says so.
    let out = output_within(
        cli(dir.path(), &sim, Some(NO_KEYCHAIN_BUS)).arg("status"),
        30,
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("locked or not answering"), "{said}");
    // A sign-in is refused before any browser, and nothing is written to a file.
    let out = output_within(
        cli(dir.path(), &sim, Some(NO_KEYCHAIN_BUS)).arg("login"),
        30,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("auth.keychain_locked") && stderr.contains("cynosure-cli vault file"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("http"));
    assert!(!token_file.exists());
    assert!(sim.requests().is_empty(), "nothing asked of EVE's login");

    // The player chooses the file: the sign-in goes there.
    let out = output_within(
        cli(dir.path(), &sim, Some(NO_KEYCHAIN_BUS)).args(["vault", "file"]),
        30,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a file readable only by you"));
    let mut login = cli(dir.path(), &sim, Some(NO_KEYCHAIN_BUS))
        .arg("login")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = login.stdout.take().unwrap();
    // Read to the end (the CLI prints again when linked), handing over the URL.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        use std::io::BufRead as _;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let url = loop {
        let line = rx.recv().await.expect("the CLI prints the authorize URL");
        if line.starts_with("http") {
            break line;
        }
    };
    common::follow(&url).await;
    let status = tokio::task::spawn_blocking(move || login.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success());
    let in_file = std::fs::read_to_string(&token_file).unwrap();
    let refresh = sim.refresh_tokens_issued().last().cloned().unwrap();
    assert!(in_file.contains(&refresh));
    assert_eq!(secret_tool_lookup(&service, &CORA.to_string()), None);

    // Back at the desktop, the keychain answers: the token moves into it, the file goes.
    let out = output_within(cli(dir.path(), &sim, None).arg("characters"), 30);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains(&format!("{CORA}\t")) && listed.contains("\tok"),
        "{listed}"
    );
    assert!(
        !token_file.exists(),
        "the file is gone once the keychain holds its tokens"
    );
    assert_eq!(
        secret_tool_lookup(&service, &CORA.to_string()).as_deref(),
        Some(refresh.as_str())
    );
    let out = output_within(cli(dir.path(), &sim, None).arg("status"), 30);
    assert!(String::from_utf8_lossy(&out.stdout).contains("the system keychain."));

    // Unlink revokes it and leaves it in neither store.
    let out = output_within(
        cli(dir.path(), &sim, None).args(["unlink", &CORA.to_string()]),
        30,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(secret_tool_lookup(&service, &CORA.to_string()), None);
    assert!(!token_file.exists());
}

/// Linux: a token another process left in the file (a CLI over SSH, with the file
/// chosen) is found by a running app whose keychain answers, and moved into it; delete
/// clears both stores.
#[cfg(target_os = "linux")]
#[test]
fn a_keychain_vault_takes_over_tokens_left_in_the_file_and_deletes_from_both() {
    let dir = tempfile::tempdir().unwrap();
    let service = format!("cynosure-vault-takeover-{}", std::process::id());
    let choice = VaultChoice::Auto {
        service: service.clone(),
    };
    // Before the app starts: a file from the fallback (an earlier version wrote it).
    Vault::open(&VaultChoice::File, dir.path(), None)
        .store(2112000003, "from-the-file")
        .unwrap();
    let vault = Vault::open(&choice, dir.path(), None);
    assert_eq!(vault.kind(), VaultKind::Keychain);
    assert_eq!(
        secret_tool_lookup(&service, "2112000003").as_deref(),
        Some("from-the-file")
    );
    let path = dir.path().join(cynosure_core::auth::vault::TOKEN_FILE);
    assert!(!path.exists());

    // While it runs: another process writes the file.
    Vault::open(&VaultChoice::File, dir.path(), None)
        .store(2112000004, "written-meanwhile")
        .unwrap();
    assert_eq!(
        vault.load(2112000004).unwrap().as_deref(),
        Some("written-meanwhile")
    );
    assert!(!path.exists());

    // A token in both stores is deleted from both.
    vault.store(2112000005, "in-the-keychain").unwrap();
    Vault::open(&VaultChoice::File, dir.path(), None)
        .store(2112000006, "other")
        .unwrap();
    let file_vault = Vault::open(&VaultChoice::File, dir.path(), None);
    file_vault.store(2112000005, "in-the-file").unwrap();
    vault.delete(2112000005).unwrap();
    assert_eq!(secret_tool_lookup(&service, "2112000005"), None);
    assert_eq!(file_vault.load(2112000005).unwrap(), None);
    assert_eq!(
        file_vault.load(2112000006).unwrap().as_deref(),
        Some("other")
    );
    for id in [2112000003, 2112000004, 2112000006] {
        vault.delete(id).unwrap();
    }
    assert!(!path.exists());
}
