//! The start-up, memory, hidden-CPU and idle benchmarks (BENCHMARKS.md): `cargo xtask
//! bench-startup`, `bench-hidden-cpu` and `bench-idle` build and seed, then measure in a
//! virtual display session through `xtask bench-in-session`.

mod idle;
mod minimal_app;
mod procfs;

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::session::in_virtual_display;
use crate::setup::{build_ui, node_tools, system_packages};
use crate::shell::{cargo, root, sh, step, Step};
use minimal_app::write_minimal_app;
use procfs::{cpu_ticks, cpu_ticks_of, kill_tree, process_tree, pss_kib};

/// Measured start-up runs of each app (after one uncounted warm-up pair).
const STARTUP_RUNS: usize = 9;
/// Reopenings from the tray measured after the hidden soak.
const REOPEN_RUNS: usize = 5;
/// How many characters' boards the seeded data folder holds (`CYNOSURE_BENCH_CHARACTERS`
/// to measure another size, e.g. 100).
fn startup_characters() -> String {
    env::var("CYNOSURE_BENCH_CHARACTERS").unwrap_or_else(|_| "20".into())
}

/// Where the benchmarks build the minimal app and keep their seeded and run data.
fn bench_dir() -> PathBuf {
    root().join("target/startup-bench")
}

/// Builds Cynosure (release) and a minimal Tauri app on the same Tauri, seeds 20
/// characters, then measures both in one display session.
pub(crate) fn bench_startup() -> Step {
    build_for_bench(true)?;
    in_bench_session("all")
}

/// The app's CPU use while hidden (BENCHMARKS.md), in the same session as the tests.
/// CPU (visible and idle, then hidden) and memory growth of the release app on 20
/// seeded characters: the second half of `bench-startup`, alone.
pub(crate) fn bench_hidden_cpu() -> Step {
    build_for_bench(false)?;
    in_bench_session("hidden")
}

/// Visible idle on every view (`bench/idle.rs`).
pub(crate) fn bench_idle() -> Step {
    build_for_bench(false)?;
    in_bench_session("idle")
}

/// The release app, the minimal one (if asked) and the seeded data folder.
fn build_for_bench(minimal_app: bool) -> Step {
    system_packages(true)?;
    node_tools()?;
    build_ui()?;
    step("building Cynosure (release profile)");
    // With the test switches: the benchmark points the app at a dead address and a file
    // vault through the environment, which a shipped build ignores.
    sh(Command::new(cargo()).args([
        "build",
        "--release",
        "--package",
        "cynosure",
        "--features",
        "test-endpoints",
    ]))?;
    if minimal_app {
        step("building a minimal Tauri app on the same Tauri (release profile)");
        let minimal = write_minimal_app()?;
        sh(Command::new(cargo())
            .args(["build", "--release", "--manifest-path"])
            .arg(minimal.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", bench_dir().join("target")))?;
    }
    let characters = startup_characters();
    step(&format!("seeding {characters} characters' boards"));
    let seed = bench_dir().join("seed");
    let _ = std::fs::remove_dir_all(&seed);
    sh(Command::new(cargo())
        .args([
            "run",
            "--release",
            "--package",
            "cynosure-core",
            "--example",
            "seed_boards",
            "--",
        ])
        .arg(&seed)
        .arg(characters))
}

/// The release app `build_for_bench` built.
fn cynosure_binary() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(|d| PathBuf::from(d).join("release/cynosure"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| root().join("target/release/cynosure"))
}

/// The app's environment for a run on the data folder `data`.
fn cynosure_env(data: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("CYNOSURE_DATA_DIR", data.display().to_string()),
        ("CYNOSURE_STARTUP_MARK", "1".into()),
        ("CYNOSURE_VAULT", "file".into()),
        // No network: the boards come from the database; refreshes find no token.
        ("CYNOSURE_ESI_URL", "http://127.0.0.1:9".into()),
        ("CYNOSURE_SSO_URL", "http://127.0.0.1:9".into()),
        ("CYNOSURE_IMAGES_URL", "http://127.0.0.1:9".into()),
    ]
}

/// A fresh copy of the seeded data folder for run `n`.
fn fresh_copy(n: usize) -> Result<PathBuf, String> {
    let data = bench_dir().join("runs").join(format!("run-{n}"));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(bench_dir().join("seed"))
        .map_err(|e| e.to_string())?
        .flatten()
    {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), data.join(entry.file_name())).map_err(|e| e.to_string())?;
        }
    }
    Ok(data)
}

/// Runs `xtask bench-in-session <what>` on a virtual display in a private D-Bus session.
fn in_bench_session(what: &str) -> Step {
    in_virtual_display(&["bench-in-session", what])
}

/// An app that has painted its first page; its later start-up marks (a reopened window's
/// `startup-mark reopened <ms>`, timed by the app from the click) arrive on `marks`.
struct Started {
    child: std::process::Child,
    painted_after: std::time::Duration,
    marks: std::sync::mpsc::Receiver<(String, u64)>,
}

/// Starts a program and waits for its `startup-mark painted` line.
fn start_until_painted(program: &Path, envs: &[(&str, String)]) -> Result<Started, String> {
    use std::io::BufRead as _;
    let started = std::time::Instant::now();
    let mut child = Command::new(program)
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    let (marks_tx, marks) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("startup-mark painted") {
                let _ = tx.send(started.elapsed());
            } else if let Some(mark) = line.strip_prefix("startup-mark ") {
                if let Some((what, ms)) = mark.split_once(' ') {
                    let _ = marks_tx.send((what.to_owned(), ms.parse().unwrap_or(0)));
                }
            }
        }
    });
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(painted_after) => Ok(Started {
            child,
            painted_after,
            marks,
        }),
        Err(_) => {
            kill_tree(&mut child);
            Err(format!(
                "{} never marked its first paint",
                program.display()
            ))
        }
    }
}

/// `tests/e2e/desktop.py`: the window's close button and the tray menu, as the end-to-end
/// tests use them.
fn desktop(args: &[&str]) -> Step {
    sh(Command::new("python3")
        .arg(root().join("tests/e2e/desktop.py"))
        .args(args))
}

/// Closes the app's window to the tray with its close button.
fn close_to_tray(pid: u32) -> Step {
    let windows = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
        .output()
        .map_err(|e| format!("xdotool: {e}"))?;
    let windows = String::from_utf8_lossy(&windows.stdout).into_owned();
    let window = windows.lines().next().ok_or("no window on screen")?;
    desktop(&["close", window])
}

/// The median of `values` (the upper one of an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Inside the display session (`xtask bench-in-session all|startup|hidden`): with `all`
/// or `startup`, interleaved start-up and memory runs of Cynosure and the minimal app;
/// then, unless `startup`, Cynosure's CPU visible and hidden and its memory over a soak
/// (`CYNOSURE_SOAK_SECONDS`, 600 by default).
pub(crate) fn bench_in_session(what: Option<&str>) -> Step {
    if what == Some("idle") {
        return idle::idle_views();
    }
    let cynosure = cynosure_binary();
    let minimal = bench_dir().join("target/release/minimal-tauri");
    let settle = std::time::Duration::from_secs(3);
    let (mut minimal_pss, mut minimal_cold_ms) = (None, None);
    if matches!(what, Some("all" | "startup")) {
        let (mut ours_ms, mut theirs_ms, mut ours_pss, mut theirs_pss) =
            (vec![], vec![], vec![], vec![]);
        // Cynosure's steps to its first paint (`startup-mark <step> <ms>`), by step.
        let mut phases: Vec<(String, Vec<f64>)> = vec![];
        // Interleaved, so drift on a noisy machine hits both alike; the first pair warms
        // the page cache and is not counted.
        for run in 0..=STARTUP_RUNS {
            let data = fresh_copy(run)?;
            let mut ours = start_until_painted(&cynosure, &cynosure_env(&data))?;
            if run > 0 {
                for (what, ms) in ours.marks.try_iter() {
                    match phases.iter_mut().find(|(w, _)| *w == what) {
                        Some((_, all)) => all.push(ms as f64),
                        None => phases.push((what, vec![ms as f64])),
                    }
                }
            }
            std::thread::sleep(settle);
            let pss = pss_kib(ours.child.id());
            kill_tree(&mut ours.child);
            let mut theirs = start_until_painted(&minimal, &[])?;
            std::thread::sleep(settle);
            let their_pss = pss_kib(theirs.child.id());
            kill_tree(&mut theirs.child);
            println!(
            "run {run}: Cynosure painted its stored boards after {} ms ({pss} KiB PSS); minimal app after {} ms ({their_pss} KiB)",
            ours.painted_after.as_millis(),
            theirs.painted_after.as_millis()
        );
            if run > 0 {
                ours_ms.push(ours.painted_after.as_secs_f64() * 1000.0);
                theirs_ms.push(theirs.painted_after.as_secs_f64() * 1000.0);
                ours_pss.push(pss as f64);
                theirs_pss.push(their_pss as f64);
            }
        }
        let (o, t) = (median(ours_ms), median(theirs_ms));
        let (op, tp) = (median(ours_pss), median(theirs_pss));
        println!("start-up to painted boards, median of {STARTUP_RUNS}: Cynosure {o:.0} ms, minimal Tauri app {t:.0} ms: {:.2}x", o / t);
        let mut steps: Vec<(String, f64)> = phases
            .into_iter()
            .map(|(what, all)| (what, median(all)))
            .collect();
        steps.sort_by(|a, b| a.1.total_cmp(&b.1));
        let steps: Vec<String> = steps
            .into_iter()
            .map(|(what, ms)| format!("{what} {ms:.0} ms"))
            .collect();
        println!(
            "Cynosure's steps to it, medians from the start: {}, painted {o:.0} ms",
            steps.join(", ")
        );
        println!("memory after start (PSS, app + WebKit), median: Cynosure {:.1} MiB, minimal {:.1} MiB: {:.2}x", op / 1024.0, tp / 1024.0, op / tp);
        minimal_pss = Some(tp);
        minimal_cold_ms = Some(t);
        if what == Some("startup") {
            return Ok(());
        }
    }

    // Visible and idle on the Overview, then closed to the tray: CPU and memory over the
    // soak; then reopened from the tray a few times.
    let seconds: u64 = env::var("CYNOSURE_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let data = fresh_copy(STARTUP_RUNS + 1)?;
    let mut ours = start_until_painted(&cynosure, &cynosure_env(&data))?;
    std::thread::sleep(settle);
    let visible_start = cpu_ticks(ours.child.id());
    std::thread::sleep(std::time::Duration::from_secs(60));
    let visible = (cpu_ticks(ours.child.id()) - visible_start) as f64 / 100.0;
    println!(
        "visible and idle on the Overview for 60 s: CPU {visible:.2} s = {:.3} % of one core",
        visible / 60.0 * 100.0
    );
    let visible_pss = pss_kib(ours.child.id());
    // Closed to the tray: the window and its web view go.
    close_to_tray(ours.child.id())?;
    std::thread::sleep(std::time::Duration::from_secs(5));
    let (pss_start, cpu_start) = (pss_kib(ours.child.id()), cpu_ticks(ours.child.id()));
    let per_process = |root: u32| -> Vec<(String, u64)> {
        process_tree(root)
            .into_iter()
            .map(|pid| {
                let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                (format!("{} ({pid})", name.trim()), cpu_ticks_of(pid))
            })
            .collect()
    };
    let by_process_start = per_process(ours.child.id());
    let mut samples = vec![pss_start];
    let step_secs = (seconds / 10).max(1);
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_secs(step_secs));
        samples.push(pss_kib(ours.child.id()));
    }
    let elapsed = step_secs * 10;
    let cpu = (cpu_ticks(ours.child.id()) - cpu_start) as f64 / 100.0;
    for (name, ticks) in per_process(ours.child.id()) {
        let before = by_process_start
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, t)| *t);
        println!(
            "  hidden CPU of {name}: {:.2} s",
            (ticks - before) as f64 / 100.0
        );
    }
    let pss_end = *samples.last().unwrap_or(&pss_start);
    let left: Vec<String> = process_tree(ours.child.id())
        .into_iter()
        .skip(1)
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).ok())
        .map(|n| n.trim().to_owned())
        .collect();
    println!("processes left while closed to the tray besides the app: {left:?}");

    // Reopened from the tray, painted, closed again: the app times each from the click.
    let mut reopen_ms = vec![];
    for _ in 0..REOPEN_RUNS {
        desktop(&["tray-click", "Open Cynosure", &ours.child.id().to_string()])?;
        // The steps of the first start and of the new page come on the same channel.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match ours.marks.recv_timeout(left) {
                Ok((what, ms)) if what == "reopened" => {
                    reopen_ms.push(ms as f64);
                    break;
                }
                Ok(_) => {}
                Err(e) => return Err(format!("no reopened mark: {e}")),
            }
        }
        std::thread::sleep(settle);
        close_to_tray(ours.child.id())?;
        std::thread::sleep(settle);
    }
    kill_tree(&mut ours.child);
    // The first interval includes the page settling after the window went away; the
    // growth rate is read from the samples after it.
    let settled = samples.get(1).copied().unwrap_or(pss_start);
    let settled_secs = (elapsed - step_secs).max(1);
    println!(
        "hidden for {elapsed} s: PSS {:.1} MiB, {:.1} MiB after {step_secs} s, {:.1} MiB at the end (samples {samples:?} KiB): {:+.2} MiB per hour after settling",
        pss_start as f64 / 1024.0,
        settled as f64 / 1024.0,
        pss_end as f64 / 1024.0,
        (pss_end as f64 - settled as f64) / 1024.0 * 3600.0 / settled_secs as f64
    );
    println!(
        "hidden for {elapsed} s: CPU {cpu:.2} s = {:.3} % of one core",
        cpu / elapsed as f64 * 100.0
    );
    println!(
        "closed to the tray vs visible (PSS of the process tree): {:.1} MiB vs {:.1} MiB: {:.2}x",
        pss_end as f64 / 1024.0,
        visible_pss as f64 / 1024.0,
        pss_end as f64 / visible_pss as f64
    );
    if let Some(tp) = minimal_pss {
        println!(
            "memory hidden vs minimal app after start: {:.2}x",
            pss_end as f64 / tp
        );
    }
    let reopen = median(reopen_ms.clone());
    print!("reopen from the tray to painted boards, median of {REOPEN_RUNS} {reopen_ms:?}: {reopen:.0} ms");
    match minimal_cold_ms {
        Some(t) => println!(
            " vs the minimal app's cold start {t:.0} ms: {:.2}x",
            reopen / t
        ),
        None => println!(),
    }
    Ok(())
}
