//! Visible idle on every view (#22 part 3, `cargo xtask bench-idle`): the release app on
//! the seeded characters, started on each view in turn (the view a window opens on is the
//! one it was left on, kept in `ui-prefs.json`), left alone until it settles, then its CPU
//! counted per process over `CYNOSURE_IDLE_SECONDS` (60 by default).

use std::time::{Duration, Instant};

use super::procfs::{cpu_ticks_of, kill_tree, process_tree};
use super::{cynosure_binary, cynosure_env, fresh_copy};
use crate::shell::Step;

/// Every view of the window's navigation, as the UI names them (`ui/src/app.tsx`).
const VIEWS: [&str; 9] = [
    "overview",
    "next",
    "characters",
    "skills",
    "industry",
    "planets",
    "clones",
    "trade",
    "settings",
];
/// From the window on screen to the count's start: the page's first reads and the
/// refreshes behind them are start-up, not idle.
const SETTLE: Duration = Duration::from_secs(10);

pub(crate) fn idle_views() -> Step {
    let seconds: u64 = std::env::var("CYNOSURE_IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let only = std::env::var("CYNOSURE_IDLE_VIEWS").ok();
    let mut rows = vec![];
    for (n, view) in VIEWS.iter().enumerate() {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|v| v == *view))
        {
            continue;
        }
        let data = fresh_copy(100 + n)?;
        std::fs::write(
            data.join("ui-prefs.json"),
            format!("{{\"view\":\"{view}\"}}"),
        )
        .map_err(|e| e.to_string())?;
        let mut child = std::process::Command::new(cynosure_binary())
            .envs(cynosure_env(&data))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let shown = window_shown(child.id(), Duration::from_secs(60));
        if !shown {
            kill_tree(&mut child);
            return Err(format!("the window on {view} never came up"));
        }
        std::thread::sleep(SETTLE);
        let before = per_process(child.id());
        std::thread::sleep(Duration::from_secs(seconds));
        let after = per_process(child.id());
        kill_tree(&mut child);
        let mut total = 0;
        let mut parts = vec![];
        for (name, ticks) in &after {
            let was = before
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0, |(_, t)| *t);
            total += ticks - was;
            parts.push(format!("{name} {:.2} s", (ticks - was) as f64 / 100.0));
        }
        let cpu = total as f64 / 100.0;
        let share = cpu / seconds as f64 * 100.0;
        println!(
            "visible and idle on {view} for {seconds} s: CPU {cpu:.2} s = {share:.2} % of one core ({})",
            parts.join(", ")
        );
        rows.push((view, share));
    }
    println!("\n| view | CPU visible and idle, {seconds} s |\n| --- | ---: |");
    for (view, share) in rows {
        println!("| {view} | {share:.2} % |");
    }
    Ok(())
}

/// The CPU ticks of each process of the tree, by command name (the app, WebKit's web and
/// network processes).
fn per_process(root: u32) -> Vec<(String, u64)> {
    let mut by_name: Vec<(String, u64)> = vec![];
    for pid in process_tree(root) {
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let name = name.trim().to_owned();
        let ticks = cpu_ticks_of(pid);
        match by_name.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += ticks,
            None => by_name.push((name, ticks)),
        }
    }
    by_name
}

/// Waits for a window of `pid` on screen.
fn window_shown(pid: u32, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        let found = std::process::Command::new("xdotool")
            .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
            .output()
            .is_ok_and(|o| !o.stdout.is_empty());
        if found {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}
