use serde::{Deserialize, Serialize};

/// The kinds of industry slot a character has: each activity takes one of its kind.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    specta::Type,
    sqlx::Type,
)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum SlotKind {
    Manufacturing,
    /// Research (time and material efficiency), copying and invention.
    Science,
    Reactions,
}

impl SlotKind {
    pub const ALL: [SlotKind; 3] = [Self::Manufacturing, Self::Science, Self::Reactions];

    /// As a player says it: "2 manufacturing slots".
    pub fn word(self) -> &'static str {
        match self {
            Self::Manufacturing => "manufacturing",
            Self::Science => "science",
            Self::Reactions => "reaction",
        }
    }
}

/// One kind of slot of one character: how many, and the jobs holding them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotUse {
    pub kind: SlotKind,
    /// From the character's trained skills.
    pub total: u32,
    /// When each job holding a slot of this kind ends (Unix epoch ms): a slot is free
    /// again once its job has ended, so the UI counts the free ones from the clock.
    pub busy_until: Vec<i64>,
    /// Jobs paused (their facility went offline): they hold a slot with no end.
    pub paused: u32,
}

/// One character's slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterSlots {
    pub character_id: i64,
    /// `None` until the character's skills are read.
    pub slots: Option<Vec<SlotUse>>,
    /// Jobs this character installed for a corporation whose jobs nobody linked may
    /// read are not seen: the slots may be fewer than shown.
    pub corporation_jobs_unseen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotsView {
    pub characters: Vec<CharacterSlots>,
}
