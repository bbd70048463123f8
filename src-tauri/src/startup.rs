//! The start-up marks: how long from the process starting, and from a window being asked
//! for again (the tray, a notification, a second launch), to the stored boards on screen
//! (`cargo xtask bench-startup` reads them; see BENCHMARKS.md).

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static PAINTED: OnceLock<()> = OnceLock::new();
/// When a window was last built after the first one.
static REOPENED: Mutex<Option<Instant>> = Mutex::new(None);

/// Called first thing in `run`.
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

/// A window is being built; after the first paint it is a reopening.
pub fn reopening() {
    if PAINTED.get().is_some() {
        *REOPENED.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }
}

/// A step on the way to the first paint (`core-opened`, `window-built`, `page-asked`,
/// `page-answered`): its time since start, once, for the benchmark's breakdown.
pub fn phase(what: &'static str) {
    static SEEN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    if PAINTED.get().is_some() || std::env::var_os("CYNOSURE_STARTUP_MARK").is_none() {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
    if !seen.contains(&what) {
        seen.push(what);
        let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
        println!("startup-mark {what} {ms}");
    }
}

/// A page painted the stored boards: the first since start, or the first in a reopened
/// window. Other calls (a reload) are ignored.
pub fn painted() {
    let (what, ms) = if PAINTED.set(()).is_ok() {
        (
            "painted",
            STARTED.get().map_or(0, |t| t.elapsed().as_millis()),
        )
    } else if let Some(asked) = REOPENED.lock().unwrap_or_else(|p| p.into_inner()).take() {
        ("reopened", asked.elapsed().as_millis())
    } else {
        return;
    };
    tracing::info!(ms, what, "stored boards painted");
    if std::env::var_os("CYNOSURE_STARTUP_MARK").is_some() {
        println!("startup-mark {what} {ms}");
    }
}
