use serde::{Deserialize, Serialize};

use crate::sync::Deadline;

/// One login to plan: an account (or a character on its own) and what waits there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextLine {
    /// The account's name, or the character's when it is in none.
    pub label: String,
    pub account_id: Option<i64>,
    pub character_ids: Vec<i64>,
    /// The names of `character_ids`, in the same order.
    pub character_names: Vec<String>,
    /// The earliest deadline still ahead (`None`: all of them are already due).
    pub before: Option<i64>,
    /// Something is already due: log in now.
    pub now: bool,
    /// Every deadline of its characters, soonest first.
    pub deadlines: Vec<Deadline>,
    /// In words: "Account B — log in before 21:40 UTC: 3 extractors stop, queue ends,
    /// 2 jobs finish".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextView {
    /// Soonest login first.
    pub lines: Vec<NextLine>,
}
