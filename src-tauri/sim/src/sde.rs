//! CCP's planetary-interaction static data, compiled in from the repository's extract
//! (`third_party/ccp/sde/planetary/`, made by `third_party/ccp/sde/extract_planetary.py`):
//! planet types and the P0 resources each yields, the structures a colony is built of,
//! the commodities P0..P4 and the schematics. The simulator builds its colonies from these
//! tables, so every type id it serves is one of CCP's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

const PLANET_TYPES: &str = include_str!("../../../third_party/ccp/sde/planetary/planet_types.csv");
const PLANET_RESOURCES: &str =
    include_str!("../../../third_party/ccp/sde/planetary/planet_resources.csv");
const PIN_TYPES: &str = include_str!("../../../third_party/ccp/sde/planetary/pin_types.csv");
const COMMODITIES: &str = include_str!("../../../third_party/ccp/sde/planetary/commodities.csv");
const SCHEMATICS: &str = include_str!("../../../third_party/ccp/sde/planetary/schematics.csv");
const SCHEMATIC_INPUTS: &str =
    include_str!("../../../third_party/ccp/sde/planetary/schematic_inputs.csv");

/// What a colony structure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PinKind {
    CommandCenter,
    ExtractorControlUnit,
    BasicIndustryFacility,
    AdvancedIndustryFacility,
    HighTechProductionPlant,
    StorageFacility,
    Launchpad,
}

impl PinKind {
    fn parse(word: &str) -> Self {
        match word {
            "command_center" => Self::CommandCenter,
            "extractor_control_unit" => Self::ExtractorControlUnit,
            "basic_industry_facility" => Self::BasicIndustryFacility,
            "advanced_industry_facility" => Self::AdvancedIndustryFacility,
            "high_tech_production_plant" => Self::HighTechProductionPlant,
            "storage_facility" => Self::StorageFacility,
            "launchpad" => Self::Launchpad,
            other => panic!("pin_types.csv: unknown kind {other:?}"),
        }
    }

    /// A processor, the kind that runs schematics.
    pub fn is_factory(self) -> bool {
        matches!(
            self,
            Self::BasicIndustryFacility
                | Self::AdvancedIndustryFacility
                | Self::HighTechProductionPlant
        )
    }

    /// The processor kind that runs schematics making a commodity of `tier` (1..=4).
    pub fn factory_for_tier(tier: u8) -> Option<Self> {
        match tier {
            1 => Some(Self::BasicIndustryFacility),
            2 | 3 => Some(Self::AdvancedIndustryFacility),
            4 => Some(Self::HighTechProductionPlant),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PlanetType {
    pub type_id: i64,
    /// The SDE's name: `Planet (Barren)`.
    pub name: &'static str,
    /// ESI's `planet_type` word: `barren`.
    pub planet_type: &'static str,
    /// The P0 types its extractors can extract.
    pub resources: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct PinType {
    pub type_id: i64,
    pub name: &'static str,
    pub kind: PinKind,
    pub planet_type_id: i64,
}

#[derive(Debug, Clone)]
pub struct Commodity {
    pub type_id: i64,
    pub name: &'static str,
    /// 0 for raw resources (P0) up to 4 (P4).
    pub tier: u8,
}

#[derive(Debug, Clone)]
pub struct Schematic {
    pub schematic_id: i64,
    pub name: &'static str,
    pub cycle_time_s: i64,
    pub output_type_id: i64,
    pub output_quantity: i64,
    /// (input type, quantity per cycle).
    pub inputs: Vec<(i64, i64)>,
}

/// The tables, indexed.
#[derive(Debug)]
pub struct Planetary {
    pub planet_types: BTreeMap<i64, PlanetType>,
    pub pin_types: BTreeMap<i64, PinType>,
    pub commodities: BTreeMap<i64, Commodity>,
    pub schematics: BTreeMap<i64, Schematic>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end_matches('\r').split(',').collect())
}

fn id(field: &str) -> i64 {
    field
        .parse()
        .unwrap_or_else(|_| panic!("the planetary extract: {field:?} is not a number"))
}

static PLANETARY: LazyLock<Planetary> = LazyLock::new(|| {
    let mut planet_types: BTreeMap<i64, PlanetType> = rows(PLANET_TYPES)
        .map(|r| {
            let type_id = id(r[0]);
            (
                type_id,
                PlanetType {
                    type_id,
                    name: r[1],
                    planet_type: r[2],
                    resources: vec![],
                },
            )
        })
        .collect();
    for r in rows(PLANET_RESOURCES) {
        if let Some(p) = planet_types.get_mut(&id(r[0])) {
            p.resources.push(id(r[1]));
        }
    }
    let pin_types = rows(PIN_TYPES)
        .map(|r| {
            let type_id = id(r[0]);
            (
                type_id,
                PinType {
                    type_id,
                    name: r[1],
                    kind: PinKind::parse(r[2]),
                    planet_type_id: id(r[3]),
                },
            )
        })
        .collect();
    let commodities = rows(COMMODITIES)
        .map(|r| {
            let type_id = id(r[0]);
            let tier = r[2].trim_start_matches('P').parse().unwrap_or(0);
            (
                type_id,
                Commodity {
                    type_id,
                    name: r[1],
                    tier,
                },
            )
        })
        .collect();
    let mut schematics: BTreeMap<i64, Schematic> = rows(SCHEMATICS)
        .map(|r| {
            let schematic_id = id(r[0]);
            (
                schematic_id,
                Schematic {
                    schematic_id,
                    name: r[1],
                    cycle_time_s: id(r[2]),
                    output_type_id: id(r[3]),
                    output_quantity: id(r[4]),
                    inputs: vec![],
                },
            )
        })
        .collect();
    for r in rows(SCHEMATIC_INPUTS) {
        if let Some(s) = schematics.get_mut(&id(r[0])) {
            s.inputs.push((id(r[1]), id(r[2])));
        }
    }
    Planetary {
        planet_types,
        pin_types,
        commodities,
        schematics,
    }
});

/// The compiled-in tables.
pub fn planetary() -> &'static Planetary {
    &PLANETARY
}

impl Planetary {
    /// A planet type by ESI's word (`barren`).
    pub fn planet_type_named(&self, planet_type: &str) -> Option<&PlanetType> {
        self.planet_types
            .values()
            .find(|p| p.planet_type == planet_type)
    }

    /// The structure of `kind` built on planets of `planet_type_id`.
    pub fn pin_type(&self, planet_type_id: i64, kind: PinKind) -> Option<&PinType> {
        self.pin_types
            .values()
            .find(|p| p.planet_type_id == planet_type_id && p.kind == kind)
    }

    /// The processor kind a schematic runs on (from its output's tier).
    pub fn factory_kind(&self, schematic_id: i64) -> Option<PinKind> {
        let s = self.schematics.get(&schematic_id)?;
        PinKind::factory_for_tier(self.commodities.get(&s.output_type_id)?.tier)
    }
}
