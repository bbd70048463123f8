//! Online status: the one live dataset (DESIGN.md §1, §6), polled by the live engine
//! while someone watches; shown as a dot on every portrait and in the tray.

pub mod commands;
pub mod error;
pub mod models;
pub mod poll;

pub use error::OnlineError;
