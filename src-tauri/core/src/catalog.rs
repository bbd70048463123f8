//! Every board the core keeps, by slice: the one list the CLI, the tests and the
//! features read.

use crate::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS, ROLES};
use crate::skills::descriptors::{SKILLQUEUE, SKILLS};
use crate::sync::{Descriptor, Slice};

pub const BOARDS: &[&Descriptor] = &[
    &SKILLS,
    &SKILLQUEUE,
    &ROLES,
    &CHARACTER_JOBS,
    &CORPORATION_JOBS,
];

/// The descriptor of a slice.
pub fn board(slice: Slice) -> &'static Descriptor {
    BOARDS
        .iter()
        .copied()
        .find(|d| d.slice == slice)
        .unwrap_or_else(|| panic!("no descriptor for the {slice} board"))
}
