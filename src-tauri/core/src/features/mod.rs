//! Opt-in features (docs/design.md §10): each is a set of boards and the ESI scopes they
//! need. Sign-in asks for the scopes of the base boards and of every feature that is on;
//! a character whose token lacks a feature's scope shows "needs permission" on that
//! feature's boards only.

pub mod commands;
pub mod models;

pub use models::Feature;
