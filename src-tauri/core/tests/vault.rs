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
    let vault = Vault::open(&choice, dir.path());
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
    let again = Vault::open(&choice, dir.path());
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
    let vault = Vault::open(&VaultChoice::File, dir.path());
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
    let again = Vault::open(&VaultChoice::File, dir.path());
    assert_eq!(again.load(7).unwrap().as_deref(), Some("seven"));
    again.delete(7).unwrap();
    assert_eq!(
        Vault::open(&VaultChoice::File, dir.path()).load(7).unwrap(),
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
    Vault::open(&VaultChoice::File, dir.path())
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
    let vault = Vault::open(&VaultChoice::File, dir.path());
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

/// Linux: a session without a Secret Service on its bus.
#[cfg(target_os = "linux")]
#[test]
fn without_a_keychain_the_app_says_tokens_go_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cynosure-cli"))
        .arg("status")
        .env("CYNOSURE_DATA_DIR", dir.path())
        .env("CYNOSURE_VAULT", "auto")
        // No session bus: no Secret Service.
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/cynosure-test-bus",
        )
        .env("CYNOSURE_LOG", "warn")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("a file readable only by you"),
        "status says where tokens go: {stdout}"
    );

    // And with the session's keychain, it says keychain.
    let out = Command::new(env!("CARGO_BIN_EXE_cynosure-cli"))
        .arg("status")
        .env("CYNOSURE_DATA_DIR", dir.path())
        .env("CYNOSURE_LOG", "warn")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("the system keychain"));
}
