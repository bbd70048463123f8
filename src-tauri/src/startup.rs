//! The start-up mark: how long from the process starting to the stored boards on screen
//! (`cargo xtask bench-startup` reads it; see BENCHMARKS.md).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static PAINTED: OnceLock<()> = OnceLock::new();

/// Called first thing in `run`.
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

/// The UI's first paint of the stored boards; later calls (a reload) are ignored.
pub fn painted() {
    if PAINTED.set(()).is_err() {
        return;
    }
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    tracing::info!(ms, "stored boards painted");
    if std::env::var_os("CYNOSURE_STARTUP_MARK").is_some() {
        println!("startup-mark painted {ms}");
    }
}
