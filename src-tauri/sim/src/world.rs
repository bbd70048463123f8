//! The seeded EVE world the simulator serves: characters on accounts, a corporation,
//! skills, queues, industry jobs, roles and online flips on a schedule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const HOUR_MS: i64 = 3_600_000;
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

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct World {
    pub characters: BTreeMap<i64, Character>,
    pub corporations: BTreeMap<i64, Corporation>,
    /// id → (category, name) for `POST /universe/names`.
    pub names: BTreeMap<i64, (String, String)>,
    pub online_schedule: Vec<OnlineFlip>,
    pub server_start_ms: i64,
    pub players: i64,
}

pub const JITA_4_4: i64 = 60_003_760;
pub const CORP_BRAVE: i64 = 98_700_001;
pub const CORP_SOLO: i64 = 98_700_002;
pub const AURA: i64 = 2_112_000_001;
pub const BRAKK: i64 = 2_112_000_002;
pub const CORA: i64 = 2_112_000_003;
/// The first id of [`World::crowd`]'s characters.
pub const CROWD_FIRST: i64 = 2_113_000_000;

/// A small built-in table of real names (skills, ships, blueprints, a station), as CCP's
/// static data export names them.
const NAMES: &[(i64, &str, &str)] = &[
    (3300, "inventory_type", "Gunnery"),
    (3301, "inventory_type", "Small Hybrid Turret"),
    (3327, "inventory_type", "Spaceship Command"),
    (3386, "inventory_type", "Mining"),
    (3402, "inventory_type", "Science"),
    (3413, "inventory_type", "Power Grid Management"),
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
        };

        let mut aura = base(AURA, "Aura Vexx", CORP_BRAVE, "sim-owner-account-a", true);
        aura.roles = vec!["Factory_Manager".into()];
        aura.unallocated_sp = Some(12_000);
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
        w.corporations.retain(|id, _| *id == CORP_BRAVE);
        let corp = w
            .corporations
            .get_mut(&CORP_BRAVE)
            .expect("seeded corporation");
        corp.jobs.clear();
        // Spread without a random source: a multiplicative hash of the index.
        let spread = |i: i64, k: i64, range: i64| {
            (i * 7_919 + k * 104_729 + 1)
                .wrapping_mul(2_654_435_761)
                .rem_euclid(range)
        };
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

    /// Applies the scheduled online flips that are due.
    pub fn advance_to(&mut self, now_ms: i64) {
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
