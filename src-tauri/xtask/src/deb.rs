//! `cargo xtask deb`: the release `.deb` built, installed, smoke-tested and removed as a
//! user meets it, and the `.rpm` from the same configuration checked.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::setup::{node_tools, system_packages, tauri_driver};
use crate::shell::{as_root, root, sh, step, target_dir, Step};
use crate::test::ignored_e2e;

/// The installer as a user meets it: build the `.deb` (release), install it with the
/// system's package manager, drive the **installed** binary through the end-to-end smoke
/// test, remove the package, and check that the user's data is still there.
pub(crate) fn deb_smoke() -> Step {
    const INSTALLED: &str = "/usr/bin/cynosure";
    system_packages(true)?;
    tauri_driver()?;
    node_tools()?;

    step("building the .deb and .rpm (release bundles)");
    for kind in ["deb", "rpm"] {
        let _ = std::fs::remove_dir_all(target_dir().join("release/bundle").join(kind));
    }
    sh(tauri_cli().args(["build", "--bundles", "deb,rpm", "--ci"]))?;
    check_rpm()?;
    let deb = bundle("deb")?;
    let size = std::fs::metadata(&deb).map_err(|e| e.to_string())?.len();
    println!(
        "xtask: {} is {:.2} MiB ({size} bytes)",
        deb.display(),
        size as f64 / 1024.0 / 1024.0
    );

    step("installing the .deb with apt-get");
    sh(as_root("apt-get")?
        .args([
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "--reinstall",
        ])
        .arg(&deb)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    for installed in [
        INSTALLED,
        "/usr/share/applications/Cynosure.desktop",
        "/usr/share/icons/hicolor/128x128/apps/cynosure.png",
    ] {
        if !Path::new(installed).exists() {
            return Err(format!("the package did not install {installed}"));
        }
    }
    let entry = std::fs::read_to_string("/usr/share/applications/Cynosure.desktop")
        .map_err(|e| e.to_string())?;
    if !entry.contains("Categories=Game;") || !entry.contains("Exec=cynosure") {
        return Err(format!("unexpected desktop entry:\n{entry}"));
    }

    step("end-to-end smoke test of the installed app");
    let data = env::temp_dir().join(format!("cynosure-installed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    env::set_var("CYNOSURE_E2E_APP", INSTALLED);
    env::set_var("CYNOSURE_E2E_DATA_DIR", &data);
    ignored_e2e("installed::installed_app_smoke")?;

    step("removing the package: the user's data stays");
    sh(as_root("apt-get")?
        .args(["remove", "-y", "-qq", "cynosure"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    if Path::new(INSTALLED).exists() {
        return Err(format!("{INSTALLED} is still there after removal"));
    }
    for kept in ["cynosure.sqlite3", "demo/cynosure.sqlite3"] {
        let file = data.join(kept);
        if !file.is_file() {
            return Err(format!("{} did not survive the removal", file.display()));
        }
        println!("xtask: kept after removal: {}", file.display());
    }
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}

/// The Tauri CLI from the UI's npm packages. It takes `ui/` (the only package.json) for
/// the frontend and runs `beforeBuildCommand` there.
fn tauri_cli() -> Command {
    let mut cmd = Command::new(root().join("ui/node_modules/.bin/tauri"));
    cmd.current_dir(root());
    cmd
}

/// The .rpm is built from the same configuration: check its name, version, files and
/// requirements with `rpm` (it cannot be installed on Debian).
fn check_rpm() -> Step {
    let rpm = bundle("rpm")?;
    let query = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("rpm")
            .args(args)
            .arg(&rpm)
            .output()
            .map_err(|e| format!("rpm: {e}"))?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let name = query(&["-qp", "--queryformat", "%{NAME} %{VERSION}"])?;
    let files = query(&["-qpl"])?;
    let requires = query(&["-qpR"])?;
    let size = std::fs::metadata(&rpm).map_err(|e| e.to_string())?.len();
    println!(
        "xtask: {} ({name}) is {:.2} MiB",
        rpm.display(),
        size as f64 / 1024.0 / 1024.0
    );
    let expected = format!("cynosure {}", env!("CARGO_PKG_VERSION"));
    if name.trim() != expected
        || !files.contains("/usr/bin/cynosure")
        || !files.contains("/usr/share/applications/Cynosure.desktop")
        || !requires.contains("dbus-libs")
    {
        return Err(format!(
            "unexpected .rpm: {name}\nfiles:\n{files}\nrequires:\n{requires}"
        ));
    }
    Ok(())
}

/// The release bundle of one kind (`deb`, `rpm`) the last `tauri build` made.
fn bundle(kind: &str) -> Result<PathBuf, String> {
    let dir = target_dir().join("release/bundle").join(kind);
    std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == kind))
        .ok_or_else(|| format!("no .{kind} was built"))
}
