//! The test session: a virtual display (Xvfb) with a private D-Bus session, and inside
//! it what the tests expect on that bus (an unlocked gnome-keyring).

use std::env;
use std::process::Command;

use crate::shell::{cargo, on_path, sh, Step};

/// Runs `cargo <args>` on a virtual display in a private D-Bus session (the real window,
/// the tray, notifications and the keychain), through `xtask in-session`.
pub(crate) fn in_display(cargo_args: &[&str]) -> Step {
    let mut args = vec!["in-session"];
    args.extend_from_slice(cargo_args);
    in_virtual_display(&args)
}

/// Runs this xtask with `args` on a virtual display (Xvfb) in a private D-Bus session.
pub(crate) fn in_virtual_display(args: &[&str]) -> Step {
    let me = env::current_exe().map_err(|e| e.to_string())?;
    sh(Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "dbus-run-session",
            "--",
        ])
        .arg(me)
        .args(args))
}

/// Runs `cargo <args>` inside the test session (display and D-Bus already set up by
/// the caller), after starting what the tests expect on that bus: an unlocked
/// gnome-keyring (a real Secret Service) with its keyrings in a fresh folder.
pub(crate) fn in_session(args: &[String]) -> Step {
    let mut cargo_cmd = Command::new(cargo());
    cargo_cmd.args(args);
    if cfg!(target_os = "linux") && on_path("gnome-keyring-daemon") {
        let keyrings = env::temp_dir().join(format!("cynosure-keyring-{}", std::process::id()));
        std::fs::create_dir_all(&keyrings).map_err(|e| e.to_string())?;
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("XDG_DATA_HOME", &keyrings)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("gnome-keyring-daemon: {e}"))?;
        {
            use std::io::Write as _;
            let mut stdin = daemon.stdin.take().ok_or("gnome-keyring-daemon stdin")?;
            stdin
                .write_all(b"cynosure-test-keyring")
                .map_err(|e| e.to_string())?;
        }
        let output = daemon.wait_with_output().map_err(|e| e.to_string())?;
        // It prints the variables a client needs (GNOME_KEYRING_CONTROL=...).
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some((key, value)) = line.split_once('=') {
                cargo_cmd.env(key, value);
            }
        }
        wait_for_bus_name("org.freedesktop.secrets")?;
        wait_for_secret_service()?;
    }
    sh(&mut cargo_cmd)
}

/// Waits until `name` has an owner on the session bus. Probing the Secret Service before
/// the daemon above took its name makes D-Bus start a second gnome-keyring, one with no
/// unlocked keyring, which waits on a password prompt that cannot be shown.
fn wait_for_bus_name(name: &str) -> Step {
    if !on_path("gdbus") {
        return Ok(());
    }
    // Watches the bus for the name (it does not start the service).
    let waited = Command::new("gdbus")
        .args(["wait", "--session", "--timeout", "20", name])
        .status()
        .map_err(|e| format!("gdbus: {e}"))?;
    if waited.success() {
        Ok(())
    } else {
        Err(format!("{name} never appeared on the session bus"))
    }
}

/// Waits until the Secret Service stores and returns a secret: the daemon's parent exits
/// before its default collection is always ready, and the first test to touch the
/// keychain must not meet a half-started one.
fn wait_for_secret_service() -> Result<(), String> {
    if !on_path("secret-tool") {
        return Ok(());
    }
    let attrs = ["cynosure-xtask", "ready-probe"];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let stored = Command::new("secret-tool")
            .args(["store", "--label=cynosure probe"])
            .args(attrs)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write as _;
                c.stdin.take().map(|mut i| i.write_all(b"ok"));
                c.wait()
            })
            .is_ok_and(|s| s.success());
        let read = Command::new("secret-tool")
            .arg("lookup")
            .args(attrs)
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout == b"ok");
        if stored && read {
            let _ = Command::new("secret-tool")
                .arg("clear")
                .args(attrs)
                .status();
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err("the test keyring (gnome-keyring) never answered".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
