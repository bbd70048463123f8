//! The start-up marks: how long from the process starting, and from a window being asked
//! for again (the tray, a notification, a second launch), to the stored boards on screen
//! (`cargo xtask bench-startup` reads them; see BENCHMARKS.md).

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static PAINTED: OnceLock<()> = OnceLock::new();
/// When a window was last built after the first one.
static REOPENED: Mutex<Option<Instant>> = Mutex::new(None);

/// Whether the marks are printed (`CYNOSURE_STARTUP_MARK`, set by the benchmark and tests).
fn marks_wanted() -> bool {
    std::env::var_os("CYNOSURE_STARTUP_MARK").is_some()
}

/// `startup-mark <what> <ms>` on stdout, when asked for.
fn print_mark(what: &str, ms: impl std::fmt::Display) {
    if marks_wanted() {
        println!("startup-mark {what} {ms}");
    }
}

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
    if PAINTED.get().is_some() || !marks_wanted() {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
    if !seen.contains(&what) {
        seen.push(what);
        print_mark(what, STARTED.get().map_or(0, |t| t.elapsed().as_millis()));
    }
}

/// A step of the page's own start (`navigated`, `script`, `answered`, `rendered`,
/// `frame`), as how long before it reported its first paint.
#[derive(serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PageStep {
    pub step: String,
    pub ago_ms: f64,
}

/// A page painted the stored boards: the first since start, or the first in a reopened
/// window. Other calls (a reload) are ignored. The page's steps of the first start are
/// printed as `page-<step>` marks on the process clock.
pub fn painted(steps: &[PageStep]) {
    let (what, ms) = if PAINTED.set(()).is_ok() {
        let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
        for s in steps
            .iter()
            .filter(|s| s.step.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        {
            let at = (ms as f64 - s.ago_ms).max(0.0);
            print_mark(&format!("page-{}", s.step), format!("{at:.0}"));
        }
        ("painted", ms)
    } else if let Some(asked) = REOPENED.lock().unwrap_or_else(|p| p.into_inner()).take() {
        ("reopened", asked.elapsed().as_millis())
    } else {
        return;
    };
    tracing::info!(ms, what, "stored boards painted");
    print_mark(what, ms);
}
