//! "Next": which login is due next, per account (docs/design.md §10). Every deadline of
//! every character — queues ending, jobs ready, extractors stopping — merged from the
//! stored boards with zero requests, grouped by the player's accounts.

pub mod commands;
pub mod models;
pub mod plan;
