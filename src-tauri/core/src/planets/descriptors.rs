//! What the engine needs to know about the planets board: the colony list of
//! `GET /characters/{character_id}/planets`, each colony expanded with its layout from
//! `GET /characters/{character_id}/planets/{planet_id}` when it is new or changed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::models::{Amount, Colony, Extractor, Factory, Layout, PlanetsBoard};
use crate::esi::routes;
use crate::sync::{Deadline, DeadlineKind, Descriptor, Expand, Slice};

pub const SCOPE: &str = "esi-planets.manage_planets.v1";

pub const PLANETS: Descriptor =
    Descriptor::character(Slice::Planets, routes::PLANETS, SCOPE, normalize_colonies)
        .expanded(&LAYOUTS)
        .named(name_ids)
        .planets_named(planet_ids)
        .with_deadlines(|owner, board, _| extractor_deadlines(owner, board));

const LAYOUTS: Expand = Expand {
    route: routes::COLONY,
    items: colony_versions,
    kept: kept_layout,
    normalize: normalize_layout,
    assemble: with_layouts,
};

#[derive(Deserialize)]
struct EsiColony {
    planet_id: i64,
    planet_type: String,
    solar_system_id: i64,
    upgrade_level: i64,
    num_pins: i64,
    last_update: DateTime<Utc>,
}

fn normalize_colonies(body: Value) -> Result<String, String> {
    let esi: Vec<EsiColony> = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut colonies: Vec<Colony> = esi
        .into_iter()
        .map(|c| Colony {
            planet_id: c.planet_id,
            planet_type: c.planet_type,
            solar_system_id: c.solar_system_id,
            upgrade_level: c.upgrade_level,
            num_pins: c.num_pins,
            last_update: c.last_update.timestamp_millis(),
            layout: None,
            planet_name: None,
        })
        .collect();
    colonies.sort_by_key(|c| c.planet_id);
    colonies.dedup_by_key(|c| c.planet_id);
    serde_json::to_string(&PlanetsBoard { colonies }).map_err(|e| e.to_string())
}

fn board(text: &str) -> Option<PlanetsBoard> {
    serde_json::from_str(text).ok()
}

/// A colony's layout can change only when EVE recalculates it: its `last_update`.
fn colony_versions(text: &str) -> Vec<(i64, String)> {
    board(text)
        .map(|b| {
            b.colonies
                .iter()
                .map(|c| (c.planet_id, c.last_update.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn kept_layout(stored: &str, planet_id: i64, version: &str) -> Option<Value> {
    let colony = board(stored)?
        .colonies
        .into_iter()
        .find(|c| c.planet_id == planet_id && c.last_update.to_string() == version)?;
    serde_json::to_value(colony.layout?).ok()
}

#[derive(Deserialize)]
struct EsiLayout {
    pins: Vec<EsiPin>,
}

/// Only `pin_id`, `type_id`, the coordinates and an extractor's `heads` are required: an
/// extractor without a program has none of its other fields (CCP made them optional for
/// idle extractors), and real factories carry `schematic_id` on the pin rather than in
/// `factory_details`.
#[derive(Deserialize)]
struct EsiPin {
    pin_id: i64,
    type_id: i64,
    #[serde(default)]
    schematic_id: Option<i64>,
    #[serde(default)]
    install_time: Option<DateTime<Utc>>,
    #[serde(default)]
    expiry_time: Option<DateTime<Utc>>,
    #[serde(default)]
    extractor_details: Option<EsiExtractor>,
    #[serde(default)]
    factory_details: Option<EsiFactory>,
    #[serde(default)]
    contents: Vec<EsiAmount>,
}

#[derive(Deserialize)]
struct EsiExtractor {
    heads: Vec<Value>,
    #[serde(default)]
    cycle_time: Option<i64>,
    #[serde(default)]
    product_type_id: Option<i64>,
    #[serde(default)]
    qty_per_cycle: Option<i64>,
}

#[derive(Deserialize)]
struct EsiFactory {
    schematic_id: i64,
}

#[derive(Deserialize)]
struct EsiAmount {
    type_id: i64,
    amount: i64,
}

fn normalize_layout(body: Value) -> Result<Value, String> {
    let esi: EsiLayout = serde_json::from_value(body).map_err(|e| e.to_string())?;
    let mut layout = Layout {
        extractors: Vec::new(),
        factories: Vec::new(),
        stored: Vec::new(),
    };
    let mut stored: BTreeMap<i64, i64> = BTreeMap::new();
    for pin in esi.pins {
        let schematic = pin
            .schematic_id
            .or(pin.factory_details.as_ref().map(|f| f.schematic_id));
        if let Some(x) = pin.extractor_details {
            layout.extractors.push(Extractor {
                pin_id: pin.pin_id,
                type_id: pin.type_id,
                product_type_id: x.product_type_id,
                product_name: None,
                heads: x.heads.len() as i64,
                cycle_secs: x.cycle_time,
                qty_per_cycle: x.qty_per_cycle,
                install_at: pin.install_time.map(|t| t.timestamp_millis()),
                expiry_at: pin.expiry_time.map(|t| t.timestamp_millis()),
            });
        } else if schematic.is_some() {
            layout.factories.push(Factory {
                pin_id: pin.pin_id,
                type_id: pin.type_id,
                schematic_id: schematic,
            });
        } else {
            for c in pin.contents {
                *stored.entry(c.type_id).or_default() += c.amount;
            }
        }
    }
    layout.extractors.sort_by_key(|e| e.pin_id);
    layout.factories.sort_by_key(|f| f.pin_id);
    layout.stored = stored
        .into_iter()
        .map(|(type_id, amount)| Amount {
            type_id,
            amount,
            name: None,
        })
        .collect();
    serde_json::to_value(layout).map_err(|e| e.to_string())
}

fn with_layouts(text: &str, layouts: &BTreeMap<i64, Value>) -> Result<String, String> {
    let mut b = board(text).ok_or("not a planets board")?;
    for c in &mut b.colonies {
        c.layout = match layouts.get(&c.planet_id) {
            Some(v) => Some(serde_json::from_value(v.clone()).map_err(|e| e.to_string())?),
            None => None,
        };
    }
    serde_json::to_string(&b).map_err(|e| e.to_string())
}

/// The products and stored goods, named through `/universe/names`.
fn name_ids(text: &str) -> Vec<i64> {
    board(text)
        .map(|b| {
            b.colonies
                .iter()
                .flat_map(|c| c.layout.iter())
                .flat_map(|l| {
                    let products = l.extractors.iter().filter_map(|e| e.product_type_id);
                    products
                        .chain(l.stored.iter().map(|a| a.type_id))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The planets themselves, named through `/universe/planets/{planet_id}`.
fn planet_ids(text: &str) -> Vec<i64> {
    board(text)
        .map(|b| b.colonies.iter().map(|c| c.planet_id).collect())
        .unwrap_or_default()
}

/// Each extractor's stop.
fn extractor_deadlines(character_id: i64, text: &str) -> Vec<Deadline> {
    board(text)
        .map(|b| {
            b.colonies
                .iter()
                .flat_map(|c| c.layout.iter())
                .flat_map(|l| l.extractors.iter().filter_map(|e| e.expiry_at))
                .map(|at| Deadline {
                    character_id,
                    kind: DeadlineKind::ExtractorStops,
                    at,
                })
                .collect()
        })
        .unwrap_or_default()
}
