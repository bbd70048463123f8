//! The everyday commands: `run` (the app), `bindings` (the UI's TypeScript bindings),
//! `sqlx-prepare` (the committed compile-time query data) and `esi-extract` (the trimmed
//! extract of CCP's ESI material in `third_party/ccp/`).

use std::env;
use std::process::Command;

use crate::setup::{build_ui, node_tools, system_packages};
use crate::shell::{cargo, on_path, root, sh, step, Step};

/// `cargo xtask run [-- ARGS]`: sets up what is missing, builds the UI, then builds and
/// starts Cynosure with `ARGS`.
pub(crate) fn run_app(extra: &[String]) -> Step {
    if let Err(e) = system_packages(false) {
        eprintln!("xtask: {e}\n(trying to build anyway)");
    }
    node_tools()?;
    build_ui()?;
    step("building and starting Cynosure");
    sh(Command::new(cargo())
        .args(["run", "--package", "cynosure", "--"])
        .args(extra))
}

/// `cargo xtask bindings`: regenerates `ui/src/bindings.ts` from the Rust commands.
pub(crate) fn bindings() -> Step {
    step("regenerating ui/src/bindings.ts");
    sh(Command::new(cargo())
        .args(["test", "--package", "cynosure", "--lib", "bindings"])
        .env("CYNOSURE_UPDATE_BINDINGS", "1"))
}

/// `cargo xtask sqlx-prepare`: refreshes the committed `.sqlx/` query data against a
/// fresh, migrated database (needs sqlx-cli).
pub(crate) fn sqlx_prepare() -> Step {
    if !on_path("sqlx") && !on_path("cargo-sqlx") {
        return Err("needs sqlx-cli: cargo install sqlx-cli --version ^0.8 --no-default-features --features sqlite,rustls".into());
    }
    let dir = env::temp_dir().join(format!("cynosure-sqlx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = format!("sqlite://{}", dir.join("prepare.sqlite3").display());
    let with_db = |args: &[&str]| {
        let mut cmd = Command::new(cargo());
        cmd.args(args)
            .env("DATABASE_URL", &url)
            .env("SQLX_OFFLINE", "false");
        cmd
    };
    sh(&mut with_db(&["sqlx", "database", "create"]))?;
    sh(&mut with_db(&[
        "sqlx",
        "migrate",
        "run",
        "--source",
        "migrations",
    ]))?;
    let result = sh(with_db(&["sqlx", "prepare"]).current_dir(root().join("src-tauri/core")));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// `cargo xtask esi-extract --spec FILE [--swagger FILE] [--example NAME=FILE]...`:
/// rewrites `third_party/ccp/` from CCP's material (see its README): the operations the
/// simulator serves with every component they reference, and CCP's examples.
pub(crate) fn esi_extract(args: &[String]) -> Step {
    step("extracting CCP's ESI material into third_party/ccp/");
    let out = root().join("third_party/ccp");
    sh(Command::new(cargo())
        .args([
            "run",
            "--quiet",
            "--package",
            "cynosure-sim",
            "--example",
            "esi_extract",
            "--",
        ])
        .args(args)
        .arg("--out")
        .arg(out))
}
