//! Skills and the skill queue: two character boards on the owner-sync engine.

pub mod commands;
pub mod descriptors;
pub mod groups;
pub mod models;
