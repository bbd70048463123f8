//! Every board the core keeps and every feature the player may turn on: the one list
//! the engine's callers, the sign-in's scopes, the CLI and the tests read.

use crate::clones::descriptors::{CLONES, FATIGUE, IMPLANTS};
use crate::contracts::descriptors::CONTRACTS;
use crate::features::models::{Feature, FeatureSpec};
use crate::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS, ROLES};
use crate::markets::descriptors::{MARKET_ORDERS, ORDER_HISTORY};
use crate::planets::descriptors::PLANETS;
use crate::settings::models::Settings;
use crate::skills::descriptors::{ATTRIBUTES, SKILLQUEUE, SKILLS};
use crate::sync::{Descriptor, Slice};

/// The boards every linked character has, whatever is turned on.
pub const BASE_BOARDS: &[&Descriptor] = &[
    &SKILLS,
    &SKILLQUEUE,
    &ATTRIBUTES,
    &ROLES,
    &CHARACTER_JOBS,
    &CORPORATION_JOBS,
];

/// The features, in the order Settings lists them.
pub const FEATURES: &[FeatureSpec] = &[
    FeatureSpec {
        feature: Feature::Planets,
        name: "Planetary industry",
        about: "Your colonies and their extractors, with a warning before an extractor stops.",
        boards: &[&PLANETS],
    },
    FeatureSpec {
        feature: Feature::Clones,
        name: "Clones and jumps",
        about: "Home station, jump clones and implants, when your next clone jump is available, and jump fatigue.",
        boards: &[&CLONES, &IMPLANTS, &FATIGUE],
    },
    FeatureSpec {
        feature: Feature::Markets,
        name: "Market orders",
        about: "Your open buy and sell orders with their expiry, a warning before one expires, and word when one is filled.",
        boards: &[&MARKET_ORDERS, &ORDER_HISTORY],
    },
    FeatureSpec {
        feature: Feature::Contracts,
        name: "Contracts",
        about: "Contracts you issued, accepted or were offered, courier deadlines, and word when yours are accepted or about to expire.",
        boards: &[&CONTRACTS],
    },
];

/// Every board, the features' too.
pub fn boards() -> impl Iterator<Item = &'static Descriptor> {
    BASE_BOARDS
        .iter()
        .copied()
        .chain(FEATURES.iter().flat_map(|f| f.boards.iter().copied()))
}

/// The descriptor of a slice.
pub fn board(slice: Slice) -> &'static Descriptor {
    boards()
        .find(|d| d.slice == slice)
        .unwrap_or_else(|| panic!("no descriptor for the {slice} board"))
}

pub fn feature(feature: Feature) -> &'static FeatureSpec {
    FEATURES
        .iter()
        .find(|f| f.feature == feature)
        .unwrap_or_else(|| panic!("no spec for the feature {feature:?}"))
}

/// The boards kept now: the base boards and those of the features that are on.
pub fn boards_on(settings: &Settings) -> impl Iterator<Item = &'static Descriptor> + '_ {
    BASE_BOARDS.iter().copied().chain(
        FEATURES
            .iter()
            .filter(|f| settings.features.contains(&f.feature))
            .flat_map(|f| f.boards.iter().copied()),
    )
}

fn push_unique(scopes: &mut Vec<&'static str>, scope: &'static str) {
    if !scopes.contains(&scope) {
        scopes.push(scope);
    }
}

/// The scopes of some boards, once each.
pub fn scopes_of<'a>(boards: impl Iterator<Item = &'a Descriptor>) -> Vec<&'static str> {
    let mut scopes = Vec::new();
    for d in boards {
        push_unique(&mut scopes, d.scope);
    }
    scopes
}

/// What sign-in asks for: online status, the base boards and the features that are on.
pub fn wanted_scopes(settings: &Settings) -> Vec<&'static str> {
    let mut scopes = vec![crate::online::poll::SCOPE];
    for scope in scopes_of(boards_on(settings)) {
        push_unique(&mut scopes, scope);
    }
    scopes
}
