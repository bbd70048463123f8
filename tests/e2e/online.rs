//! Who is online: polled only while the window is visible, shown on the portrait's dot and
//! in the tray icon (pictured through a tray host on the test display).

use tempfile::TempDir;

use crate::harness;
use crate::support::{app_with_aura, simulator, xdotool};

/// A tray host (XEmbed system tray) for the test display, and pictures of it.
struct TrayHost(std::process::Child);

impl TrayHost {
    fn start() -> TrayHost {
        let child = std::process::Command::new("trayer")
            .args([
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                "--SetDockType",
                "true",
                "--transparent",
                "false",
                "--tint",
                "0xffffff",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("trayer (installed by cargo xtask test)");
        TrayHost(child)
    }

    /// The top-right corner of the screen, where trayer docks.
    fn picture(&self, name: &str) -> Vec<u8> {
        let path = harness::artifacts_dir().join(format!("{name}.png"));
        let status = std::process::Command::new("/usr/bin/import")
            .args(["-window", "root", "-crop", "160x32+1120+0"])
            .arg(&path)
            .status()
            .expect("ImageMagick import");
        assert!(status.success());
        let pixels = std::process::Command::new("/usr/bin/convert")
            .arg(&path)
            .args(["-depth", "8", "rgba:-"])
            .output()
            .expect("ImageMagick convert");
        pixels.stdout
    }
}

impl Drop for TrayHost {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Online polling stops while the window is hidden and resumes when it shows; a flip
/// changes the portrait's dot and the tray icon.
#[tokio::test(flavor = "multi_thread")]
async fn online_status_is_polled_only_while_visible_and_shown_in_the_tray() {
    const AURA: i64 = cynosure_sim::world::AURA;
    let tray = TrayHost::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;
    let online_reads = |sim: &cynosure_sim::Sim| {
        sim.requests()
            .iter()
            .filter(|r| r.route == "esi.online")
            .map(|r| r.at_ms)
            .collect::<Vec<_>>()
    };

    assert_eq!(
        app.attr_of(".roster-item .dot[data-online='online']", "data-online")
            .await
            .as_deref(),
        Some("online"),
        "Aura's portrait shows her online"
    );
    // Give the tray a moment to redraw from the same event, then picture it.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let tray_online = tray.picture("tray-some-online");

    // Hide the window (as the window manager does): the page becomes hidden and polling
    // stops at once.
    let window = xdotool(&["search", "--onlyvisible", "--name", "^Cynosure$"]);
    let window = window.lines().next().expect("the app's window").to_owned();
    xdotool(&["windowunmap", &window]);
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let hidden_at = sim.clock().now_ms();
    // Meanwhile Aura logs off in game.
    sim.with_world(|w| w.characters.get_mut(&AURA).unwrap().online = false);
    tokio::time::sleep(std::time::Duration::from_secs(70)).await;
    assert!(
        online_reads(&sim).iter().all(|t| *t < hidden_at),
        "no online request while hidden (more than a cache window)"
    );

    // Shown again while stale: polled at once, and the dot and the tray follow the flip.
    // Read the clock first: the app may poll before xdotool even returns.
    let shown_at = sim.clock().now_ms();
    xdotool(&["windowmap", &window]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !online_reads(&sim).iter().any(|t| *t >= shown_at) {
        assert!(
            std::time::Instant::now() < deadline,
            "no poll after the window showed again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let polled_in = online_reads(&sim)
        .into_iter()
        .find(|t| *t >= shown_at)
        .unwrap()
        - shown_at;
    assert!(polled_in <= 1_500, "polled {polled_in} ms after showing");
    assert_eq!(
        app.attr_of(".roster-item .dot[data-online='offline']", "data-online")
            .await
            .as_deref(),
        Some("offline")
    );
    app.screenshot("online-dot-offline").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let tray_offline = tray.picture("tray-none-online");
    assert!(
        tray_online != tray_offline,
        "the tray icon changed with the flip"
    );
    app.quit().await;
}
