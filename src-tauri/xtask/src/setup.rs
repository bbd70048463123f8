//! Set-up: what building, testing and benchmarking need, installed when missing (the
//! system packages, the UI's npm packages, tauri-driver), and the UI build.

use std::env;
use std::path::Path;
use std::process::Command;

use crate::shell::{as_root, cargo, modified, npm, on_path, root, sh, step, Step};

/// What building the app needs on Debian/Ubuntu (Tauri's documented prerequisites).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
    // keyring's Secret Service backend links libdbus.
    "libdbus-1-dev",
];

/// What the tests add: a virtual display, a D-Bus session, the WebKit WebDriver, a
/// notification daemon, a tray host, a Secret Service keychain and a browser.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus-x11",
    "webkit2gtk-driver",
    "dunst",
    // dbus-monitor and dbus-send: the notification test records Notify calls.
    "dbus-bin",
    // gdbus: the tests read and click the tray menu the app exports on D-Bus.
    "libglib2.0-bin",
    // tests/e2e/desktop.py (the close button through libX11, the tray through gdbus).
    "python3",
    "libx11-6",
    "xdotool",
    "imagemagick",
    "trayer",
    "gnome-keyring",
    "libsecret-tools",
    "chromium",
    // rpm: reads the .rpm bundle's header to check it.
    "rpm",
    "curl",
];

/// Installs the missing Debian/Ubuntu packages (the tests' too `with_test_tools`) when
/// it can (root, or password-less sudo); otherwise fails with the exact command to run.
pub(crate) fn system_packages(with_test_tools: bool) -> Step {
    if !cfg!(target_os = "linux") || !Path::new("/etc/debian_version").exists() {
        println!(
            "xtask: not a Debian/Ubuntu system: install Tauri's prerequisites for your OS \
             (README, \"Prerequisites\")"
        );
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if with_test_tools {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!(
        "installing system packages: {}",
        missing.join(" ")
    ));
    let manual = format!(
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    let apt = |args: &[&str]| -> Result<Command, String> {
        let mut cmd = as_root("apt-get").map_err(|_| {
            format!("these system packages are missing; install them with:\n    {manual}")
        })?;
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        Ok(cmd)
    };
    sh(&mut apt(&["update", "-qq"])?)?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"])?;
    install.args(&missing);
    sh(&mut install).map_err(|e| format!("{e}\ninstall them by hand with:\n    {manual}"))
}

/// Whether dpkg has `package` installed.
fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// The UI's npm packages, installed when the lock file is newer than them (always on CI).
pub(crate) fn node_tools() -> Step {
    if !on_path("npm") {
        return Err(
            "Node.js 20.19+ with npm is needed to build the UI: https://nodejs.org (or your \
             package manager), then run this again"
                .into(),
        );
    }
    let ui = root().join("ui");
    let stamp = ui.join("node_modules/.package-lock.json");
    let fresh = modified(&stamp).is_some_and(|installed| {
        modified(&ui.join("package-lock.json")).is_some_and(|lock| lock <= installed)
    });
    if !fresh || env::var_os("CI").is_some() {
        step("installing the UI's npm packages");
        // `npm install` with the committed lock, not `npm ci`: npm 11 leaves other
        // platforms' optional packages out of the lock and then `npm ci` refuses it.
        sh(npm().args(["install", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

/// tauri-driver (Linux only), installed with cargo when it is not on the `PATH`.
pub(crate) fn tauri_driver() -> Step {
    if !cfg!(target_os = "linux") || on_path("tauri-driver") {
        return Ok(());
    }
    step("installing tauri-driver (the WebDriver bridge for end-to-end tests)");
    sh(Command::new(cargo()).args(["install", "tauri-driver", "--version", "^2", "--locked"]))
}

/// Builds the UI into `ui/dist`, which the app serves.
pub(crate) fn build_ui() -> Step {
    step("building the UI (ui/dist)");
    sh(npm().args(["run", "build"]))
}
