//! A simulator, a core pointed at it (its own data folder and keychain service), and a
//! stand-in for the system browser that follows EVE's login redirects.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use cynosure_core::auth::commands::auth_login;
use cynosure_core::auth::models::LoginOutcome;
use cynosure_core::auth::{AuthError, Vault, VaultChoice, VaultKind};
use cynosure_core::esi::GateConfig;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::{Clock, Config, Cynosure, Paths};
use cynosure_sim::{Sim, SimClock, SimConfig, DEFAULT_CLIENT_ID};
use cynosure_testkit::{free_port, http_client};
use tokio::sync::oneshot;

pub mod day;

pub const NOW: i64 = 1_795_014_400_000; // 15:06:40 UTC, away from the daily downtime

/// The simulator's clock, seen by the core: both agree on "now".
#[derive(Debug)]
pub struct SimTime(pub Arc<SimClock>);

impl Clock for SimTime {
    fn now_ms(&self) -> i64 {
        self.0.now_ms()
    }
}

/// A computer clock `by_ms` ahead of the simulator's (behind when negative).
#[derive(Debug)]
pub struct Skewed {
    pub clock: Arc<dyn Clock>,
    pub by_ms: i64,
}

impl Clock for Skewed {
    fn now_ms(&self) -> i64 {
        self.clock.now_ms() + self.by_ms
    }
}

/// Which vault a rig uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestVault {
    /// The real Secret Service of the test session (`cargo xtask test` starts an unlocked
    /// gnome-keyring), under a service name of this rig's own.
    Keychain,
    File,
}

pub struct Rig {
    pub sim: Sim,
    pub core: Arc<Cynosure>,
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub vault: VaultChoice,
}

/// A browser page: HTTP status and body.
pub type Page = (u16, String);

impl Rig {
    pub async fn start(vault: TestVault) -> Rig {
        Self::start_with(vault, |_| {}).await
    }

    pub async fn start_with(vault: TestVault, tune: impl FnOnce(&mut Config)) -> Rig {
        Self::start_on(vault, |_| {}, tune).await
    }

    /// A rig whose simulator is tuned too (another world, other options).
    pub async fn start_on(
        vault: TestVault,
        tune_sim: impl FnOnce(&mut SimConfig),
        tune: impl FnOnce(&mut Config),
    ) -> Rig {
        let port = free_port();
        let mut sim_config = SimConfig {
            clock: SimClock::frozen_at(NOW),
            callbacks: vec![format!("http://localhost:{port}/callback")],
            ..SimConfig::default()
        };
        tune_sim(&mut sim_config);
        let sim = Sim::start(sim_config).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let vault = match vault {
            TestVault::File => VaultChoice::File,
            TestVault::Keychain => {
                let service = format!("cynosure-test-{:016x}", rand_id());
                let probe = Vault::open(
                    &VaultChoice::Auto {
                        service: service.clone(),
                    },
                    dir.path(),
                    None,
                );
                assert_eq!(
                    probe.kind(),
                    VaultKind::Keychain,
                    "these tests use the real Secret Service: run them through `cargo xtask test` (it starts an unlocked gnome-keyring in a D-Bus session)"
                );
                VaultChoice::Keychain { service }
            }
        };
        let mut config = Config::new(
            Paths::in_dir(dir.path()),
            Arc::new(SimTime(sim.clock_handle())),
        );
        config.gate = GateConfig::at(sim.base_url());
        config.gate.backoff_base = Duration::from_millis(1);
        config.vault = vault.clone();
        config.client_id = Some(DEFAULT_CLIENT_ID.into());
        tune(&mut config);
        let core = Arc::new(Cynosure::open(config).await.unwrap());
        settings_update(
            &core,
            SettingsPatch {
                callback_port: Some(port),
                ..SettingsPatch::default()
            },
        )
        .await
        .unwrap();
        Rig {
            sim,
            core,
            dir,
            port,
            vault,
        }
    }

    /// A rig (file vault) with these characters signed in and the request log cleared.
    pub async fn linked(characters: &[i64]) -> Rig {
        let rig = Rig::start(TestVault::File).await;
        for c in characters {
            rig.login(*c).await.0.unwrap();
        }
        rig.sim.clear_log();
        rig
    }

    /// A second core on the same folder and vault (a restart), after closing this one.
    pub async fn restart(&mut self) {
        self.restart_with(|_| {}).await
    }

    /// A restart with the new core's configuration tuned (e.g. another clock).
    pub async fn restart_with(&mut self, tune: impl FnOnce(&mut Config)) {
        self.core.close().await;
        let mut config = Config::new(
            Paths::in_dir(self.dir.path()),
            Arc::new(SimTime(self.sim.clock_handle())),
        );
        config.gate = GateConfig::at(self.sim.base_url());
        config.gate.backoff_base = Duration::from_millis(1);
        config.vault = self.vault.clone();
        config.client_id = Some(DEFAULT_CLIENT_ID.into());
        tune(&mut config);
        self.core = Arc::new(Cynosure::open(config).await.unwrap());
    }

    /// The vault as a fresh process would see it.
    pub fn vault(&self) -> Vault {
        Vault::open(&self.vault, self.dir.path(), None)
    }

    /// Signs in as `character` through the browser stand-in; returns the outcome, the
    /// page the browser ended on, and the authorize URL it was sent to.
    pub async fn login(&self, character: i64) -> (Result<LoginOutcome, AuthError>, Page, String) {
        self.sim.login_as(character);
        let (tx, rx) = oneshot::channel();
        let outcome = auth_login(&self.core, |url| {
            let url = url.to_owned();
            tokio::spawn(async move {
                let page = follow(&url).await;
                let _ = tx.send((page, url));
            });
            Ok(())
        })
        .await;
        let (page, url) = tokio::time::timeout(Duration::from_secs(10), rx)
            .await
            .expect("the browser stand-in finishes")
            .expect("the browser stand-in reports");
        (outcome, page, url)
    }

    /// Starts a sign-in in the background and returns the authorize URL it opened,
    /// without visiting it: the test plays the browser by hand.
    pub async fn login_by_hand(
        &self,
    ) -> (
        tokio::task::JoinHandle<Result<LoginOutcome, AuthError>>,
        String,
    ) {
        let (tx, rx) = oneshot::channel();
        let core = self.core.clone();
        let task = tokio::spawn(async move {
            auth_login(&core, move |url| {
                let _ = tx.send(url.to_owned());
                Ok(())
            })
            .await
        });
        let url = tokio::time::timeout(Duration::from_secs(10), rx)
            .await
            .unwrap()
            .unwrap();
        (task, url)
    }

    pub fn callback(&self, query: &str) -> String {
        format!("http://localhost:{}/callback?{query}", self.port)
    }

    pub fn requests_of(&self, route: &str) -> Vec<cynosure_sim::LoggedRequest> {
        self.sim
            .requests()
            .into_iter()
            .filter(|r| r.route == route)
            .collect()
    }

    pub fn refreshes(&self) -> usize {
        self.requests_of("sso.token")
            .iter()
            .filter(|r| r.grant_type.as_deref() == Some("refresh_token"))
            .count()
    }
}

/// The browser: follows redirects and returns the final page.
pub async fn follow(url: &str) -> Page {
    visit(url, true)
        .await
        .expect("the browser reaches the page")
}

pub async fn visit(url: &str, follow_redirects: bool) -> Result<Page, reqwest::Error> {
    let response = http_client(follow_redirects).get(url).send().await?;
    let status = response.status().as_u16();
    Ok((status, response.text().await?))
}

fn rand_id() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos(),
    );
    h.finish()
}

/// What the core's background tasks hand out, received on channels.
pub struct ChannelOutlet {
    notices: tokio::sync::mpsc::UnboundedSender<cynosure_core::alarms::models::Notice>,
    events: tokio::sync::mpsc::UnboundedSender<cynosure_core::events::CoreEvent>,
}

pub struct Received {
    pub notices: tokio::sync::mpsc::UnboundedReceiver<cynosure_core::alarms::models::Notice>,
    pub events: tokio::sync::mpsc::UnboundedReceiver<cynosure_core::events::CoreEvent>,
}

impl ChannelOutlet {
    pub fn new() -> (Arc<Self>, Received) {
        let (notices, notices_rx) = tokio::sync::mpsc::unbounded_channel();
        let (events, events_rx) = tokio::sync::mpsc::unbounded_channel();
        (
            Arc::new(Self { notices, events }),
            Received {
                notices: notices_rx,
                events: events_rx,
            },
        )
    }
}

impl cynosure_core::tasks::Outlet for ChannelOutlet {
    fn notice(&self, notice: cynosure_core::alarms::models::Notice) {
        let _ = self.notices.send(notice);
    }
    fn event(&self, event: cynosure_core::events::CoreEvent) {
        let _ = self.events.send(event);
    }
}
