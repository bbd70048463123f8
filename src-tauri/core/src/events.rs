//! What the core announces. The shell forwards each as a typed Tauri event.

use crate::online::models::{OnlineChange, ServerStatus};
use crate::sync::BoardChange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreEvent {
    /// What a board shows changed (`board-updated`).
    BoardUpdated(BoardChange),
    /// Some characters' `online` flipped (`online-changed`).
    OnlineChanged(Vec<OnlineChange>),
    /// Online status started or stopped being kept current (the tray shows it as stale).
    LiveChanged { live: bool },
    /// The settings changed (the alarms re-read them at once).
    SettingsChanged,
    /// The offset between this computer's clock and EVE's servers moved (the window's
    /// countdowns follow server time).
    ServerClockChanged { offset_ms: i64 },
    /// Tranquility's status changed, or could not be read (`None`).
    ServerStatusChanged(Option<ServerStatus>),
    /// A character was linked or removed, or moved between accounts (the tray and
    /// "Next" regroup).
    RosterChanged,
}
