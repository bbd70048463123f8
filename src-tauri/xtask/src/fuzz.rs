//! `cargo xtask fuzz [--run SECONDS]`: the core crate's cargo-fuzz targets.

use std::process::Command;

use crate::shell::{cargo, on_path, root, sh, step, Step};

/// The fuzz targets (`src-tauri/core/fuzz`): built, and with `--run SECONDS` run each
/// on its kept corpus. Without a sanitizer: the parsers hold no `unsafe`, the hunt is for
/// panics (overflow checks are on in fuzz builds), and a stable toolchain suffices.
pub(crate) fn fuzz(args: &[String]) -> Step {
    if !on_path("cargo-fuzz") {
        step("installing cargo-fuzz");
        sh(Command::new(cargo()).args([
            "install",
            "cargo-fuzz",
            "--version",
            "^0.13",
            "--locked",
        ]))?;
    }
    let core = root().join("src-tauri/core");
    sh(Command::new(cargo())
        .current_dir(&core)
        .args(["fuzz", "build", "--sanitizer", "none"]))?;
    let seconds = match args {
        [] => return Ok(()),
        [flag, seconds] if flag == "--run" => seconds.clone(),
        _ => return Err("usage: cargo xtask fuzz [--run SECONDS]".into()),
    };
    // The targets as fuzz/Cargo.toml declares them.
    let listed = Command::new(cargo())
        .current_dir(&core)
        .args(["fuzz", "list"])
        .output()
        .map_err(|e| format!("cargo fuzz list: {e}"))?;
    let targets = String::from_utf8_lossy(&listed.stdout).into_owned();
    for target in targets.lines().map(str::trim).filter(|t| !t.is_empty()) {
        step(&format!("fuzzing {target} for {seconds} s"));
        sh(Command::new(cargo()).current_dir(&core).args([
            "fuzz",
            "run",
            "--sanitizer",
            "none",
            target,
            "--",
            &format!("-max_total_time={seconds}"),
            "-print_final_stats=1",
        ]))?;
    }
    Ok(())
}
