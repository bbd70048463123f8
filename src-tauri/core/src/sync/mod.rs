//! The owner-sync engine (docs/design.md §5): generic, driven by a [`Descriptor`] each slice
//! supplies; it never imports a slice. The live engine (live.rs) keeps the one live
//! subject (online status) current while someone watches.

pub mod live;
pub mod models;
pub mod owner_sync;

pub use models::{
    BoardChange, Deadline, DeadlineKind, GateState, Outcome, OwnerKind, Slice, SyncInfo,
};
pub use owner_sync::{Descriptor, Expand, OwnerAxis};
