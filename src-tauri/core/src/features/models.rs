use serde::{Deserialize, Serialize};

use crate::sync::Descriptor;

/// A feature the player turns on or off (Settings → Features, `cynosure-cli features`).
/// Its name on the wire and in the CLI: `planets`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// Planetary industry: colonies, extractors and their alarms.
    Planets,
    /// Clones and jumps: home station, jump clones, implants, the next clone jump and
    /// jump fatigue.
    Clones,
    /// Market orders: open orders with their expiry, and those filled lately.
    Markets,
    /// Contracts: outstanding and in progress, courier deadlines, items when opened.
    Contracts,
}

/// What a feature is made of (the catalog holds one per [`Feature`]).
#[derive(Debug)]
pub struct FeatureSpec {
    pub feature: Feature,
    /// For players: "Planetary industry".
    pub name: &'static str,
    /// One sentence of what turning it on brings.
    pub about: &'static str,
    /// Its boards; their scopes are the feature's.
    pub boards: &'static [&'static Descriptor],
}

/// A character whose sign-in lacks a feature's scopes: re-authorising grants them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Lacking {
    pub character_id: i64,
    pub name: String,
    /// The account the player put it in, if any.
    pub account_id: Option<i64>,
}

/// A feature as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FeatureState {
    pub feature: Feature,
    pub name: String,
    pub about: String,
    pub scopes: Vec<String>,
    pub on: bool,
    /// Linked characters whose sign-in lacks the feature's scopes (in the order they were
    /// added): "Re-authorise N characters".
    pub lacking: Vec<Lacking>,
}
