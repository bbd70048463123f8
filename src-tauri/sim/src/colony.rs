//! Planetary industry: the planets of the simulator's universe and the colonies characters
//! run on them, in the shapes ESI serves (research: `notes/issue20-planets.md`).
//!
//! A colony is a snapshot as of its `last_update`: ESI recalculates a colony only when
//! its owner changes something (restarting extraction, moving goods), not when time
//! passes, so an extractor whose `expiry_time` has gone by stays in the layout unchanged
//! until the player acts ([`Colony::reset_extractors`], [`Colony::stop_extractors`]).
//! Every type id comes from CCP's static data ([`crate::sde`]).

use serde::{Deserialize, Serialize};

use crate::sde::{planetary, PinKind};

/// A planet, as `GET /universe/planets/{planet_id}` serves it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Planet {
    pub planet_id: i64,
    pub name: String,
    pub system_id: i64,
    /// The planet type (`11` Temperate … `2063` Plasma).
    pub type_id: i64,
    /// Metres, in the solar system's frame.
    pub position: [f64; 3],
}

/// The simulator's own planet table: (planet id, name, solar system id, planet type id,
/// position). Where each value comes from:
/// - 40000046 Akpivem III: all of it is CCP's example of `GET /universe/planets/{id}`
///   (ESI Swagger 2.0, 2019).
/// - 40253780 49-U6U I, 40253806 49-U6U VIII, 40290111 B17O-R I: real ids, names, systems
///   and types (raykazi/seat-pi README; esi/esi-issues#1378); the positions are the
///   simulator's.
/// - 40023691 and 40023697: real ids, system and types (CCP's example of
///   `GET /characters/{id}/planets`); the names ("Sim-379 …") and positions are the
///   simulator's.
/// - 40999001..40999007 in system 30999001: made up (no such planets exist), so that every
///   planet type has a planet; names "Sim-Prime …".
pub const PLANET_TABLE: &[(i64, &str, i64, i64, [f64; 3])] = &[
    (
        40_000_046,
        "Akpivem III",
        30_000_003,
        13,
        [-189_226_344_497.0, 9_901_605_317.0, -254_852_632_979.0],
    ),
    (
        40_023_691,
        "Sim-379 II",
        30_000_379,
        2063,
        [41_722_581_204.0, -3_310_225_880.0, 27_040_119_563.0],
    ),
    (
        40_023_697,
        "Sim-379 III",
        30_000_379,
        2016,
        [-96_457_302_118.0, 7_114_380_256.0, 133_908_664_017.0],
    ),
    (
        40_253_780,
        "49-U6U I",
        30_004_009,
        2015,
        [23_544_896_331.0, 1_245_006_718.0, -38_201_447_905.0],
    ),
    (
        40_253_806,
        "49-U6U VIII",
        30_004_009,
        13,
        [-1_402_553_270_114.0, -88_610_244_307.0, 911_337_408_162.0],
    ),
    (
        40_290_111,
        "B17O-R I",
        30_004_590,
        2015,
        [-30_118_776_402.0, 2_660_348_115.0, 19_873_502_284.0],
    ),
    (
        40_999_001,
        "Sim-Prime I",
        30_999_001,
        11,
        [88_120_440_561.0, 4_005_117_320.0, -61_447_083_215.0],
    ),
    (
        40_999_003,
        "Sim-Prime II",
        30_999_001,
        12,
        [-402_771_360_018.0, 12_664_903_441.0, 377_105_226_730.0],
    ),
    (
        40_999_005,
        "Sim-Prime III",
        30_999_001,
        2014,
        [160_384_002_775.0, -9_871_244_013.0, 201_930_557_486.0],
    ),
    (
        40_999_007,
        "Sim-Prime IV",
        30_999_001,
        2017,
        [-611_029_847_330.0, 20_466_118_904.0, -540_338_761_052.0],
    ),
];

/// The solar systems of [`PLANET_TABLE`], for `POST /universe/names`: Akpivem, 49-U6U
/// and B17O-R are real (their planets' names say so); "Sim-379" (id 30000379 is real,
/// its name is not known to the simulator) and "Sim-Prime" are the simulator's.
pub const SOLAR_SYSTEM_TABLE: &[(i64, &str)] = &[
    (30_000_003, "Akpivem"),
    (30_000_379, "Sim-379"),
    (30_004_009, "49-U6U"),
    (30_004_590, "B17O-R"),
    (30_999_001, "Sim-Prime"),
];

/// Every planet of [`PLANET_TABLE`].
pub fn planets() -> Vec<Planet> {
    PLANET_TABLE
        .iter()
        .map(|&(planet_id, name, system_id, type_id, position)| Planet {
            planet_id,
            name: name.into(),
            system_id,
            type_id,
            position,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Colony {
    pub planet_id: i64,
    /// ESI's word for the planet type (`barren`).
    pub planet_type: String,
    pub solar_system_id: i64,
    /// The command center's level, 0..=5.
    pub upgrade_level: i64,
    /// When the colony was last recalculated (a player changed it).
    pub last_update_ms: i64,
    pub pins: Vec<Pin>,
    pub links: Vec<PinLink>,
    pub routes: Vec<PinRoute>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pin {
    pub pin_id: i64,
    pub type_id: i64,
    /// Radians, 0..π.
    pub latitude: f64,
    /// Radians, 0..2π.
    pub longitude: f64,
    pub install_ms: Option<i64>,
    pub expiry_ms: Option<i64>,
    pub last_cycle_start_ms: Option<i64>,
    /// A factory's schematic, on the pin as real answers carry it.
    pub schematic_id: Option<i64>,
    /// Also serve the spec's `factory_details: {schematic_id}` (real answers seen so far
    /// leave it out; clients must read both).
    #[serde(default)]
    pub factory_details: bool,
    pub extractor: Option<Extractor>,
    /// `None`: no `contents` field; `Some(vec![])`: `"contents": []` (both are seen).
    pub contents: Option<Vec<Content>>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Content {
    pub type_id: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extractor {
    pub heads: Vec<Head>,
    /// `None`: a stopped or cleared program; ESI then serves `heads` only.
    pub program: Option<Program>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Head {
    pub head_id: i64,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Program {
    pub product_type_id: i64,
    pub cycle_time_s: i64,
    pub qty_per_cycle: i64,
    pub head_radius: f64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PinLink {
    pub source_pin_id: i64,
    pub destination_pin_id: i64,
    pub link_level: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PinRoute {
    pub route_id: i64,
    pub source_pin_id: i64,
    pub destination_pin_id: i64,
    pub content_type_id: i64,
    pub quantity: f64,
    /// Pins the route passes through; empty: no `waypoints` field.
    pub waypoints: Vec<i64>,
}

/// The cycle time the game gives an extraction program of `hours`: 15 minutes doubled
/// until the program has at most 100 cycles (every real sample fits: 48 h → 1800 s,
/// 198 h → 7200 s, 336 h → 14400 s; inferred, CCP documents no rule).
pub fn cycle_time_for(hours: f64) -> i64 {
    let mut cycle = 900;
    while hours * 3600.0 / cycle as f64 > 100.0 + 1e-9 && cycle < 14_400 {
        cycle *= 2;
    }
    cycle
}

/// The head radius of a program with `cycle_time_s`: longer programs cover a larger area
/// (CCP's devblog). Fitted to the samples 1800 s → 0.0156, 7200 s → 0.0337,
/// 14400 s → 0.05; no formula is published.
pub fn head_radius_for(cycle_time_s: i64) -> f64 {
    0.0156 * (cycle_time_s as f64 / 1800.0).powf(0.556)
}

/// A new program started at `at_ms` for about `hours` (whole cycles, at least one):
/// (install = last cycle start, expiry, cycle time).
fn program_times(at_ms: i64, hours: f64) -> (i64, i64, i64) {
    let cycle = cycle_time_for(hours);
    let cycles = ((hours * 3600.0 / cycle as f64).round() as i64).max(1);
    (at_ms, at_ms + cycles * cycle * 1000, cycle)
}

fn kind_of(type_id: i64) -> Option<PinKind> {
    planetary().pin_types.get(&type_id).map(|p| p.kind)
}

impl Pin {
    pub fn kind(&self) -> Option<PinKind> {
        kind_of(self.type_id)
    }

    pub fn is_extractor(&self) -> bool {
        self.kind() == Some(PinKind::ExtractorControlUnit)
    }
}

impl Colony {
    /// The extractor control units.
    pub fn extractors(&self) -> impl Iterator<Item = &Pin> {
        self.pins.iter().filter(|p| p.is_extractor())
    }

    /// The earliest `expiry_time` of the colony's extractors that have one.
    pub fn earliest_expiry_ms(&self) -> Option<i64> {
        self.extractors().filter_map(|p| p.expiry_ms).min()
    }

    /// What a restarted extractor extracts: its program's product, else what its route
    /// still carries, else the planet's first resource.
    fn product_of(&self, pin: &Pin) -> i64 {
        pin.extractor
            .as_ref()
            .and_then(|e| e.program)
            .map(|p| p.product_type_id)
            .or_else(|| {
                self.routes
                    .iter()
                    .find(|r| r.source_pin_id == pin.pin_id)
                    .map(|r| r.content_type_id)
            })
            .or_else(|| {
                let sde = planetary();
                let planet_type = sde.planet_type_named(&self.planet_type)?;
                planet_type.resources.first().copied()
            })
            .unwrap_or_default()
    }

    /// The player restarts every extraction program at `at_ms` for about `hours` (whole
    /// cycles): new install, last cycle start and expiry, and the colony is recalculated
    /// (`last_update` = `at_ms`). Stopped extractors restart on what they last extracted.
    pub fn reset_extractors(&mut self, at_ms: i64, hours: f64) {
        let (install, expiry, cycle) = program_times(at_ms, hours);
        let products: Vec<i64> = self.pins.iter().map(|p| self.product_of(p)).collect();
        for (pin, product) in self.pins.iter_mut().zip(products) {
            if !pin.is_extractor() {
                continue;
            }
            let Some(extractor) = pin.extractor.as_mut() else {
                continue;
            };
            let qty = extractor.program.map_or(6_000, |p| p.qty_per_cycle);
            extractor.program = Some(Program {
                product_type_id: product,
                cycle_time_s: cycle,
                qty_per_cycle: qty,
                head_radius: head_radius_for(cycle),
            });
            pin.install_ms = Some(install);
            pin.last_cycle_start_ms = Some(install);
            pin.expiry_ms = Some(expiry);
        }
        self.last_update_ms = at_ms;
    }

    /// The player stops every extraction program at `at_ms`: the extractors keep their
    /// heads and lose their program, install and expiry times; the colony is recalculated.
    pub fn stop_extractors(&mut self, at_ms: i64) {
        let ids: Vec<i64> = self.extractors().map(|p| p.pin_id).collect();
        for id in ids {
            self.clear_program(id);
        }
        self.last_update_ms = at_ms;
    }

    /// One extractor's program is gone (the idle shape: `heads` only, no install or
    /// expiry time), without touching `last_update`.
    pub fn clear_program(&mut self, pin_id: i64) {
        if let Some(pin) = self.pins.iter_mut().find(|p| p.pin_id == pin_id) {
            if let Some(e) = pin.extractor.as_mut() {
                e.program = None;
            }
            pin.install_ms = None;
            pin.expiry_ms = None;
        }
    }

    /// A test hook: sets the `expiry_time` of one extractor (or of every extractor with a
    /// program), and nothing else: no recalculation, `last_update` stays.
    pub fn set_extractor_expiry(&mut self, pin_id: Option<i64>, expiry_ms: i64) {
        for pin in self.pins.iter_mut().filter(|p| p.is_extractor()) {
            let running = pin.extractor.as_ref().is_some_and(|e| e.program.is_some());
            if pin_id.map_or(running, |id| id == pin.pin_id) {
                pin.expiry_ms = Some(expiry_ms);
            }
        }
    }

    /// Serve (or not) the spec's `factory_details` on every factory, besides the pin's
    /// `schematic_id`.
    pub fn set_factory_details(&mut self, on: bool) {
        for pin in self.pins.iter_mut().filter(|p| p.schematic_id.is_some()) {
            pin.factory_details = on;
        }
    }
}

/// One extraction program to seed.
#[derive(Debug, Clone, Copy)]
pub struct ExtractorPlan {
    /// A P0 the planet type yields.
    pub product_type_id: i64,
    /// When the program started, and so ended: install + `hours` (whole cycles).
    pub install_ms: i64,
    pub hours: f64,
    /// 1..=10.
    pub heads: usize,
    pub qty_per_cycle: i64,
}

impl ExtractorPlan {
    /// A program of `hours` that ends at `expiry_ms`.
    pub fn ending(product_type_id: i64, expiry_ms: i64, hours: f64, heads: usize) -> Self {
        let (_, end, _) = program_times(0, hours);
        Self {
            product_type_id,
            install_ms: expiry_ms - end,
            hours,
            heads,
            qty_per_cycle: 4_000 + (product_type_id * 37 + heads as i64 * 811) % 7_000,
        }
    }
}

/// Builds a colony pin by pin: each structure takes the type id CCP's static data gives
/// its kind on the planet's type, a spot near the colony's centre and the next pin id;
/// links and routes are added between pins already placed.
#[derive(Debug)]
pub struct ColonyBuilder {
    colony: Colony,
    planet_type_id: i64,
    first_pin_id: i64,
    next_route_id: i64,
    centre: (f64, f64),
}

impl ColonyBuilder {
    /// Pin ids count up from `first_pin_id` (real ones are about 1.0e12), route ids from
    /// `first_pin_id % 1e9`.
    pub fn new(planet: &Planet, upgrade_level: i64, first_pin_id: i64) -> Self {
        let sde = planetary();
        let planet_type = sde.planet_types.get(&planet.type_id).unwrap_or_else(|| {
            panic!(
                "planet {}: type {} has no colonies",
                planet.planet_id, planet.type_id
            )
        });
        // A spot on the planet, from its id.
        let h = (planet.planet_id.wrapping_mul(2_654_435_761)).rem_euclid(1_000_000) as f64;
        let centre = (0.6 + 1.9 * (h / 1e6), 0.5 + 5.3 * ((h * 7.0) % 1e6 / 1e6));
        Self {
            colony: Colony {
                planet_id: planet.planet_id,
                planet_type: planet_type.planet_type.to_owned(),
                solar_system_id: planet.system_id,
                upgrade_level: upgrade_level.clamp(0, 5),
                last_update_ms: 0,
                pins: vec![],
                links: vec![],
                routes: vec![],
            },
            planet_type_id: planet.type_id,
            first_pin_id,
            next_route_id: first_pin_id % 1_000_000_000,
            centre,
        }
    }

    fn add(&mut self, kind: PinKind, contents: Option<Vec<Content>>) -> usize {
        let type_id = planetary()
            .pin_type(self.planet_type_id, kind)
            .unwrap_or_else(|| panic!("planet type {} has no {kind:?}", self.planet_type_id))
            .type_id;
        let n = self.colony.pins.len();
        let first = self.first_pin_id;
        let angle = n as f64 * 2.39996; // the golden angle: pins never overlap
        let r = 0.004 + 0.0035 * n as f64;
        self.colony.pins.push(Pin {
            pin_id: first + n as i64,
            type_id,
            latitude: self.centre.0 + r * angle.cos(),
            longitude: self.centre.1 + r * angle.sin(),
            install_ms: None,
            expiry_ms: None,
            last_cycle_start_ms: None,
            schematic_id: None,
            factory_details: false,
            extractor: None,
            contents,
        });
        n
    }

    fn id(&self, index: usize) -> i64 {
        self.colony.pins[index].pin_id
    }

    pub fn command_center(&mut self, contents: Vec<Content>, last_cycle_start_ms: i64) -> i64 {
        let i = self.add(PinKind::CommandCenter, Some(contents));
        self.colony.pins[i].last_cycle_start_ms = Some(last_cycle_start_ms);
        self.id(i)
    }

    pub fn launchpad(&mut self, contents: Vec<Content>, last_cycle_start_ms: i64) -> i64 {
        let i = self.add(PinKind::Launchpad, Some(contents));
        self.colony.pins[i].last_cycle_start_ms = Some(last_cycle_start_ms);
        self.id(i)
    }

    pub fn storage(&mut self, contents: Vec<Content>, last_cycle_start_ms: i64) -> i64 {
        let i = self.add(PinKind::StorageFacility, Some(contents));
        self.colony.pins[i].last_cycle_start_ms = Some(last_cycle_start_ms);
        self.id(i)
    }

    /// An extractor control unit running `plan` (no `contents`, as real ECUs).
    pub fn extractor(&mut self, plan: ExtractorPlan) -> i64 {
        let sde = planetary();
        assert!(
            sde.planet_types[&self.planet_type_id]
                .resources
                .contains(&plan.product_type_id),
            "{} is not extracted on {}",
            plan.product_type_id,
            self.colony.planet_type
        );
        let i = self.add(PinKind::ExtractorControlUnit, None);
        let (install, expiry, cycle) = program_times(plan.install_ms, plan.hours);
        let radius = head_radius_for(cycle);
        let pin = &mut self.colony.pins[i];
        let heads = plan.heads.clamp(1, 10);
        pin.extractor = Some(Extractor {
            heads: (0..heads)
                .map(|k| {
                    let a = k as f64 * std::f64::consts::TAU / heads as f64;
                    Head {
                        head_id: k as i64,
                        latitude: pin.latitude + 2.5 * radius * a.cos(),
                        longitude: pin.longitude + 2.5 * radius * a.sin(),
                    }
                })
                .collect(),
            program: Some(Program {
                product_type_id: plan.product_type_id,
                cycle_time_s: cycle,
                qty_per_cycle: plan.qty_per_cycle,
                head_radius: radius,
            }),
        });
        pin.install_ms = Some(install);
        pin.last_cycle_start_ms = Some(install);
        pin.expiry_ms = Some(expiry);
        self.id(i)
    }

    /// A factory running `schematic_id` on the processor its output tier needs.
    pub fn factory(
        &mut self,
        schematic_id: i64,
        last_cycle_start_ms: i64,
        contents: Vec<Content>,
    ) -> i64 {
        let kind = planetary()
            .factory_kind(schematic_id)
            .unwrap_or_else(|| panic!("schematic {schematic_id} is not in the static data"));
        let i = self.add(kind, Some(contents));
        let pin = &mut self.colony.pins[i];
        pin.schematic_id = Some(schematic_id);
        pin.last_cycle_start_ms = Some(last_cycle_start_ms);
        self.id(i)
    }

    pub fn link(&mut self, a: i64, b: i64) {
        let exists = self.colony.links.iter().any(|l| {
            (l.source_pin_id, l.destination_pin_id) == (a, b)
                || (l.source_pin_id, l.destination_pin_id) == (b, a)
        });
        if !exists {
            self.colony.links.push(PinLink {
                source_pin_id: a,
                destination_pin_id: b,
                link_level: 0,
            });
        }
    }

    pub fn route(
        &mut self,
        source: i64,
        destination: i64,
        content: i64,
        quantity: f64,
        via: &[i64],
    ) {
        self.colony.routes.push(PinRoute {
            route_id: self.next_route_id,
            source_pin_id: source,
            destination_pin_id: destination,
            content_type_id: content,
            quantity,
            waypoints: via.to_vec(),
        });
        self.next_route_id += 1;
    }

    pub fn build(mut self, last_update_ms: i64) -> Colony {
        self.colony.last_update_ms = last_update_ms;
        self.colony
    }
}

/// A colony laid out the way players build them: a command center and a launchpad, a
/// storage facility as the hub, the extractors of `extractors` feeding the storage, the
/// factories of `schematics` fed from the storage and delivering to the launchpad (through
/// the storage) or, when another factory of the colony uses their output, back to the
/// storage; goods in storage and on the launchpad; everything as of `last_update_ms`.
pub fn standard_colony(
    planet: &Planet,
    upgrade_level: i64,
    first_pin_id: i64,
    last_update_ms: i64,
    extractors: &[ExtractorPlan],
    schematics: &[i64],
) -> Colony {
    let sde = planetary();
    let mut b = ColonyBuilder::new(planet, upgrade_level, first_pin_id);
    let made: Vec<i64> = schematics
        .iter()
        .filter_map(|s| sde.schematics.get(s).map(|s| s.output_type_id))
        .collect();
    let used: Vec<i64> = schematics
        .iter()
        .filter_map(|s| sde.schematics.get(s))
        .flat_map(|s| s.inputs.iter().map(|(t, _)| *t))
        .collect();
    let products: Vec<i64> = extractors.iter().map(|e| e.product_type_id).collect();
    let amount = |seed: i64| 1_000 + (seed * 7_919).rem_euclid(9_000);

    let cc = b.command_center(vec![], last_update_ms);
    let pad = b.launchpad(
        made.iter()
            .filter(|t| !used.contains(t))
            .map(|&t| Content {
                type_id: t,
                amount: amount(t) / 10,
            })
            .collect(),
        last_update_ms,
    );
    let storage = b.storage(
        products
            .iter()
            .chain(made.iter().filter(|t| used.contains(t)))
            .map(|&t| Content {
                type_id: t,
                amount: amount(t + planet.planet_id),
            })
            .collect(),
        last_update_ms,
    );
    b.link(cc, pad);
    b.link(pad, storage);
    for plan in extractors {
        let ecu = b.extractor(*plan);
        b.link(storage, ecu);
        let cycle = cycle_time_for(plan.hours);
        b.route(
            ecu,
            storage,
            plan.product_type_id,
            (plan.qty_per_cycle * cycle / 900) as f64,
            &[],
        );
    }
    for &schematic_id in schematics {
        let Some(s) = sde.schematics.get(&schematic_id) else {
            continue;
        };
        let started = last_update_ms - (s.cycle_time_s * 1000) / 3;
        let factory = b.factory(
            schematic_id,
            started,
            s.inputs
                .iter()
                .map(|&(t, q)| Content {
                    type_id: t,
                    amount: q,
                })
                .collect(),
        );
        b.link(storage, factory);
        for &(input, quantity) in &s.inputs {
            b.route(storage, factory, input, quantity as f64, &[]);
        }
        if used.contains(&s.output_type_id) {
            b.route(
                factory,
                storage,
                s.output_type_id,
                s.output_quantity as f64,
                &[],
            );
        } else {
            b.route(
                factory,
                pad,
                s.output_type_id,
                s.output_quantity as f64,
                &[storage],
            );
        }
    }
    b.build(last_update_ms)
}

/// The P1 schematic that refines `p0` (each P0 has exactly one).
pub fn refining_schematic(p0: i64) -> Option<i64> {
    planetary()
        .schematics
        .values()
        .find(|s| s.inputs.len() == 1 && s.inputs[0].0 == p0)
        .map(|s| s.schematic_id)
}
