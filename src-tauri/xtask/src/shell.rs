//! The helpers every command uses: where the project is, how a step is announced, how a
//! program is run (and run as root), and what is on the `PATH`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a step of a command returns: nothing, or the message xtask fails with.
pub(crate) type Step = Result<(), String>;

/// The repository's root folder.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("xtask lives two levels below the root")
        .to_path_buf()
}

/// Where cargo builds: `CARGO_TARGET_DIR`, else `target/` at the root.
pub(crate) fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The cargo that runs xtask (`CARGO`), else the one on the `PATH`.
pub(crate) fn cargo() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Announces a step.
pub(crate) fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs a command (in the root folder unless it has its own) and fails unless it succeeds.
pub(crate) fn sh(cmd: &mut Command) -> Step {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir_if_unset(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

trait CommandExt {
    fn current_dir_if_unset(&mut self, dir: PathBuf) -> &mut Self;
}

impl CommandExt for Command {
    fn current_dir_if_unset(&mut self, dir: PathBuf) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(dir);
        }
        self
    }
}

/// Whether `program` is on the `PATH`.
pub(crate) fn on_path(program: &str) -> bool {
    env::var_os("PATH").is_some_and(|paths| {
        env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(program);
            candidate.is_file() || candidate.with_extension("exe").is_file()
        })
    })
}

/// npm, in the UI's folder.
pub(crate) fn npm() -> Command {
    let mut cmd = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    // The UI tests drive the system's Chromium through Playwright: no browser download.
    cmd.current_dir(root().join("ui"))
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    cmd
}

/// `program` run as root: directly when we are root, else through password-less sudo.
pub(crate) fn as_root(program: &str) -> Result<Command, String> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if is_root {
        return Ok(Command::new(program));
    }
    let sudo_ok = Command::new("sudo")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !sudo_ok {
        return Err(format!("{program} needs root (or password-less sudo)"));
    }
    let mut cmd = Command::new("sudo");
    cmd.args(["-n", program]);
    Ok(cmd)
}

/// When a file was last modified, if it exists.
pub(crate) fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
