//! Settings the core acts on (docs/design.md §8): stored in the database so the app and the
//! CLI agree. UI-only preferences (theme, last view) live in the UI's own store.

pub mod commands;
pub mod error;
pub mod models;

pub use error::SettingsError;
