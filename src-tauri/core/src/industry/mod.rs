//! Personal and corporation industry jobs (and the roles board that finds who may read a
//! corporation's jobs) on the owner-sync engine. "Ready" is `end_at <= now`, derived by
//! the UI and the alarms, never stored: ESI keeps a finished, undelivered job `active`.

pub mod commands;
pub mod descriptors;
pub mod models;
