//! Planetary industry (the `planets` feature): each character's colonies on one board,
//! with every colony's layout read only when the colony is new or changed in game (its
//! `last_update`), the extractors' countdowns and the alarms before they stop.

pub mod commands;
pub mod descriptors;
pub mod models;
