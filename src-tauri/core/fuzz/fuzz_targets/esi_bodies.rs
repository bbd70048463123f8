//! Any body ESI might send for a board: each slice's reader either refuses it in words
//! or stores a board that reads back, and the ids it names are the board's.
#![no_main]

use cynosure_core::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS, ROLES};
use cynosure_core::skills::descriptors::{SKILLQUEUE, SKILLS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for d in [
        &SKILLS,
        &SKILLQUEUE,
        &CHARACTER_JOBS,
        &CORPORATION_JOBS,
        &ROLES,
    ] {
        match (d.normalize)(body.clone()) {
            Ok(board) => {
                serde_json::from_str::<serde_json::Value>(&board).expect("a stored board is JSON");
                let _ = (d.name_ids)(&board);
            }
            Err(why) => assert!(!why.is_empty(), "a refusal says why"),
        }
    }
});
