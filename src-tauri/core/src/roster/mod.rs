//! The roster: the characters the user has linked, with their token health.

pub mod commands;
pub mod error;
pub mod models;

pub use error::RosterError;
