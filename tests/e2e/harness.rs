//! Drives the real Cynosure binary in a real window: tauri-driver in front of
//! WebKitWebDriver, a W3C WebDriver session through fantoccini.
//!
//! Needs a display and a D-Bus session (`cargo xtask test` runs the suite inside
//! `xvfb-run dbus-run-session`), `tauri-driver` on PATH and `WebKitWebDriver`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cynosure_testkit::free_port;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::sync::{Mutex, MutexGuard};

/// The app is single-instance: one test window at a time.
static ONE_WINDOW: OnceLock<Mutex<()>> = OnceLock::new();

pub struct App {
    pub client: Client,
    driver: Child,
    /// Where this app's output, data and last page go for the run's leak scan.
    leak_slot: Option<PathBuf>,
    data_dir: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

/// The whole run's leak scan (`cargo xtask test` sets it and scans it at the end): each
/// app's output, data folder and last page, and every token the simulators issued.
pub fn leak_dir() -> Option<PathBuf> {
    std::env::var_os("CYNOSURE_E2E_LEAK_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// A file this test's simulator appends its tokens to, when the run scans for leaks.
pub fn token_log() -> Option<PathBuf> {
    let dir = leak_dir()?.join("tokens");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join(format!("{}.txt", unique())))
}

fn unique() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    )
}

fn copy_tree(from: &Path, to: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    let _ = std::fs::create_dir_all(to);
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            let _ = std::fs::copy(&path, to.join(entry.file_name()));
        }
    }
}

/// The binary under test: this build's, or an installed one (`CYNOSURE_E2E_APP`).
pub fn app_binary() -> PathBuf {
    std::env::var_os("CYNOSURE_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_cynosure")))
}

pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create the artifacts folder");
    dir
}

impl App {
    /// Starts the app with its data in `data_dir` and opens a WebDriver session on it.
    pub async fn start(data_dir: &Path) -> App {
        Self::start_with_env(data_dir, &[]).await
    }

    /// Starts the app with extra environment (e.g. base URLs pointing at the simulator).
    pub async fn start_with_env(data_dir: &Path, env: &[(&str, String)]) -> App {
        Self::start_with_args(data_dir, env, &[]).await
    }

    /// Starts the app with extra environment and command-line arguments (`--demo`).
    pub async fn start_with_args(data_dir: &Path, env: &[(&str, String)], args: &[&str]) -> App {
        let turn = one_app().await;
        // Already installed by an earlier test in this process: fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "end-to-end tests need a display: run them through `cargo xtask test`"
        );

        let (port, native_port) = (free_port(), free_port());
        let leak_slot = leak_dir().map(|d| d.join(format!("app-{}", unique())));
        // With a leak scan, the app's output (crash output included) goes to its slot.
        let output = |name: &str| match &leak_slot {
            Some(slot) => {
                std::fs::create_dir_all(slot).expect("the leak-scan folder");
                Stdio::from(std::fs::File::create(slot.join(name)).expect("an output file"))
            }
            None if name == "stderr.txt" => Stdio::inherit(),
            None => Stdio::null(),
        };
        let mut driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("CYNOSURE_DATA_DIR", data_dir)
            .env("CYNOSURE_LOG", "info")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(output("stdout.txt"))
            .stderr(output("stderr.txt"))
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --version ^2 --locked)");

        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary(), "args": args }),
        );
        let client = loop {
            // A session request hangs when the app dies at start: bounded by the deadline.
            let left = deadline.saturating_duration_since(Instant::now());
            let attempt = tokio::time::timeout(
                left,
                ClientBuilder::rustls()
                    .expect("a TLS backend for the WebDriver client")
                    .capabilities(caps.clone())
                    .connect(&url),
            )
            .await;
            match attempt {
                Ok(Ok(client)) => break client,
                Ok(Err(_)) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Ok(Err(e)) => abandon(
                    &mut driver,
                    &format!("no WebDriver session with the app: {e}"),
                ),
                Err(_) => abandon(
                    &mut driver,
                    "no WebDriver session with the app within 30 s (did it start?)",
                ),
            }
        };
        App {
            client,
            driver,
            leak_slot,
            data_dir: data_dir.to_owned(),
            _turn: turn,
        }
    }

    /// The text of the first element matching `css`, once it is in the DOM.
    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .expect("element text")
    }

    pub async fn attr_of(&self, css: &str, attr: &str) -> Option<String> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .attr(attr)
            .await
            .expect("element attribute")
    }

    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Calls a command from inside the web view, exactly as the UI does, and returns
    /// the JSON payload the UI would receive.
    pub async fn invoke(&self, command: &str) -> serde_json::Value {
        self.client
            .execute_async(
                "const [cmd, done] = arguments;\
                 window.__TAURI_INTERNALS__.invoke(cmd).then(done, (e) => done({ error: e }));",
                vec![command.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("invoke {command}: {e}"))
    }

    /// Waits (at most 30 s) until the script expression `js` is true in the page.
    pub async fn wait_until(&self, js: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let value = self
                .client
                .execute(&format!("return Boolean({js});"), vec![])
                .await
                .unwrap_or_else(|e| panic!("evaluate {js}: {e}"));
            if value == serde_json::Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "waited 30 s for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs a script in the page and returns its value.
    pub async fn eval(&self, js: &str) -> serde_json::Value {
        self.client
            .execute(js, vec![])
            .await
            .unwrap_or_else(|e| panic!("evaluate {js}: {e}"))
    }

    pub async fn page_source(&self) -> String {
        self.client.source().await.expect("page source")
    }

    /// Saves a screenshot of the window once the latest DOM change has been painted.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .expect("wait for a painted frame");
        let png = self.client.screenshot().await.expect("screenshot");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("save screenshot");
        println!("screenshot: {}", path.display());
        path
    }

    /// A screenshot for the README: saved with the artifacts and into `docs/screenshots/`.
    pub async fn screenshot_for_docs(&self, name: &str) {
        let saved = self.screenshot(name).await;
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&docs).expect("create docs/screenshots");
        std::fs::copy(&saved, docs.join(format!("{name}.png"))).expect("copy the screenshot");
    }

    /// The app's processes (the app and its web processes, under the WebDriver).
    pub fn processes(&self) -> Vec<u32> {
        descendants(self.driver.id())
    }

    pub async fn quit(self) {
        if let Some(slot) = &self.leak_slot {
            let _ = std::fs::write(slot.join("page.html"), self.page_source().await);
        }
        let _ = self.client.clone().close().await;
        // Drop ends the processes.
    }
}

/// Ends a driver whose app never answered (nothing else would), then fails the test.
fn abandon(driver: &mut Child, why: &str) -> ! {
    for pid in descendants(driver.id()) {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    let _ = driver.kill();
    let _ = driver.wait();
    panic!("{why}");
}

/// This test's turn to run the (single-instance) app, for a test that starts it without
/// WebDriver.
pub async fn one_app() -> MutexGuard<'static, ()> {
    ONE_WINDOW.get_or_init(|| Mutex::new(())).lock().await
}

/// The names of the WebKit processes (`WebKitWebProcess`, `WebKitNetworkProcess`, …) among
/// these.
pub fn webkit_processes(pids: &[u32]) -> Vec<String> {
    pids.iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| name.starts_with("WebKit") && name != "WebKitWebDriver")
        .collect()
}

/// Every descendant of a process, deepest first.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let children =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
        out.extend(descendants(child));
        out.push(child);
    }
    out
}

impl Drop for App {
    /// Ends the app and its WebDriver for sure: closing the window only hides a
    /// close-to-tray app, and the next test's app would then meet a running instance.
    fn drop(&mut self) {
        for pid in descendants(self.driver.id()) {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(slot) = &self.leak_slot {
            copy_tree(&self.data_dir, &slot.join("data"));
            if std::thread::panicking() {
                let stderr = std::fs::read_to_string(slot.join("stderr.txt")).unwrap_or_default();
                let tail: String = stderr
                    .lines()
                    .rev()
                    .take(60)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n");
                eprintln!("--- the app's last output ({}):\n{tail}", slot.display());
            }
        }
        // The next app must not meet this one's single-instance name on the session bus
        // (it would hand its arguments to a dead instance and exit): wait for the bus to
        // drop it.
        let deadline = Instant::now() + Duration::from_secs(10);
        while single_instance_held() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Whether a Cynosure instance still owns its single-instance name on the session bus.
fn single_instance_held() -> bool {
    Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout).contains("org.cynosure.desktop.SingleInstance")
        })
        .unwrap_or(false)
}
