//! The core's background work for the life of a session, started in one call: the
//! alarms, the background job refresh, the live engine and the forwarding of the core's
//! events to whoever shows them. Dropping the [`Tasks`] guard stops all of it (the
//! shell drops it when it switches between the demo and the player's own data).

use std::sync::Arc;

use tokio::runtime::Handle;
use tokio::task::JoinHandle;

use crate::alarms::models::Notice;
use crate::events::CoreEvent;
use crate::Cynosure;

/// What the core's background work hands over to the program around it (the app's
/// shell, a test).
pub trait Outlet: Send + Sync + 'static {
    /// A notification to put on screen, worded by the core.
    fn notice(&self, notice: Notice);
    /// Something the window and the tray follow.
    fn event(&self, event: CoreEvent);
}

/// The running background tasks; dropping the guard aborts them.
#[derive(Debug)]
#[must_use = "dropping the guard stops the background work"]
pub struct Tasks(Vec<JoinHandle<()>>);

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Starts every background task of `core` on `runtime`.
pub fn spawn_tasks(runtime: &Handle, core: &Arc<Cynosure>, outlet: Arc<dyn Outlet>) -> Tasks {
    let rings = outlet.clone();
    Tasks(vec![
        runtime.spawn(forward(core.clone(), outlet)),
        runtime.spawn(crate::alarms::task::run(core.clone(), move |notice| {
            rings.notice(notice)
        })),
        runtime.spawn(crate::alarms::background::run(core.clone())),
        runtime.spawn(crate::sync::live::run(
            core.clone(),
            crate::online::poll::poll,
        )),
        runtime.spawn(keep_server_offset(core.clone())),
    ])
}

/// Keeps the offset to EVE's servers: stored (the next start begins with it) and
/// announced (the window's clock follows), when it moved by a second or more.
async fn keep_server_offset(core: Arc<Cynosure>) {
    let clock = core.gate().server_clock();
    let mut changes = clock.watch();
    let mut kept = clock.offset_ms();
    while changes.changed().await.is_ok() {
        let offset = *changes.borrow_and_update();
        if (offset - kept).abs() < 1_000 {
            continue;
        }
        kept = offset;
        tracing::info!(
            offset_ms = offset,
            "this computer's clock differs from EVE's"
        );
        if let Err(e) = core.db().save_server_offset_ms(offset).await {
            tracing::warn!(error = %e, "could not store the clock offset");
        }
        core.emit(CoreEvent::ServerClockChanged { offset_ms: offset });
    }
}

/// Hands every core event to the outlet, in order.
async fn forward(core: Arc<Cynosure>, outlet: Arc<dyn Outlet>) {
    use tokio::sync::broadcast::error::RecvError;
    let mut events = core.subscribe();
    loop {
        match events.recv().await {
            Ok(event) => outlet.event(event),
            Err(RecvError::Lagged(missed)) => tracing::warn!(missed, "events dropped"),
            Err(RecvError::Closed) => break,
        }
    }
}
