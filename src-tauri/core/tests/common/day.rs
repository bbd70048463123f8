//! A day of the app in virtual time: the loops the shell runs (the live engine, the
//! background job refresh, the alarm task), stepped on the shared controllable clock
//! instead of slept, plus what a player does (show or hide the window, open a view).
//! The budget benchmark and the soak test drive it; the simulator counts the requests.

use std::sync::Arc;

use cynosure_core::alarms::background::BackgroundRefresh;
use cynosure_core::alarms::models::Notice;
use cynosure_core::alarms::task::{Alarms, MAX_SLEEP_MS};
use cynosure_core::events::CoreEvent;
use cynosure_core::industry::commands::{jobs_read, refresh_jobs};
use cynosure_core::online::commands::{
    presence_heartbeat, presence_hidden, presence_window_hidden, presence_window_shown,
};
use cynosure_core::planets::commands::planets_read;
use cynosure_core::planets::descriptors::PLANETS;
use cynosure_core::skills::commands::skills_read;
use cynosure_core::skills::descriptors::{ATTRIBUTES, SKILLQUEUE, SKILLS};
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::Cynosure;
use tokio::sync::broadcast::error::TryRecvError;

use super::Rig;

/// The live loop's wake (`sync::live::run` sleeps 2 s between ticks).
pub const STEP_MS: i64 = 2_000;
/// The UI's heartbeat while visible.
pub const HEARTBEAT_MS: i64 = 20_000;
/// The background loop's wake (`alarms::background::run`).
pub const BACKGROUND_WAKE_MS: i64 = 60_000;

/// Something the player needed at an instant, for the cache-window minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The window was visible from `.0` to `.1`: online status, continuously.
    Visible(i64, i64),
    /// The Overview opened: the roster's corporations, both skill boards and both job
    /// boards.
    Overview(i64),
    Industry(i64),
    Skills(i64),
    /// The Planets view opened: the colonies boards.
    Planets(i64),
    /// The Clones view opened: the clones, implants and fatigue boards.
    Clones(i64),
    /// The Trade view opened: the market orders and contracts boards.
    Trade(i64),
    /// A background pass ran: the characters' corporations, the job boards (job
    /// notifications on) and the colonies (planetary industry and its notifications on).
    BackgroundPass(i64),
}

pub struct Day {
    pub rig: Rig,
    alarms: Alarms,
    background: BackgroundRefresh,
    events: tokio::sync::broadcast::Receiver<CoreEvent>,
    visible_since: Option<i64>,
    last_heartbeat: i64,
    next_alarm_at: i64,
    next_background_at: i64,
    pub notices: Vec<(i64, Notice)>,
    pub needs: Vec<Need>,
    /// The oldest the online status got while the window was visible (after the first
    /// poll of each visible period).
    pub max_online_age_visible_ms: i64,
    /// Ticks of the alarm task and of the background loop, for the soak's report.
    pub alarm_ticks: u64,
    pub alarm_errors: u64,
}

impl Day {
    pub fn new(rig: Rig) -> Day {
        let now = rig.core.now_ms();
        let events = rig.core.subscribe();
        Day {
            rig,
            alarms: Alarms::new(now),
            background: BackgroundRefresh::default(),
            events,
            visible_since: None,
            last_heartbeat: now,
            next_alarm_at: now,
            next_background_at: now,
            notices: vec![],
            needs: vec![],
            max_online_age_visible_ms: 0,
            alarm_ticks: 0,
            alarm_errors: 0,
        }
    }

    pub fn core(&self) -> &Arc<Cynosure> {
        &self.rig.core
    }

    pub fn now(&self) -> i64 {
        self.rig.core.now_ms()
    }

    /// The core was restarted (a new process): its tasks start over.
    pub fn restarted(&mut self) {
        let now = self.now();
        self.alarms = Alarms::new(now);
        self.background = BackgroundRefresh::default();
        self.events = self.rig.core.subscribe();
        self.next_alarm_at = now;
        self.next_background_at = now;
        if self.visible_since.is_some() {
            presence_window_shown(&self.rig.core);
        }
    }

    /// The window comes up (tray click): the shell says so, the page sends a heartbeat.
    pub fn show(&mut self) {
        let now = self.now();
        self.visible_since = Some(now);
        presence_window_shown(&self.rig.core);
        presence_heartbeat(&self.rig.core);
        self.last_heartbeat = now;
    }

    /// The window goes to the tray.
    pub fn hide(&mut self) {
        if let Some(since) = self.visible_since.take() {
            self.needs.push(Need::Visible(since, self.now()));
        }
        presence_hidden(&self.rig.core);
        presence_window_hidden(&self.rig.core);
    }

    /// What `skills_on_view` and `jobs_on_view` do, with the write-behind refresh
    /// awaited (the command spawns it) so virtual time does not pass under it.
    pub async fn open_overview(&mut self) {
        self.needs.push(Need::Overview(self.now()));
        // The Overview lists the roster: its corporations are checked behind it.
        cynosure_core::roster::commands::refresh_affiliations(&self.rig.core)
            .await
            .expect("affiliations checked");
        self.skills_on_view(false).await;
        self.jobs_on_view().await;
    }

    pub async fn open_industry(&mut self) {
        self.needs.push(Need::Industry(self.now()));
        self.jobs_on_view().await;
    }

    pub async fn open_skills(&mut self) {
        self.needs.push(Need::Skills(self.now()));
        self.skills_on_view(true).await;
    }

    /// What `planets_on_view` does, its refresh awaited.
    pub async fn open_planets(&mut self) {
        self.needs.push(Need::Planets(self.now()));
        let core = &self.rig.core;
        planets_read(core)
            .await
            .expect("the stored planets boards read");
        let _ = refresh_stale(core, &PLANETS).await;
    }

    /// What `clones_on_view` does, its refresh awaited.
    pub async fn open_clones(&mut self) {
        use cynosure_core::clones::descriptors::{CLONES, FATIGUE, IMPLANTS};
        self.needs.push(Need::Clones(self.now()));
        let core = &self.rig.core;
        cynosure_core::clones::commands::clones_read(core)
            .await
            .expect("the stored clones boards read");
        for d in [&CLONES, &IMPLANTS, &FATIGUE] {
            let _ = refresh_stale(core, d).await;
        }
    }

    /// What the Trade view's two on-view reads do, their refreshes awaited.
    pub async fn open_trade(&mut self) {
        self.needs.push(Need::Trade(self.now()));
        let core = &self.rig.core;
        cynosure_core::markets::commands::orders_read(core)
            .await
            .expect("the stored orders boards read");
        cynosure_core::contracts::commands::contracts_read(core)
            .await
            .expect("the stored contracts boards read");
        let _ = refresh_stale(core, &cynosure_core::markets::descriptors::MARKET_ORDERS).await;
        let _ = refresh_stale(core, &cynosure_core::contracts::descriptors::CONTRACTS).await;
    }

    async fn skills_on_view(&self, attributes: bool) {
        let core = &self.rig.core;
        skills_read(core)
            .await
            .expect("the stored skill boards read");
        let _ = tokio::join!(
            refresh_stale(core, &SKILLS),
            refresh_stale(core, &SKILLQUEUE),
            async {
                if attributes {
                    let _ = refresh_stale(core, &ATTRIBUTES).await;
                }
            }
        );
    }

    async fn jobs_on_view(&self) {
        let core = &self.rig.core;
        jobs_read(core).await.expect("the stored job boards read");
        refresh_jobs(core).await;
    }

    /// Moves the clock to `until`, running every loop whose time has come on the way.
    pub async fn run_until(&mut self, until: i64) {
        loop {
            self.step().await;
            let now = self.now();
            if now >= until {
                break;
            }
            let by = STEP_MS.min(until - now);
            self.rig.sim.clock().advance_ms(by);
        }
    }

    async fn step(&mut self) {
        let core = self.rig.core.clone();
        let now = core.now_ms();
        if self.visible_since.is_some() && now - self.last_heartbeat >= HEARTBEAT_MS {
            presence_heartbeat(&core);
            self.last_heartbeat = now;
        }
        core.live()
            .tick(&core, cynosure_core::online::poll::poll)
            .await;
        if let Some(since) = self.visible_since {
            let status = core.live().status(&core);
            if let Some(polled) = status.last_poll_at.filter(|p| *p >= since) {
                self.max_online_age_visible_ms =
                    self.max_online_age_visible_ms.max(core.now_ms() - polled);
            }
        }
        if now >= self.next_background_at {
            if self.background.tick(&core).await {
                self.needs.push(Need::BackgroundPass(now));
            }
            self.next_background_at = now + BACKGROUND_WAKE_MS;
        }
        loop {
            match self.events.try_recv() {
                Ok(CoreEvent::BoardUpdated(_) | CoreEvent::SettingsChanged)
                | Err(TryRecvError::Lagged(_)) => self.next_alarm_at = now,
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
            }
        }
        if now >= self.next_alarm_at {
            self.alarm_ticks += 1;
            let now = core.now_ms();
            match self.alarms.tick(&core).await {
                Ok(tick) => {
                    self.notices
                        .extend(tick.notices.into_iter().map(|n| (now, n)));
                    self.next_alarm_at = tick
                        .next_at
                        .map_or(now + MAX_SLEEP_MS, |at| at.clamp(now, now + MAX_SLEEP_MS));
                }
                Err(_) => {
                    self.alarm_errors += 1;
                    self.next_alarm_at = now + MAX_SLEEP_MS;
                }
            }
        }
    }
}
