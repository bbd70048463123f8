//! The owner-sync engine (DESIGN.md §5): generic, driven by a [`Descriptor`] each slice
//! supplies; it never imports a slice. The live engine (live.rs) keeps the one live
//! subject (online status) current while someone watches.

pub mod error;
pub mod live;
pub mod models;
pub mod owner_sync;

pub use error::SyncError;
pub use models::{BoardChange, GateState, Outcome, OwnerKind, SyncInfo};
pub use owner_sync::{Descriptor, OwnerAxis};
