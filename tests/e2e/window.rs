//! The window: it exists only while open. Closed to the tray, the window and its web view
//! are gone (no WebKit process left) while the tray and the core go on; the tray, a
//! second launch or a notification builds it again on the stored boards. Started at login
//! it waits in the tray with no window at all. A window saved off screen opens on screen.

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cynosure_core::roster::models::AuthState;
use tempfile::TempDir;

use crate::harness::{self, descendants, webkit_processes, App};
use crate::support::{close_window, main_window, seed, tray_click, tray_menu_of, xdotool};

const AURA: i64 = 90_000_001;

/// Polls `done` every 100 ms for up to 20 s.
async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A window's size on screen.
fn size_of(window: &str) -> Option<(i64, i64)> {
    let geometry = xdotool(&["getwindowgeometry", "--shell", window]);
    let value = |key: &str| -> Option<i64> {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))?
            .parse()
            .ok()
    };
    Some((value("WIDTH")?, value("HEIGHT")?))
}

/// The app started as a player starts it, without WebDriver: WebDriver needs a web view
/// from the start and ends its session when WebKit's processes go, which is what these
/// tests are about. The app's start-up marks (`startup-mark painted|reopened <ms>`) tell
/// when a page has painted the stored boards.
struct Launched {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    /// Its own home: the window's kept place and size must not reach other tests' apps.
    _home: TempDir,
}

impl Launched {
    fn start(data: &std::path::Path, args: &[&str]) -> Launched {
        let home = TempDir::new().unwrap();
        let mut child = Command::new(harness::app_binary())
            .args(args)
            .env("HOME", home.path())
            .env("CYNOSURE_DATA_DIR", data)
            .env("CYNOSURE_STARTUP_MARK", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Cynosure");
        let lines = Arc::new(Mutex::new(vec![]));
        let stdout = child.stdout.take().expect("its output");
        let kept = lines.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                kept.lock().unwrap().push(line);
            }
        });
        Launched {
            child,
            lines,
            _home: home,
        }
    }

    /// The app and every process it started.
    fn tree(&self) -> Vec<u32> {
        let mut all = descendants(self.child.id());
        all.push(self.child.id());
        all
    }

    fn marks(&self, what: &str) -> usize {
        let prefix = format!("startup-mark {what} ");
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with(&prefix))
            .count()
    }

    /// Waits until the tray answers.
    async fn in_tray(&self) {
        wait_for("the tray", || {
            tray_menu_of(&self.tree())
                .iter()
                .any(|l| l == "Open Cynosure")
        })
        .await;
    }

    /// Waits until the window and every WebKit process have gone, the tray still up.
    async fn closed(&self) {
        wait_for("no WebKit process while the window is closed", || {
            webkit_processes(&self.tree()).is_empty()
        })
        .await;
        assert_eq!(main_window(), None, "no window on screen");
        // Nor a WebKit thread still polling in the app's own process.
        assert!(
            !threads(self.child.id())
                .iter()
                .any(|t| t == "PressureMonitor"),
            "WebKit's memory monitor is off: {:?}",
            threads(self.child.id())
        );
        self.in_tray().await;
    }

    /// Waits for the `n`th reopened window to paint its stored boards.
    async fn reopened(&self, n: usize) {
        wait_for("the reopened window's boards", || {
            self.marks("reopened") >= n
        })
        .await;
        assert!(main_window().is_some(), "the window is on screen");
        assert!(
            !webkit_processes(&self.tree()).is_empty(),
            "a new web view for it"
        );
    }

    /// Quit in the tray ends the app cleanly.
    async fn quit(mut self) {
        tray_click(&self.tree(), "Quit");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "Quit ends the app cleanly: {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "Quit in the tray did not end the app"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The names of a process's threads.
fn threads(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| {
            tasks
                .flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                .map(|name| name.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

impl Drop for Launched {
    fn drop(&mut self) {
        for pid in self.tree() {
            let _ = Command::new("kill")
                .args(["-9", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.wait();
    }
}

/// Closed to the tray, the window and its web view go: no WebKit process is left, yet the
/// app runs on and its tray answers. The tray's "Open", a pilot's line and a second launch
/// each build the window anew, at its kept size, and paint the stored boards; each close
/// leaves nothing.
#[tokio::test(flavor = "multi_thread")]
async fn closed_to_the_tray_no_web_view_is_left_until_opened_again() {
    let _turn = harness::one_app().await;
    let data = TempDir::new().unwrap();
    seed(data.path(), &[(AURA, "Aura Vexx", AuthState::Ok)]).await;
    let app = Launched::start(data.path(), &[]);
    wait_for("the first paint", || app.marks("painted") == 1).await;
    assert!(
        !webkit_processes(&app.tree()).is_empty(),
        "the open window has its WebKit processes"
    );

    // The player sizes the window; a reopened one comes back at that size.
    let window = main_window().expect("the window");
    xdotool(&["windowsize", &window, "900", "640"]);
    wait_for("the new size", || size_of(&window) == Some((900, 640))).await;

    close_window();
    app.closed().await;
    tray_click(&app.tree(), "Open Cynosure");
    app.reopened(1).await;
    let window = main_window().expect("the reopened window");
    assert_eq!(size_of(&window), Some((900, 640)), "its size is kept");

    close_window();
    app.closed().await;
    // A pilot's line opens the window on their page.
    tray_click(&app.tree(), "Aura Vexx");
    app.reopened(2).await;

    close_window();
    app.closed().await;
    let second = Command::new(harness::app_binary())
        .env("CYNOSURE_DATA_DIR", data.path())
        .status()
        .expect("start Cynosure a second time");
    assert!(second.success(), "the second launch hands over and exits");
    app.reopened(3).await;
    app.quit().await;
}

/// Started by its login item (`--autostart`), Cynosure waits in the tray with no window
/// and no web view at all; starting it again (as from the app menu) builds the window.
#[tokio::test(flavor = "multi_thread")]
async fn started_at_login_it_waits_in_the_tray_with_no_web_view() {
    let _turn = harness::one_app().await;
    let data = TempDir::new().unwrap();
    let app = Launched::start(data.path(), &["--autostart"]);
    app.in_tray().await;
    assert_eq!(main_window(), None, "no window after a start at login");
    assert_eq!(
        webkit_processes(&app.tree()),
        Vec::<String>::new(),
        "no web view after a start at login"
    );
    assert_eq!(app.marks("painted"), 0, "nothing painted");

    let second = Command::new(harness::app_binary())
        .env("CYNOSURE_DATA_DIR", data.path())
        .status()
        .expect("start Cynosure a second time");
    assert!(second.success(), "the second launch hands over and exits");
    wait_for("the window's first paint", || app.marks("painted") == 1).await;
    assert!(main_window().is_some(), "the window is on screen");
    app.quit().await;
}

/// A window last seen on a monitor that is gone (its saved place is far off this screen)
/// opens on screen, at its saved size, not where nobody can see it.
#[tokio::test(flavor = "multi_thread")]
async fn a_window_saved_off_screen_opens_on_screen() {
    let data = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    let config = home.path().join(".config/org.cynosure.desktop");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join(".window-state.json"),
        r#"{"main":{"width":900,"height":600,"x":9000,"y":7000,"prev_x":9000,"prev_y":7000,
            "maximized":false,"visible":true,"decorated":true,"fullscreen":false}}"#,
    )
    .unwrap();
    let app =
        App::start_with_env(data.path(), &[("HOME", home.path().display().to_string())]).await;
    app.text_of("[data-testid=overview-empty] h2").await;
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    let geometry = xdotool(&["getwindowgeometry", "--shell", &window]);
    let value = |key: &str| -> i64 {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {geometry}"))
    };
    let (x, y, width, height) = (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"));
    // The test display is 1280×800.
    assert!(
        x >= 0 && y >= 0 && x + width <= 1280 && y + height <= 800,
        "window at {x},{y} size {width}×{height}"
    );
    assert_eq!((width, height), (900, 600), "the saved size is kept");
    app.quit().await;
}
