//! The live engine (docs/design.md §6): one live subject, polled only while someone is
//! watching. The UI's heartbeat (on mount, on becoming visible, every 20 s while visible)
//! and the shell's window events keep it warm; no heartbeat for 60 s, or a hidden window,
//! makes it cold and polling stops — unless "keep the tray indicator live" asks for a slow
//! cadence. The next poll is due at `max(expires_at, now + 60 s) + jitter`.
//!
//! Time comes from the core's clock and the work is done in [`LiveEngine::tick`], so tests
//! drive it step by step; the app runs [`run`], which sleeps between ticks and wakes at
//! once on a heartbeat that finds the subject stale.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng as _;

use crate::events::CoreEvent;
use crate::{Cynosure, IpcError};

/// No heartbeat for this long: nobody is watching.
pub const COLD_AFTER_MS: i64 = 60_000;
/// Never poll faster than this, whatever `Expires` says.
pub const FLOOR_MS: i64 = 60_000;
const JITTER_MS: i64 = 3_000;

/// What a poll of the subject reports back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Polled {
    /// The earliest instant ESI's cache of any part of the subject expires.
    pub expires_at: Option<i64>,
    pub error: Option<IpcError>,
}

/// The subject's poll, supplied by its slice (the engine imports none).
pub type Poll = for<'a> fn(&'a Cynosure) -> Pin<Box<dyn Future<Output = Polled> + Send + 'a>>;

#[derive(Debug, Default)]
struct State {
    /// The page says it is visible (its heartbeats).
    visible: bool,
    /// The shell says the window is hidden, minimised or unmapped: this wins over the
    /// page, which cannot always tell.
    window_hidden: bool,
    last_heartbeat_at: Option<i64>,
    next_due_at: i64,
    last_poll_at: Option<i64>,
    last_error: Option<IpcError>,
    /// What `live` was last announced as.
    announced_live: Option<bool>,
}

#[derive(Debug, Default)]
pub struct LiveEngine {
    state: Mutex<State>,
    wake: tokio::sync::Notify,
}

/// Whether the subject is being kept current, for the tray and the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveStatus {
    pub live: bool,
    pub warm: bool,
    pub last_poll_at: Option<i64>,
    pub last_error: Option<IpcError>,
}

impl LiveEngine {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn warm(state: &State, now: i64) -> bool {
        !state.window_hidden
            && state.visible
            && state
                .last_heartbeat_at
                .is_some_and(|hb| now - hb <= COLD_AFTER_MS)
    }

    /// The window is visible and someone is looking: keep polling; poll at once if stale.
    pub fn heartbeat(&self, core: &Cynosure) {
        let now = core.now_ms();
        let wake = {
            let mut s = self.state();
            let was_warm = Self::warm(&s, now);
            s.visible = true;
            s.last_heartbeat_at = Some(now);
            // Stale, or the loop may be asleep until someone looks.
            s.next_due_at <= now || !was_warm
        };
        if wake {
            self.wake.notify_one();
        }
        self.announce(core);
    }

    /// The page became hidden: polling stops now.
    pub fn hidden(&self, core: &Cynosure) {
        self.state().visible = false;
        self.announce(core);
    }

    /// The shell saw the window hidden, minimised or unmapped.
    pub fn window_hidden(&self, core: &Cynosure) {
        tracing::info!("window hidden: online polling stops");
        self.state().window_hidden = true;
        self.announce(core);
    }

    /// The shell saw the window shown again: someone is about to look.
    pub fn window_shown(&self, core: &Cynosure) {
        tracing::info!("window shown");
        self.state().window_hidden = false;
        self.heartbeat(core);
    }

    /// "Refresh now" from the tray: the next tick polls whatever the presence.
    pub fn refresh_now(&self) {
        self.state().next_due_at = i64::MIN;
        self.wake.notify_one();
    }

    pub fn status(&self, core: &Cynosure) -> LiveStatus {
        let now = core.now_ms();
        let tray_live = core.settings_snapshot().tray_live;
        let s = self.state();
        let warm = Self::warm(&s, now);
        LiveStatus {
            live: (warm || tray_live) && s.last_poll_at.is_some() && s.last_error.is_none(),
            warm,
            last_poll_at: s.last_poll_at,
            last_error: s.last_error.clone(),
        }
    }

    /// Emits `LiveChanged` when `live` flipped since the last announcement.
    fn announce(&self, core: &Cynosure) {
        let live = self.status(core).live;
        let changed = {
            let mut s = self.state();
            let changed = s.announced_live != Some(live);
            s.announced_live = Some(live);
            changed
        };
        if changed {
            core.emit(CoreEvent::LiveChanged { live });
        }
    }

    /// Polls the subject if it is due and someone watches (or the tray is kept live).
    /// Returns whether it polled.
    pub async fn tick(&self, core: &Cynosure, poll: Poll) -> bool {
        let now = core.now_ms();
        let settings = core.settings_snapshot();
        let (warm, due, forced) = {
            let s = self.state();
            (
                Self::warm(&s, now),
                s.next_due_at <= now,
                s.next_due_at == i64::MIN,
            )
        };
        if !(due && (warm || settings.tray_live || forced)) {
            self.announce(core);
            return false;
        }
        let polled = poll(core).await;
        let now = core.now_ms();
        let slow = if !warm && settings.tray_live {
            i64::from(settings.tray_live_minutes) * 60_000
        } else {
            0
        };
        let jitter = rand::thread_rng().gen_range(0..=JITTER_MS);
        {
            let mut s = self.state();
            let expires = polled.expires_at.unwrap_or(now);
            s.next_due_at = expires.max(now + FLOOR_MS).max(now + slow) + jitter;
            s.last_poll_at = Some(now);
            s.last_error = polled.error;
        }
        self.announce(core);
        true
    }

    /// Nobody watches, the tray is not kept live and no refresh is asked for: the loop
    /// can sleep until something changes that.
    fn idle(&self, core: &Cynosure) -> bool {
        let now = core.now_ms();
        let s = self.state();
        !Self::warm(&s, now) && !core.settings_snapshot().tray_live && s.next_due_at != i64::MIN
    }
}

/// The loop the app runs: a tick, then sleep until the next one may be due (at most a
/// few seconds while someone watches, so presence changes are seen), or until woken.
/// With nobody watching it does not wake at all until a heartbeat, a shown window,
/// "Refresh now" or a settings change.
pub async fn run(core: Arc<Cynosure>, poll: Poll) {
    let mut events = core.subscribe();
    loop {
        core.live().tick(&core, poll).await;
        if core.live().idle(&core) {
            tokio::select! {
                () = core.live().wake.notified() => {}
                () = settings_changed(&mut events) => {}
            }
        } else {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(2)) => {}
                () = core.live().wake.notified() => {}
            }
        }
    }
}

async fn settings_changed(events: &mut tokio::sync::broadcast::Receiver<CoreEvent>) {
    use tokio::sync::broadcast::error::RecvError;
    loop {
        match events.recv().await {
            Ok(CoreEvent::SettingsChanged) | Err(RecvError::Lagged(_)) => return,
            Ok(_) => {}
            Err(RecvError::Closed) => std::future::pending().await,
        }
    }
}
