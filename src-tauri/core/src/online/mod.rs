//! Online status: the one live dataset (docs/design.md §1, §6), polled by the live engine
//! while someone watches; shown as a dot on every portrait and in the tray.

pub mod commands;
pub mod models;
pub mod poll;
