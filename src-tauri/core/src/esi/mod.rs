//! The ESI gate: the one outbound door of the core (docs/design.md §4). Every ESI and SSO
//! request goes through [`EsiGate`], which owns the User-Agent and compatibility date,
//! conditional reads, cache expiry, the two budgets, retries and pagination.

mod budget;
pub mod config;
pub mod error;
mod gate;
pub mod headers;
pub mod models;
pub mod routes;

pub use config::GateConfig;
pub use error::GateError;
pub(crate) use gate::downtime_until;
pub use gate::{EsiGate, Probed};
pub use models::{BudgetSnapshot, Fetched};
pub use routes::Route;

/// The ESI spec this build speaks (2026-08-18; the extract in `third_party/ccp/`). Moving it is a deliberate
/// change, made together with the schemas it brings.
pub const COMPATIBILITY_DATE: &str = "2026-08-18";
