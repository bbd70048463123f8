//! What the core announces. The shell forwards each as a typed Tauri event.

use crate::sync::BoardChange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreEvent {
    /// What a board shows changed (`board-updated`).
    BoardUpdated(BoardChange),
}
