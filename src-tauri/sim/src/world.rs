//! The seeded EVE world the simulator serves: characters on accounts, a corporation,
//! skills, queues, industry jobs, roles, planetary colonies and online flips on a schedule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::colony::{planets, refining_schematic, SOLAR_SYSTEM_TABLE};
pub use crate::colony::{
    standard_colony, Colony, ColonyBuilder, Content, ExtractorPlan, Planet, PLANET_TABLE,
};
use crate::sde::planetary;

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;
pub const MINUTE_MS: i64 = 60_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Character {
    pub id: i64,
    pub name: String,
    pub corporation_id: i64,
    /// Stands for the EVE account: the SSO `owner` hash changes when this does.
    pub owner_hash: String,
    pub online: bool,
    pub last_login_ms: i64,
    pub last_logout_ms: i64,
    pub logins: i64,
    pub birthday_ms: i64,
    pub roles: Vec<String>,
    pub skills: Vec<Skill>,
    pub unallocated_sp: Option<i64>,
    pub queue: Vec<QueueEntry>,
    pub jobs: Vec<Job>,
    /// Planetary colonies, one per planet.
    #[serde(default)]
    pub colonies: Vec<Colony>,
    #[serde(default)]
    pub attributes: Attributes,
    #[serde(default)]
    pub clones: Clones,
    /// Market orders, open and ended (ESI lists the open ones on `/orders/` and the ended
    /// ones of the last 90 days on `/orders/history/`).
    #[serde(default)]
    pub orders: Vec<MarketOrder>,
}

/// A contract in the world, with its items.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contract {
    pub contract_id: i64,
    /// `item_exchange`, `auction`, `courier`, `loan`.
    pub kind: String,
    /// `outstanding`, `in_progress`, `finished`, `cancelled`, `deleted`, ...
    pub status: String,
    pub title: String,
    pub issuer_id: i64,
    pub issuer_corporation_id: i64,
    pub assignee_id: i64,
    pub acceptor_id: i64,
    pub for_corporation: bool,
    pub issued_ms: i64,
    pub expires_ms: i64,
    pub accepted_ms: Option<i64>,
    pub completed_ms: Option<i64>,
    pub days_to_complete: i64,
    pub start_location_id: i64,
    pub end_location_id: i64,
    pub price: f64,
    pub reward: f64,
    pub collateral: f64,
    pub volume: f64,
    /// (type id, quantity, the issuer gives it).
    pub items: Vec<(i64, i64, bool)>,
}

impl Contract {
    /// An outstanding public item exchange Aura issued at Jita 4-4 `age_ms` ago, for two
    /// weeks.
    pub fn item_exchange(contract_id: i64, issuer_id: i64, issued_ms: i64, price: f64) -> Self {
        Self {
            contract_id,
            kind: "item_exchange".into(),
            status: "outstanding".into(),
            title: String::new(),
            issuer_id,
            issuer_corporation_id: CORP_BRAVE,
            assignee_id: 0,
            acceptor_id: 0,
            for_corporation: false,
            issued_ms,
            expires_ms: issued_ms + 14 * DAY_MS,
            accepted_ms: None,
            completed_ms: None,
            days_to_complete: 0,
            start_location_id: JITA_4_4,
            end_location_id: JITA_4_4,
            price,
            reward: 0.0,
            collateral: 0.0,
            volume: 10.0,
            items: Vec::new(),
        }
    }
}

/// A market order in the world.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarketOrder {
    pub order_id: i64,
    pub type_id: i64,
    pub location_id: i64,
    pub region_id: i64,
    pub is_buy: bool,
    pub price: f64,
    pub volume_total: i64,
    pub volume_remain: i64,
    pub issued_ms: i64,
    pub duration_days: i64,
    /// `station`, `solarsystem`, `region` or a number of jumps.
    pub range: String,
    pub is_corporation: bool,
    /// `None` while open (until it expires); `cancelled`, or `expired` once filled.
    pub closed: Option<String>,
}

impl MarketOrder {
    pub fn expires_ms(&self) -> i64 {
        self.issued_ms + self.duration_days * DAY_MS
    }

    pub fn is_open(&self, now_ms: i64) -> bool {
        self.closed.is_none() && self.expires_ms() > now_ms
    }

    /// A sell order at Jita 4-4 (The Forge) issued `age_ms` ago for `duration_days`.
    pub fn sell(order_id: i64, type_id: i64, price: f64, total: i64, remain: i64) -> Self {
        Self {
            order_id,
            type_id,
            location_id: JITA_4_4,
            region_id: THE_FORGE,
            is_buy: false,
            price,
            volume_total: total,
            volume_remain: remain,
            issued_ms: 0,
            duration_days: 90,
            range: "region".into(),
            is_corporation: false,
            closed: None,
        }
    }
}

/// A character's clones (home station, jump clones, active implants) and jump fatigue.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Clones {
    pub home_location_id: Option<i64>,
    pub jump_clones: Vec<JumpClone>,
    /// Absent for a character who never jumped clones.
    pub last_clone_jump_ms: Option<i64>,
    pub last_station_change_ms: Option<i64>,
    /// The active clone's implants (type ids).
    pub implants: Vec<i64>,
    /// Absent for a character with no jump fatigue ever.
    pub fatigue_expires_ms: Option<i64>,
    pub last_jump_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JumpClone {
    pub jump_clone_id: i64,
    pub location_id: i64,
    pub implants: Vec<i64>,
}

/// A character's attributes (with implants, as ESI reports them) and neural remaps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attributes {
    pub charisma: i64,
    pub intelligence: i64,
    pub memory: i64,
    pub perception: i64,
    pub willpower: i64,
    pub bonus_remaps: i64,
    /// Absent for a character that never remapped.
    pub last_remap_ms: Option<i64>,
    /// When the yearly remap is available again; absent as `last_remap_ms`.
    pub accrued_remap_cooldown_ms: Option<i64>,
}

impl Default for Attributes {
    /// A new character's: 17 in each and 14 points spread, never remapped.
    fn default() -> Self {
        Self {
            charisma: 19,
            intelligence: 20,
            memory: 20,
            perception: 20,
            willpower: 20,
            bonus_remaps: 2,
            last_remap_ms: None,
            accrued_remap_cooldown_ms: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Skill {
    pub skill_id: i64,
    pub skillpoints_in_skill: i64,
    pub trained_skill_level: i64,
    pub active_skill_level: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueueEntry {
    pub skill_id: i64,
    pub finished_level: i64,
    pub start_ms: Option<i64>,
    pub finish_ms: Option<i64>,
    pub level_start_sp: i64,
    pub level_end_sp: i64,
    pub training_start_sp: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub job_id: i64,
    pub installer_id: i64,
    pub activity_id: i64,
    pub blueprint_id: i64,
    pub blueprint_type_id: i64,
    pub product_type_id: i64,
    pub runs: i64,
    pub start_ms: i64,
    pub end_ms: i64,
    /// `active`, `cancelled`, `delivered`, `paused`, `ready`, `reverted`.
    pub status: String,
    pub facility_id: i64,
    pub cost: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Corporation {
    pub id: i64,
    pub name: String,
    pub jobs: Vec<Job>,
}

/// A character's `online` changing at an instant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OnlineFlip {
    pub at_ms: i64,
    pub character_id: i64,
    pub online: bool,
}

/// A player restarting a colony's extraction programs at an instant (the demo's script).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColonyReset {
    pub at_ms: i64,
    pub character_id: i64,
    pub planet_id: i64,
    pub hours: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct World {
    pub characters: BTreeMap<i64, Character>,
    pub corporations: BTreeMap<i64, Corporation>,
    /// id → (category, name) for `POST /universe/names`.
    pub names: BTreeMap<i64, (String, String)>,
    pub online_schedule: Vec<OnlineFlip>,
    /// Planets by id, for `GET /universe/planets/{planet_id}` (colonies are on these).
    #[serde(default)]
    pub planets: BTreeMap<i64, Planet>,
    #[serde(default)]
    pub colony_resets: Vec<ColonyReset>,
    /// Contracts between characters (each character's route lists those it issued,
    /// accepted or was assigned).
    #[serde(default)]
    pub contracts: Vec<Contract>,
    pub server_start_ms: i64,
    pub players: i64,
}

pub const JITA_4_4: i64 = 60_003_760;
pub const AMARR_VIII: i64 = 60_008_494;
pub const DODIXIE_IX: i64 = 60_011_866;
/// The Forge, Jita's region.
pub const THE_FORGE: i64 = 10_000_002;
/// Aura's orders: a Rifter sell order expiring 4 hours after the start, a Tritanium buy
/// order, and a Damage Control I sell order with one left.
pub const AURA_RIFTER_ORDER: i64 = 6_500_000_001;
pub const AURA_TRITANIUM_ORDER: i64 = 6_500_000_002;
pub const AURA_DAMAGE_CONTROL_ORDER: i64 = 6_500_000_003;
/// A pilot outside the linked ones who trades with Aura.
pub const TESS: i64 = 2_112_500_001;
/// Aura's contracts: three Rifters on offer (expiring 20 hours after the start), a
/// courier she accepted (due 4 hours after the start), an item exchange she sold three
/// days ago, a gift assigned to her, one she deleted and one that expired two days ago
/// (still `outstanding`, as ESI says).
pub const AURA_RIFTERS_CONTRACT: i64 = 7_100_000_001;
pub const AURA_COURIER_CONTRACT: i64 = 7_100_000_002;
pub const AURA_SOLD_CONTRACT: i64 = 7_100_000_003;
pub const AURA_GIFT_CONTRACT: i64 = 7_100_000_004;
pub const AURA_DELETED_CONTRACT: i64 = 7_100_000_005;
pub const AURA_EXPIRED_CONTRACT: i64 = 7_100_000_006;
pub const CORP_BRAVE: i64 = 98_700_001;
pub const CORP_SOLO: i64 = 98_700_002;
/// An NPC corporation (CCP's id range 1,000,000–1,999,999): a starter corporation
/// characters return to when they leave a player corporation.
pub const NPC_CORP: i64 = 1_000_044;
pub const AURA: i64 = 2_112_000_001;
pub const BRAKK: i64 = 2_112_000_002;
pub const CORA: i64 = 2_112_000_003;
/// The first id of [`World::crowd`]'s characters.
pub const CROWD_FIRST: i64 = 2_113_000_000;

/// Aura's barren colony (2 extractors ending 45 minutes after the world's start; in the
/// demo, 3 minutes).
pub const AURA_BARREN: i64 = 40_023_697;
/// Aura's plasma colony (extraction ends 4 hours after the start; demo: 40 minutes).
pub const AURA_PLASMA: i64 = 40_023_691;
/// Aura's lava colony, on B17O-R I (extraction ended 2 hours before the start).
pub const AURA_LAVA: i64 = 40_290_111;
/// Brakk's gas colony, on Akpivem III (one extractor ends 24 hours after the start, demo:
/// 90 minutes; the other is stopped: heads only).
pub const BRAKK_GAS: i64 = 40_000_046;
/// Cora's colonies, in the demo only: 49-U6U I (lava, ends at +12 minutes) and 49-U6U VIII
/// (gas, ends at +5 hours).
pub const CORA_LAVA: i64 = 40_253_780;
pub const CORA_GAS: i64 = 40_253_806;

// P0 resources the seeded colonies extract (CCP's type ids; names in the static data).
const BASE_METALS: i64 = 2267;
const AQUEOUS_LIQUIDS: i64 = 2268;
const NOBLE_METALS: i64 = 2270;
const FELSIC_MAGMA: i64 = 2307;
const SUSPENDED_PLASMA: i64 = 2308;
const IONIC_SOLUTIONS: i64 = 2309;
const REACTIVE_GAS: i64 = 2311;
// Schematics: Water, Plasmoids, Electrolytes, Reactive Metals, Precious Metals, Silicon
// (P1) and Mechanical Parts (P2).
const WATER: i64 = 121;
const PLASMOIDS: i64 = 122;
const ELECTROLYTES: i64 = 123;
const REACTIVE_METALS: i64 = 126;
const PRECIOUS_METALS: i64 = 127;
const SILICON: i64 = 130;
const MECHANICAL_PARTS: i64 = 73;

/// A small built-in table of real names (skills, ships, blueprints, a station), as CCP's
/// static data export names them.
const NAMES: &[(i64, &str, &str)] = &[
    (3300, "inventory_type", "Gunnery"),
    (3301, "inventory_type", "Small Hybrid Turret"),
    (3327, "inventory_type", "Spaceship Command"),
    (3386, "inventory_type", "Mining"),
    (3402, "inventory_type", "Science"),
    (3413, "inventory_type", "Power Grid Management"),
    (3387, "inventory_type", "Mass Production"),
    (3406, "inventory_type", "Laboratory Operation"),
    (3426, "inventory_type", "CPU Management"),
    (3436, "inventory_type", "Drones"),
    (3449, "inventory_type", "Navigation"),
    (691, "inventory_type", "Rifter Blueprint"),
    (587, "inventory_type", "Rifter"),
    (1137, "inventory_type", "Antimatter Charge S Blueprint"),
    (222, "inventory_type", "Antimatter Charge S"),
    (2047, "inventory_type", "Damage Control I Blueprint"),
    (2046, "inventory_type", "Damage Control I"),
    (12345, "inventory_type", "200mm Railgun I Blueprint"),
    (12344, "inventory_type", "200mm Railgun I"),
    (
        JITA_4_4,
        "station",
        "Jita IV - Moon 4 - Caldari Navy Assembly Plant",
    ),
    (30_000_142, "solar_system", "Jita"),
    (AMARR_VIII, "station", "Amarr VIII - Emperor Family Academy"),
    (
        DODIXIE_IX,
        "station",
        "Dodixie IX - Moon 20 - Federation Navy Assembly Plant",
    ),
    (34, "inventory_type", "Tritanium"),
    (TESS, "character", "Tess Harlow"),
    (9899, "inventory_type", "Ocular Filter - Basic"),
    (9941, "inventory_type", "Memory Augmentation - Basic"),
    (9942, "inventory_type", "Neural Boost - Basic"),
    (9943, "inventory_type", "Cybernetic Subprocessor - Basic"),
    (24242, "inventory_type", "Infomorph Psychology"),
    (33399, "inventory_type", "Infomorph Synchronizing"),
    (NPC_CORP, "corporation", "School of Applied Knowledge"),
];

fn skill(skill_id: i64, level: i64) -> Skill {
    let sp = [0, 250, 1_415, 8_000, 45_255, 256_000][level as usize];
    Skill {
        skill_id,
        skillpoints_in_skill: sp,
        trained_skill_level: level,
        active_skill_level: level,
    }
}

impl World {
    /// Three characters on two accounts; Aura (Factory_Manager) and Brakk (no roles) in
    /// Brave Industries, Cora alone in her own corporation. Queues and jobs end at
    /// offsets from `now_ms`; Brakk comes online in 10 minutes.
    pub fn seeded(now_ms: i64) -> Self {
        let mut w = World {
            server_start_ms: now_ms - 5 * HOUR_MS,
            players: 23_456,
            ..Default::default()
        };
        for (id, category, name) in NAMES {
            w.names.insert(*id, ((*category).into(), (*name).into()));
        }
        // The planetary types by their static-data names, and the planets' systems.
        let sde = planetary();
        let types = sde
            .commodities
            .values()
            .map(|c| (c.type_id, c.name))
            .chain(sde.pin_types.values().map(|p| (p.type_id, p.name)));
        for (id, name) in types {
            w.names
                .entry(id)
                .or_insert_with(|| ("inventory_type".into(), name.into()));
        }
        for (id, name) in SOLAR_SYSTEM_TABLE {
            w.names
                .entry(*id)
                .or_insert_with(|| ("solar_system".into(), (*name).into()));
        }
        w.planets = planets().into_iter().map(|p| (p.planet_id, p)).collect();
        let base = |id: i64, name: &str, corp: i64, owner: &str, online: bool| Character {
            id,
            name: name.into(),
            corporation_id: corp,
            owner_hash: owner.into(),
            online,
            last_login_ms: now_ms - 2 * HOUR_MS,
            last_logout_ms: now_ms - 26 * HOUR_MS,
            logins: 420,
            birthday_ms: now_ms - 3 * 365 * 24 * HOUR_MS,
            roles: vec![],
            skills: vec![
                skill(3300, 4),
                skill(3327, 3),
                skill(3449, 4),
                skill(3402, 3),
            ],
            unallocated_sp: None,
            queue: vec![],
            jobs: vec![],
            colonies: vec![],
            attributes: Attributes::default(),
            clones: Clones::default(),
            orders: vec![],
        };

        let mut aura = base(AURA, "Aura Vexx", CORP_BRAVE, "sim-owner-account-a", true);
        aura.roles = vec!["Factory_Manager".into()];
        // Mass Production IV and Laboratory Operation II: five manufacturing slots and
        // three science slots; Infomorph Psychology III and Infomorph Synchronizing II:
        // three jump clones, 22 h between clone jumps.
        aura.skills.extend([
            skill(3387, 4),
            skill(3406, 2),
            skill(24242, 3),
            skill(33399, 2),
        ]);
        // Jumped clones 20 h ago (the next jump in 2 h), two jump clones; jumped a
        // capital 30 min ago: fatigue for 4 h more.
        aura.clones = Clones {
            home_location_id: Some(JITA_4_4),
            jump_clones: vec![
                JumpClone {
                    jump_clone_id: 7_001,
                    location_id: AMARR_VIII,
                    implants: vec![9899, 9941],
                },
                JumpClone {
                    jump_clone_id: 7_002,
                    location_id: DODIXIE_IX,
                    implants: vec![],
                },
            ],
            last_clone_jump_ms: Some(now_ms - 20 * HOUR_MS),
            last_station_change_ms: Some(now_ms - 40 * DAY_MS),
            implants: vec![9942, 9943],
            fatigue_expires_ms: Some(now_ms + 4 * HOUR_MS),
            last_jump_ms: Some(now_ms - 30 * MINUTE_MS),
        };
        aura.unallocated_sp = Some(12_000);
        w.contracts = vec![
            Contract {
                title: "3 Rifters".into(),
                expires_ms: now_ms + 20 * HOUR_MS,
                items: vec![(587, 3, true)],
                ..Contract::item_exchange(
                    AURA_RIFTERS_CONTRACT,
                    AURA,
                    now_ms - 5 * DAY_MS,
                    1_500_000.0,
                )
            },
            Contract {
                kind: "courier".into(),
                status: "in_progress".into(),
                issuer_id: TESS,
                acceptor_id: AURA,
                accepted_ms: Some(now_ms + 4 * HOUR_MS - 3 * DAY_MS),
                days_to_complete: 3,
                end_location_id: AMARR_VIII,
                price: 0.0,
                reward: 25_000_000.0,
                collateral: 300_000_000.0,
                volume: 12_000.0,
                ..Contract::item_exchange(AURA_COURIER_CONTRACT, TESS, now_ms - 4 * DAY_MS, 0.0)
            },
            Contract {
                status: "finished".into(),
                acceptor_id: TESS,
                accepted_ms: Some(now_ms - 3 * DAY_MS),
                completed_ms: Some(now_ms - 3 * DAY_MS),
                items: vec![(2046, 10, true)],
                ..Contract::item_exchange(AURA_SOLD_CONTRACT, AURA, now_ms - 6 * DAY_MS, 610_000.0)
            },
            Contract {
                title: "Gift".into(),
                assignee_id: AURA,
                items: vec![(34, 10_000, true)],
                ..Contract::item_exchange(AURA_GIFT_CONTRACT, TESS, now_ms - DAY_MS, 0.0)
            },
            Contract {
                status: "deleted".into(),
                ..Contract::item_exchange(AURA_DELETED_CONTRACT, AURA, now_ms - 8 * DAY_MS, 5.0)
            },
            Contract {
                expires_ms: now_ms - 2 * DAY_MS,
                items: vec![(222, 5_000, true)],
                ..Contract::item_exchange(
                    AURA_EXPIRED_CONTRACT,
                    AURA,
                    now_ms - 16 * DAY_MS,
                    150_000.0,
                )
            },
        ];
        aura.orders = vec![
            MarketOrder {
                issued_ms: now_ms + 4 * HOUR_MS - 90 * DAY_MS,
                ..MarketOrder::sell(AURA_RIFTER_ORDER, 587, 449_900.0, 10, 4)
            },
            MarketOrder {
                is_buy: true,
                issued_ms: now_ms - 10 * DAY_MS,
                range: "station".into(),
                ..MarketOrder::sell(AURA_TRITANIUM_ORDER, 34, 3.92, 1_000_000, 250_000)
            },
            MarketOrder {
                issued_ms: now_ms - 60 * DAY_MS,
                location_id: AMARR_VIII,
                region_id: 10_000_043,
                ..MarketOrder::sell(AURA_DAMAGE_CONTROL_ORDER, 2046, 61_000.0, 50, 1)
            },
            // Cancelled a week ago: history only.
            MarketOrder {
                issued_ms: now_ms - 12 * DAY_MS,
                closed: Some("cancelled".into()),
                ..MarketOrder::sell(6_499_999_990, 222, 31.5, 20_000, 20_000)
            },
        ];
        // Remapped for Intelligence/Memory 200 days ago: the yearly remap in 165 days.
        aura.attributes = Attributes {
            charisma: 17,
            intelligence: 27,
            memory: 21,
            perception: 17,
            willpower: 17,
            bonus_remaps: 1,
            last_remap_ms: Some(now_ms - 200 * DAY_MS),
            accrued_remap_cooldown_ms: Some(now_ms + 165 * DAY_MS),
        };
        aura.queue = vec![
            QueueEntry {
                skill_id: 3301,
                finished_level: 4,
                start_ms: Some(now_ms - HOUR_MS),
                finish_ms: Some(now_ms + 3 * HOUR_MS),
                level_start_sp: 8_000,
                level_end_sp: 45_255,
                training_start_sp: 12_000,
            },
            QueueEntry {
                skill_id: 3413,
                finished_level: 5,
                start_ms: Some(now_ms + 3 * HOUR_MS),
                finish_ms: Some(now_ms + 30 * HOUR_MS),
                level_start_sp: 45_255,
                level_end_sp: 256_000,
                training_start_sp: 45_255,
            },
        ];
        aura.jobs = vec![
            job(
                500_000_001,
                AURA,
                691,
                587,
                10,
                now_ms - HOUR_MS,
                now_ms + 2 * MINUTE_MS,
            ),
            job(
                500_000_002,
                AURA,
                2047,
                2046,
                5,
                now_ms - HOUR_MS,
                now_ms + 6 * HOUR_MS,
            ),
        ];

        aura.colonies = vec![
            w.aura_barren(now_ms + 45 * MINUTE_MS),
            w.aura_plasma(now_ms + 4 * HOUR_MS, now_ms - 20 * HOUR_MS),
            w.aura_lava(now_ms - 2 * HOUR_MS),
        ];

        let mut brakk = base(
            BRAKK,
            "Brakk Tollan",
            CORP_BRAVE,
            "sim-owner-account-a",
            false,
        );
        brakk.queue = vec![QueueEntry {
            skill_id: 3386,
            finished_level: 3,
            start_ms: Some(now_ms - 3 * HOUR_MS),
            finish_ms: Some(now_ms + 20 * MINUTE_MS),
            level_start_sp: 1_415,
            level_end_sp: 8_000,
            training_start_sp: 1_415,
        }];
        brakk.colonies = vec![w.brakk_gas(now_ms + 24 * HOUR_MS, now_ms - 48 * HOUR_MS)];

        let mut cora = base(CORA, "Cora Maelis", CORP_SOLO, "sim-owner-account-b", false);
        cora.jobs = vec![job(
            500_000_003,
            CORA,
            1137,
            222,
            100,
            now_ms - 10 * MINUTE_MS,
            now_ms - MINUTE_MS,
        )];

        for c in [aura, brakk, cora] {
            w.names.insert(c.id, ("character".into(), c.name.clone()));
            w.characters.insert(c.id, c);
        }
        w.corporations.insert(
            CORP_BRAVE,
            Corporation {
                id: CORP_BRAVE,
                name: "Brave Industries".into(),
                jobs: vec![job(
                    500_000_101,
                    AURA,
                    12345,
                    12344,
                    20,
                    now_ms - HOUR_MS,
                    now_ms + 5 * MINUTE_MS,
                )],
            },
        );
        w.corporations.insert(
            CORP_SOLO,
            Corporation {
                id: CORP_SOLO,
                name: "Maelis Holdings".into(),
                jobs: vec![],
            },
        );
        for corp in w.corporations.values() {
            w.names
                .insert(corp.id, ("corporation".into(), corp.name.clone()));
        }
        w.online_schedule.push(OnlineFlip {
            at_ms: now_ms + 10 * MINUTE_MS,
            character_id: BRAKK,
            online: true,
        });
        w
    }

    /// The demo's world: the seeded one, plus a research job ending soon and someone
    /// logging in or out every few minutes for the next day.
    pub fn demo(now_ms: i64) -> Self {
        let mut w = Self::seeded(now_ms);
        if let Some(cora) = w.characters.get_mut(&CORA) {
            let mut research = job(
                500_000_004,
                CORA,
                691,
                691,
                1,
                now_ms - 2 * HOUR_MS,
                now_ms + 12 * MINUTE_MS,
            );
            research.activity_id = 4;
            cora.jobs.push(research);
        }
        // Extractors stop over the first minutes and hours, so warnings show; some
        // players restart theirs a little later.
        let aura = vec![
            w.aura_barren(now_ms + 3 * MINUTE_MS),
            w.aura_plasma(now_ms + 40 * MINUTE_MS, now_ms - 6 * HOUR_MS),
            w.aura_lava(now_ms - 2 * HOUR_MS),
        ];
        let brakk = vec![w.brakk_gas(now_ms + 90 * MINUTE_MS, now_ms - 48 * HOUR_MS)];
        let cora = vec![
            w.cora_lava(now_ms + 12 * MINUTE_MS),
            w.cora_gas(now_ms + 5 * HOUR_MS),
        ];
        for (id, colonies) in [(AURA, aura), (BRAKK, brakk), (CORA, cora)] {
            if let Some(c) = w.characters.get_mut(&id) {
                c.colonies = colonies;
            }
        }
        w.colony_resets = vec![
            ColonyReset {
                at_ms: now_ms + 15 * MINUTE_MS,
                character_id: AURA,
                planet_id: AURA_BARREN,
                hours: 2.0,
            },
            ColonyReset {
                at_ms: now_ms + 30 * MINUTE_MS,
                character_id: CORA,
                planet_id: CORA_LAVA,
                hours: 24.0,
            },
            ColonyReset {
                at_ms: now_ms + 2 * HOUR_MS,
                character_id: BRAKK,
                planet_id: BRAKK_GAS,
                hours: 72.0,
            },
        ];
        w.online_schedule.clear();
        let mut online: BTreeMap<i64, bool> =
            w.characters.values().map(|c| (c.id, c.online)).collect();
        let order = [BRAKK, CORA, AURA, BRAKK, CORA];
        for step in 1..=(24 * 60 / 4) {
            let character_id = order[step as usize % order.len()];
            let now_online = online.entry(character_id).or_default();
            *now_online = !*now_online;
            w.online_schedule.push(OnlineFlip {
                at_ms: now_ms + step * 4 * MINUTE_MS,
                character_id,
                online: *now_online,
            });
        }
        w
    }

    /// `n` characters (ids from [`CROWD_FIRST`]) in one corporation, for the proofs: the
    /// first holds Factory_Manager; each has long skill queues (none runs dry within
    /// two days) and two personal jobs ending at spread-out times over the next day; the
    /// corporation has one job per five members. Deterministic: the same `n` and `now_ms`
    /// give the same world, so two clients can be compared on it.
    pub fn crowd(now_ms: i64, n: i64) -> Self {
        let mut w = Self::seeded(now_ms);
        w.characters.clear();
        w.online_schedule.clear();
        w.contracts.clear();
        w.corporations.retain(|id, _| *id == CORP_BRAVE);
        let corp = w
            .corporations
            .get_mut(&CORP_BRAVE)
            .expect("seeded corporation");
        corp.jobs.clear();
        for i in 0..n {
            let id = CROWD_FIRST + i;
            let c = Character {
                id,
                name: format!("Crowd Pilot {i}"),
                corporation_id: CORP_BRAVE,
                owner_hash: format!("sim-owner-crowd-{}", i / 3),
                online: i % 4 == 0,
                last_login_ms: now_ms - 2 * HOUR_MS,
                last_logout_ms: now_ms - 26 * HOUR_MS,
                logins: 100 + i,
                birthday_ms: now_ms - 2 * 365 * 24 * HOUR_MS,
                roles: if i == 0 {
                    vec!["Factory_Manager".into()]
                } else {
                    vec![]
                },
                skills: vec![skill(3300, 4), skill(3327, 3), skill(3449, 4)],
                unallocated_sp: None,
                queue: vec![QueueEntry {
                    skill_id: 3413,
                    finished_level: 5,
                    start_ms: Some(now_ms - HOUR_MS),
                    finish_ms: Some(now_ms + 50 * HOUR_MS + spread(i, 1, 10 * HOUR_MS)),
                    level_start_sp: 45_255,
                    level_end_sp: 256_000,
                    training_start_sp: 45_255,
                }],
                jobs: (0..2)
                    .map(|k| {
                        job(
                            600_000_000 + i * 10 + k,
                            id,
                            691,
                            587,
                            1 + k,
                            now_ms - HOUR_MS,
                            now_ms + 10 * MINUTE_MS + spread(i, k, 24 * HOUR_MS),
                        )
                    })
                    .collect(),
                colonies: vec![],
                attributes: Attributes::default(),
                clones: Clones::default(),
                orders: vec![],
            };
            if i % 5 == 0 {
                corp.jobs.push(job(
                    610_000_000 + i,
                    id,
                    12345,
                    12344,
                    20,
                    now_ms - HOUR_MS,
                    now_ms + 30 * MINUTE_MS + spread(i, 7, 24 * HOUR_MS),
                ));
            }
            // Each pilot logs in and out a few times over the day.
            for k in 0..3 {
                let at = now_ms + spread(i, 11 + k, 24 * HOUR_MS);
                w.online_schedule.push(OnlineFlip {
                    at_ms: at,
                    character_id: id,
                    online: k % 2 == 0,
                });
            }
            w.names.insert(id, ("character".into(), c.name.clone()));
            w.characters.insert(id, c);
        }
        w.online_schedule.sort_by_key(|f| f.at_ms);
        w
    }

    /// Gives the first `n` characters (by id) one colony each, deterministically: every
    /// planet of the table in turn, one extractor on a 1-to-14-day program ending at a
    /// spread-out time over the next day, and the factory refining what it extracts.
    /// For [`World::crowd`]: `World::crowd(now, 300).with_colonies(now, 100)`.
    pub fn with_colonies(mut self, now_ms: i64, n: usize) -> Self {
        let planets: Vec<Planet> = self.planets.values().cloned().collect();
        if planets.is_empty() {
            return self;
        }
        let ids: Vec<i64> = self.characters.keys().copied().take(n).collect();
        for (i, id) in ids.into_iter().enumerate() {
            let i = i as i64;
            let planet = &planets[i as usize % planets.len()];
            let resources = &planetary().planet_types[&planet.type_id].resources;
            let product = resources[spread(i, 17, resources.len() as i64) as usize];
            let hours = [24.0, 48.0, 72.0, 168.0, 336.0][i as usize % 5];
            let expiry = now_ms + 10 * MINUTE_MS + spread(i, 13, 24 * HOUR_MS);
            let plan = ExtractorPlan::ending(product, expiry, hours, 1 + (i as usize % 10));
            let colony = standard_colony(
                planet,
                i % 6,
                1_047_000_000_000 + i * 100,
                plan.install_ms,
                &[plan],
                &refining_schematic(product).into_iter().collect::<Vec<_>>(),
            );
            if let Some(c) = self.characters.get_mut(&id) {
                c.colonies.push(colony);
            }
        }
        self
    }

    fn planet(&self, planet_id: i64) -> &Planet {
        self.planets
            .get(&planet_id)
            .unwrap_or_else(|| panic!("planet {planet_id} is in the simulator's table"))
    }

    /// Two extractors (Base Metals, Noble Metals) on 24-hour programs ending at
    /// `expiry_ms`; Reactive and Precious Metals refined into Mechanical Parts.
    fn aura_barren(&self, expiry_ms: i64) -> Colony {
        let plans = [
            ExtractorPlan::ending(BASE_METALS, expiry_ms, 24.0, 5),
            ExtractorPlan::ending(NOBLE_METALS, expiry_ms, 24.0, 4),
        ];
        standard_colony(
            self.planet(AURA_BARREN),
            4,
            1_046_238_200_000,
            plans[0].install_ms,
            &plans,
            &[REACTIVE_METALS, PRECIOUS_METALS, MECHANICAL_PARTS],
        )
    }

    /// Suspended Plasma on a 48-hour program ending at `expiry_ms`, refined into
    /// Plasmoids; goods moved (recalculated) at `last_update_ms`.
    fn aura_plasma(&self, expiry_ms: i64, last_update_ms: i64) -> Colony {
        let plan = ExtractorPlan::ending(SUSPENDED_PLASMA, expiry_ms, 48.0, 6);
        standard_colony(
            self.planet(AURA_PLASMA),
            3,
            1_046_238_200_100,
            last_update_ms.max(plan.install_ms),
            &[plan],
            &[PLASMOIDS],
        )
    }

    /// Felsic Magma on a 72-hour program ending at `expiry_ms`, refined into Silicon.
    fn aura_lava(&self, expiry_ms: i64) -> Colony {
        let plan = ExtractorPlan::ending(FELSIC_MAGMA, expiry_ms, 72.0, 3);
        standard_colony(
            self.planet(AURA_LAVA),
            2,
            1_046_238_200_200,
            plan.install_ms,
            &[plan],
            &[SILICON],
        )
    }

    /// Aqueous Liquids on a 14-day program ending at `expiry_ms`, refined into Water; a
    /// second extractor (Reactive Gas) was stopped at `stopped_ms`: heads only, its route
    /// still there.
    fn brakk_gas(&self, expiry_ms: i64, stopped_ms: i64) -> Colony {
        let plans = [
            ExtractorPlan::ending(AQUEOUS_LIQUIDS, expiry_ms, 336.0, 2),
            ExtractorPlan::ending(REACTIVE_GAS, stopped_ms + 36 * HOUR_MS, 72.0, 3),
        ];
        let mut colony = standard_colony(
            self.planet(BRAKK_GAS),
            3,
            1_046_238_200_300,
            stopped_ms,
            &plans,
            &[WATER],
        );
        let stopped = colony.extractors().nth(1).map(|p| p.pin_id);
        if let Some(stopped) = stopped {
            colony.clear_program(stopped);
        }
        colony
    }

    /// Suspended Plasma on a 48-hour program ending at `expiry_ms`, refined into
    /// Plasmoids.
    fn cora_lava(&self, expiry_ms: i64) -> Colony {
        let plan = ExtractorPlan::ending(SUSPENDED_PLASMA, expiry_ms, 48.0, 8);
        standard_colony(
            self.planet(CORA_LAVA),
            4,
            1_046_238_200_400,
            plan.install_ms,
            &[plan],
            &[PLASMOIDS],
        )
    }

    /// Ionic Solutions on a 24-hour program ending at `expiry_ms`, refined into
    /// Electrolytes.
    fn cora_gas(&self, expiry_ms: i64) -> Colony {
        let plan = ExtractorPlan::ending(IONIC_SOLUTIONS, expiry_ms, 24.0, 4);
        standard_colony(
            self.planet(CORA_GAS),
            3,
            1_046_238_200_500,
            plan.install_ms,
            &[plan],
            &[ELECTROLYTES],
        )
    }

    /// A character's colony on a planet.
    pub fn colony(&self, character_id: i64, planet_id: i64) -> Option<&Colony> {
        self.characters
            .get(&character_id)?
            .colonies
            .iter()
            .find(|c| c.planet_id == planet_id)
    }

    pub fn colony_mut(&mut self, character_id: i64, planet_id: i64) -> Option<&mut Colony> {
        self.characters
            .get_mut(&character_id)?
            .colonies
            .iter_mut()
            .find(|c| c.planet_id == planet_id)
    }

    /// Serve (or not) the spec's `factory_details` on every factory of every colony.
    pub fn set_factory_details(&mut self, on: bool) {
        for c in self.characters.values_mut() {
            for colony in &mut c.colonies {
                colony.set_factory_details(on);
            }
        }
    }

    fn order_mut(&mut self, character_id: i64, order_id: i64) -> Option<&mut MarketOrder> {
        self.characters
            .get_mut(&character_id)?
            .orders
            .iter_mut()
            .find(|o| o.order_id == order_id)
    }

    /// The order's last units bought or sold: it leaves the open list, and the history
    /// says `expired` with nothing remaining (the spec's states are only `cancelled` and
    /// `expired`).
    pub fn fill_order(&mut self, character_id: i64, order_id: i64) {
        if let Some(o) = self.order_mut(character_id, order_id) {
            o.volume_remain = 0;
            o.closed = Some("expired".into());
        }
    }

    pub fn cancel_order(&mut self, character_id: i64, order_id: i64) {
        if let Some(o) = self.order_mut(character_id, order_id) {
            o.closed = Some("cancelled".into());
        }
    }

    /// A contract accepted in game: an item exchange is done at once, a courier is in
    /// progress until delivered.
    pub fn accept_contract(&mut self, contract_id: i64, acceptor_id: i64, at_ms: i64) {
        if let Some(c) = self
            .contracts
            .iter_mut()
            .find(|c| c.contract_id == contract_id)
        {
            c.acceptor_id = acceptor_id;
            c.accepted_ms = Some(at_ms);
            if c.kind == "courier" {
                c.status = "in_progress".into();
            } else {
                c.status = "finished".into();
                c.completed_ms = Some(at_ms);
            }
        }
    }

    /// Applies the scheduled online flips and colony resets that are due.
    pub fn advance_to(&mut self, now_ms: i64) {
        let (resets, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.colony_resets)
            .into_iter()
            .partition(|r| r.at_ms <= now_ms);
        self.colony_resets = later;
        for r in resets {
            if let Some(colony) = self.colony_mut(r.character_id, r.planet_id) {
                colony.reset_extractors(r.at_ms, r.hours);
            }
        }
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.online_schedule)
            .into_iter()
            .partition(|f| f.at_ms <= now_ms);
        self.online_schedule = later;
        for flip in due {
            if let Some(c) = self.characters.get_mut(&flip.character_id) {
                if c.online != flip.online {
                    c.online = flip.online;
                    c.logins += i64::from(flip.online);
                    if flip.online {
                        c.last_login_ms = flip.at_ms;
                    } else {
                        c.last_logout_ms = flip.at_ms;
                    }
                }
            }
        }
    }
}

/// A spread without a random source: a multiplicative hash of an index.
fn spread(i: i64, k: i64, range: i64) -> i64 {
    (i * 7_919 + k * 104_729 + 1)
        .wrapping_mul(2_654_435_761)
        .rem_euclid(range)
}

/// A manufacturing job, active, at Jita 4-4.
pub fn job(
    job_id: i64,
    installer_id: i64,
    blueprint_type_id: i64,
    product_type_id: i64,
    runs: i64,
    start_ms: i64,
    end_ms: i64,
) -> Job {
    Job {
        job_id,
        installer_id,
        activity_id: 1,
        blueprint_id: 1_000_000_000_000 + job_id,
        blueprint_type_id,
        product_type_id,
        runs,
        start_ms,
        end_ms,
        status: "active".into(),
        facility_id: JITA_4_4,
        cost: 1_234.5,
    }
}
