use serde::{Deserialize, Serialize};

use crate::sync::SyncInfo;

/// A character's colonies, as the planets board keeps them (names are added when read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanetsBoard {
    pub colonies: Vec<Colony>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Colony {
    pub planet_id: i64,
    /// `barren`, `temperate`, … as ESI names it.
    pub planet_type: String,
    pub solar_system_id: i64,
    /// The command center's upgrade level (0–5).
    pub upgrade_level: i64,
    pub num_pins: i64,
    /// When EVE last recalculated the colony (a change made in game): the layout is as of
    /// then. Unix epoch milliseconds.
    pub last_update: i64,
    /// `None` until its layout was read (or when ESI no longer details the colony).
    pub layout: Option<Layout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub planet_name: Option<String>,
}

/// What the planets view shows of a colony's pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    pub extractors: Vec<Extractor>,
    pub factories: Vec<Factory>,
    /// What storage, launchpads and the command center held (as of `last_update`).
    pub stored: Vec<Amount>,
}

/// An extractor control unit and its program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Extractor {
    pub pin_id: i64,
    pub type_id: i64,
    /// The raw resource it extracts; `None` when no program is set.
    pub product_type_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub product_name: Option<String>,
    pub heads: i64,
    pub cycle_secs: Option<i64>,
    pub qty_per_cycle: Option<i64>,
    /// Unix epoch milliseconds; `None` when no program is set.
    pub install_at: Option<i64>,
    /// When the program stops. Unix epoch milliseconds.
    pub expiry_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Factory {
    pub pin_id: i64,
    pub type_id: i64,
    pub schematic_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    pub type_id: i64,
    pub amount: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub name: Option<String>,
}

/// One character on the Planets view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CharacterPlanets {
    pub character_id: i64,
    pub name: String,
    /// `None` until the first read.
    pub colonies: Option<Vec<Colony>>,
    pub sync: SyncInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanetsView {
    /// Planetary industry is turned on (Settings → Features).
    pub on: bool,
    pub characters: Vec<CharacterPlanets>,
}
