//! Desktop notifications: a ready job rings once through the session's notification server
//! (recorded on D-Bus), even with the window hidden; a click opens the Industry board; a
//! restart does not ring it again.

use tempfile::TempDir;

use crate::harness::{self, App};
use crate::support::{app_with_aura, sim_env, simulator, xdotool};

/// A notification server (dunst) on the test's D-Bus session, and `dbus-monitor`
/// recording every `Notify` call made on that bus.
pub(crate) struct NotificationBus {
    monitor: std::process::Child,
    dunst: std::process::Child,
    log: std::path::PathBuf,
}

/// One `org.freedesktop.Notifications.Notify` call: summary (title) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notified {
    pub summary: String,
    pub body: String,
}

impl NotificationBus {
    pub fn start() -> NotificationBus {
        // One log per bus: tests of one run may each have theirs at the same time.
        static BUSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = BUSES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let log = harness::artifacts_dir().join(format!("notify-{}-{n}.log", std::process::id()));
        let monitor = std::process::Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(std::fs::File::create(&log).expect("the monitor's log"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dbus-monitor (package dbus-bin)");
        // An earlier app may have had dunst started by D-Bus activation: then this one
        // exits at once and the running one serves.
        let dunst = std::process::Command::new("dunst")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dunst (installed by cargo xtask test)");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !Self::served() {
            assert!(
                std::time::Instant::now() < deadline,
                "no notification server on the session bus"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        NotificationBus {
            monitor,
            dunst,
            log,
        }
    }

    fn served() -> bool {
        let out = std::process::Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.Notifications",
            ])
            .output()
            .expect("dbus-send");
        String::from_utf8_lossy(&out.stdout).contains("boolean true")
    }

    /// Every Notify call so far, in order.
    pub fn calls(&self) -> Vec<Notified> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut calls = Vec::new();
        for block in text.split("method call ").skip(1) {
            if !block.lines().next().unwrap_or("").contains("member=Notify") {
                continue;
            }
            // Arguments: app_name, replaces_id, app_icon, summary, body, actions, hints,
            // timeout; the strings are printed `string "…"` (a string may span lines).
            let mut strings = Vec::new();
            let mut open: Option<String> = None;
            for line in block.lines().skip(1) {
                match open.take() {
                    Some(mut s) => {
                        s.push('\n');
                        s.push_str(line);
                        if line.ends_with('"') {
                            strings.push(s.trim_end_matches('"').to_owned());
                        } else {
                            open = Some(s);
                        }
                    }
                    None => {
                        let t = line.trim_start();
                        if let Some(rest) = t.strip_prefix("string \"") {
                            match rest.strip_suffix('"') {
                                Some(whole) => strings.push(whole.to_owned()),
                                None => open = Some(rest.to_owned()),
                            }
                        } else if t.starts_with("array [") {
                            break;
                        }
                    }
                }
            }
            if strings.len() >= 4 {
                calls.push(Notified {
                    summary: strings[2].clone(),
                    body: strings[3].clone(),
                });
            }
        }
        calls
    }

    /// Waits for a Notify call whose summary contains `needle`, from the app under test
    /// (a demo started by a test beside it says "(demo)").
    pub async fn wait_for(&self, needle: &str, within: std::time::Duration) -> Notified {
        let deadline = std::time::Instant::now() + within;
        loop {
            if let Some(found) = self
                .calls()
                .into_iter()
                .find(|c| c.summary.contains(needle) && !c.summary.ends_with("(demo)"))
            {
                return found;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no notification about {needle:?} within {within:?}; seen: {:?}",
                self.calls()
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}

impl Drop for NotificationBus {
    fn drop(&mut self) {
        for child in [&mut self.monitor, &mut self.dunst] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A job ending a minute after start rings exactly once, as a native notification, with the
/// window hidden; a click on it opens the Industry board; a restart does not ring it
/// again.
#[tokio::test(flavor = "multi_thread")]
async fn a_ready_job_rings_once_as_a_desktop_notification_even_hidden() {
    const AURA: i64 = cynosure_sim::world::AURA;
    const TITLE: &str = "Job ready — Manufacturing: 77 × Antimatter Charge S";
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    // Only this test's jobs, so that nothing else rings meanwhile.
    sim.with_world(|w| {
        w.characters.get_mut(&AURA).unwrap().jobs.clear();
        for corp in w.corporations.values_mut() {
            corp.jobs.clear();
        }
    });
    let started = sim.clock().now_ms();
    // ESI gives job times to the second. The jobs are there when the boards are first
    // read (at sign-in).
    let ends = (started + 60_000) / 1000 * 1000;
    sim.with_world(|w| {
        let jobs = &mut w.characters.get_mut(&AURA).unwrap().jobs;
        jobs.push(cynosure_sim::world::job(
            500_000_077,
            AURA,
            1137,
            222,
            77,
            started - 3_600_000,
            ends,
        ));
        // Rings after the restart below: proof that the restarted app's alarm ran.
        jobs.push(cynosure_sim::world::job(
            500_000_078,
            AURA,
            2047,
            2046,
            5,
            started - 3_600_000,
            ends + 75_000,
        ));
    });
    let app = app_with_aura(&sim, data.path()).await;
    // Opening the Industry board reads it; then the window is hidden.
    app.click("[data-testid=nav-industry]").await;
    app.text_of("tr[data-job-id='500000077']").await;
    app.click("[data-testid=nav-characters]").await;
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    xdotool(&["windowunmap", &window]);
    assert!(
        sim.clock().now_ms() < ends,
        "the window was hidden before the job ended"
    );

    let rung = bus
        .wait_for(TITLE, std::time::Duration::from_secs(90))
        .await;
    assert_eq!(
        rung,
        Notified {
            summary: TITLE.into(),
            body: "Aura Vexx · Jita IV - Moon 4 - Caldari Navy Assembly Plant".into(),
        }
    );
    assert!(sim.clock().now_ms() >= ends, "not before the job's end");

    // A click on the notification (dunst's default action) shows the Industry board.
    let clicked = std::process::Command::new("dunstctl")
        .args(["action", "0"])
        .status()
        .expect("dunstctl");
    assert!(clicked.success());
    assert_eq!(
        app.attr_of(
            "[data-testid=nav-industry][aria-current=page]",
            "aria-current"
        )
        .await
        .as_deref(),
        Some("page"),
        "the click opened the Industry board"
    );
    assert!(
        !xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]).is_empty(),
        "the click showed the window"
    );
    app.quit().await;

    // Restarted: the job is still on the board, ready, and stays silent; the next job
    // rings when it ends.
    let app = App::start_with_env(data.path(), &sim_env(&sim)).await;
    bus.wait_for("5 × Damage Control I", std::time::Duration::from_secs(120))
        .await;
    let about_first: Vec<Notified> = bus
        .calls()
        .into_iter()
        .filter(|c| c.summary.contains("77 × Antimatter Charge S") || c.body.contains("77 ×"))
        .collect();
    assert_eq!(about_first.len(), 1, "rung exactly once: {about_first:?}");
    app.quit().await;
}
