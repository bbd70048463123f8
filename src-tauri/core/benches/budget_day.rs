//! The ESI budget of a scripted day (issue #10, benchmark 1; planetary industry from #20;
//! clones, market orders and contracts from #21), in virtual time against the simulator:
//! 10 characters (`CYNOSURE_BUDGET_CHARACTERS` for more) in one corporation, three of them with a colony and the
//! planetary-industry permission, five with the clones, market orders and contracts
//! permissions, the window visible 09:00–10:00 and 20:00–21:00 and in the tray otherwise,
//! job, extractor, order and contract notifications on, jobs started, a colony's
//! extraction restarted, an order expiring and one filled, a contract accepted and pilots
//! logging in and out during the day.
//!
//! Three counts of requests by route, each from the simulator's own request log:
//! - **Cynosure**: the core's real loops (live engine, background job refresh, alarms)
//!   stepped on the shared clock, plus the views the player opens.
//! - **cache-window minimum**: what the same day strictly needs — an ideal client that
//!   knows every cache expiry and fetches only when something is needed (the visible
//!   periods, the views opened, the background passes, a job or an extractor about to
//!   ring) and the copy it holds has expired; roles when it reads corporation jobs; a
//!   colony's layout when the colony list shows it new or recalculated; each planet's
//!   name once; an access-token refresh when it sends a request and its token is within
//!   a minute of expiry.
//! - **fixed schedule**: a client in the style of a popular existing tool, replayed over
//!   HTTP on a second simulator with the same world and day: every character always,
//!   online every 300 s, skill queue every 120 s, jobs every 300 s (and the corporation's),
//!   roles every 3600 s; the colonies of the three planetary characters and each colony's
//!   layout every 600 s, each planet once; for the five with the other features, clones
//!   and implants every 120 s, fatigue and contracts every 300 s, orders every 1200 s and
//!   the order history every 3600 s.
//!
//! `cargo bench -p cynosure-core --bench budget_day`

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::day::{Day, Need};
use common::{Rig, TestVault};
use cynosure_core::features::commands::feature_set;
use cynosure_core::features::Feature;
use cynosure_sim::esi::{self as sim_esi, Route};
use cynosure_sim::world::{job, Colony, World, CORP_BRAVE, CROWD_FIRST, HOUR_MS, MINUTE_MS};
use cynosure_sim::{Sim, SimClock, SimConfig};

/// 00:00 UTC of the day `common::NOW` falls in.
const DAY0: i64 = common::NOW - common::NOW.rem_euclid(24 * HOUR_MS);
/// 10, or `CYNOSURE_BUDGET_CHARACTERS` (#22 part 4 runs the day at 100): the features stay
/// on the same first characters, the rest run skills, jobs and online status.
fn characters() -> i64 {
    std::env::var("CYNOSURE_BUDGET_CHARACTERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n >= FEATURE_CHARACTERS)
        .unwrap_or(10)
}
/// The first three characters run a colony each and granted planetary industry.
const PI_CHARACTERS: i64 = 3;
/// The first five turned on clones, market orders and contracts.
const FEATURE_CHARACTERS: i64 = 5;
/// Character 3's orders: one expires at 10:05, one is filled at 15:00.
const EXPIRING_ORDER: i64 = 6_600_000_001;
const FILLED_ORDER: i64 = 6_600_000_002;
/// Character 4's item exchange, accepted in game at 14:07.
const SOLD_CONTRACT: i64 = 7_200_000_003;
/// Linked a few minutes before the day starts (their first access tokens date from then).
const LINKED_AT: i64 = DAY0 - 5 * MINUTE_MS;
const TOKEN_MS: i64 = cynosure_sim::sso::ACCESS_TOKEN_SECS * 1000;
const REFRESH_MARGIN_MS: i64 = 60_000;
/// The extractor warning's default lead (Settings → Notifications).
const EXTRACTOR_WARNING_MS: i64 = 2 * HOUR_MS;

fn at(hours: i64, minutes: i64) -> i64 {
    DAY0 + hours * HOUR_MS + minutes * MINUTE_MS
}

fn character(i: i64) -> i64 {
    CROWD_FIRST + i
}

/// The jobs started in game during the day: (when, owner is the corporation, installer,
/// job).
fn started_jobs() -> Vec<(i64, bool, cynosure_sim::world::Job)> {
    let j = |id, who, start, end| job(id, who, 691, 587, 3, start, end);
    vec![
        (
            at(8, 0),
            false,
            j(620_000_001, character(1), at(8, 0), at(12, 0)),
        ),
        (
            at(9, 30),
            false,
            j(620_000_002, character(2), at(9, 30), at(9, 50)),
        ),
        (
            at(14, 0),
            false,
            j(620_000_003, character(3), at(14, 0), at(20, 15)),
        ),
        (
            at(20, 10),
            true,
            j(620_000_004, character(0), at(20, 10), at(22, 0)),
        ),
    ]
}

fn start_job(sim: &Sim, corporate: bool, job: &cynosure_sim::world::Job) {
    sim.with_world(|w| {
        if corporate {
            w.corporations
                .get_mut(&CORP_BRAVE)
                .unwrap()
                .jobs
                .push(job.clone());
        } else {
            w.characters
                .get_mut(&job.installer_id)
                .unwrap()
                .jobs
                .push(job.clone());
        }
    });
}

fn world() -> World {
    use cynosure_sim::world::{Contract, MarketOrder, AMARR_VIII, DAY_MS, TESS};
    let mut w = World::crowd(DAY0, characters()).with_colonies(DAY0, PI_CHARACTERS as usize);
    let (trader, carrier) = (character(3), character(4));
    w.characters.get_mut(&trader).unwrap().orders = vec![
        MarketOrder {
            issued_ms: at(10, 5) - 90 * DAY_MS,
            ..MarketOrder::sell(EXPIRING_ORDER, 587, 450_000.0, 10, 4)
        },
        MarketOrder {
            issued_ms: DAY0 - 2 * DAY_MS,
            ..MarketOrder::sell(FILLED_ORDER, 34, 4.0, 1_000, 1_000)
        },
    ];
    // Warned of at the first read (within a day); one sold at 14:07.
    w.contracts = vec![
        Contract {
            expires_ms: at(18, 0),
            ..Contract::item_exchange(7_200_000_001, trader, DAY0 - 5 * DAY_MS, 1_000_000.0)
        },
        Contract {
            kind: "courier".into(),
            status: "in_progress".into(),
            acceptor_id: carrier,
            accepted_ms: Some(at(20, 0) - 3 * DAY_MS),
            days_to_complete: 3,
            end_location_id: AMARR_VIII,
            reward: 5_000_000.0,
            ..Contract::item_exchange(7_200_000_002, TESS, DAY0 - 4 * DAY_MS, 0.0)
        },
        Contract::item_exchange(SOLD_CONTRACT, carrier, DAY0 - DAY_MS, 500_000.0),
    ];
    w
}

/// Things done in game during the day: an order filled, a contract accepted.
fn trade_events() -> Vec<(i64, &'static str)> {
    vec![(at(14, 7), "accept contract"), (at(15, 0), "fill order")]
}

fn trade_event(sim: &Sim, what: &str) {
    sim.with_world(|w| match what {
        "accept contract" => w.accept_contract(SOLD_CONTRACT, cynosure_sim::world::TESS, at(14, 7)),
        "fill order" => w.fill_order(character(3), FILLED_ORDER),
        _ => {}
    });
}

/// Orders leaving a character's open list: (when, whose).
fn order_departures() -> Vec<(i64, i64)> {
    vec![(at(10, 5), character(3)), (at(15, 0), character(3))]
}

/// A player restarting a colony's extraction in game (a new 24-hour program): when, whose.
fn colony_reset() -> (i64, i64) {
    (at(19, 0), character(1))
}

/// Each planetary character's colony as it stood over the day: `(from, colony)` in order.
type ColonyTimeline = BTreeMap<i64, Vec<(i64, Colony)>>;

/// Cynosure's day.
async fn cynosure_day() -> (BTreeMap<String, u64>, Day, ColonyTimeline) {
    let rig = Rig::start_on(
        TestVault::File,
        |sim| {
            sim.clock = SimClock::frozen_at(LINKED_AT);
            sim.world = Some(world());
        },
        |_| {},
    )
    .await;
    // The others first: only the first five are asked for the other features'
    // permissions, and only the planetary three for planetary industry's.
    let order = (FEATURE_CHARACTERS..characters())
        .chain(PI_CHARACTERS..FEATURE_CHARACTERS)
        .chain(0..PI_CHARACTERS);
    for i in order {
        if i == PI_CHARACTERS {
            for f in [Feature::Clones, Feature::Markets, Feature::Contracts] {
                feature_set(&rig.core, f, true).await.expect("feature on");
            }
        }
        if i == 0 {
            feature_set(&rig.core, Feature::Planets, true)
                .await
                .expect("planetary industry on");
        }
        rig.login(character(i)).await.0.expect("linked");
    }
    let mut colonies: ColonyTimeline = BTreeMap::new();
    {
        let w = world();
        for c in (0..PI_CHARACTERS).map(character) {
            colonies.insert(c, vec![(DAY0, w.characters[&c].colonies[0].clone())]);
        }
    }
    rig.sim.clock().advance_ms(DAY0 - rig.core.now_ms());
    rig.sim.clear_log();

    let mut day = Day::new(rig);
    let mut jobs = started_jobs().into_iter().peekable();
    let mut events = trade_events().into_iter().peekable();
    // (when, what the player does)
    let script: Vec<(i64, &str)> = vec![
        (at(9, 0), "show"),
        (at(9, 0), "overview"),
        (at(9, 20), "industry"),
        (at(9, 40), "skills"),
        (at(9, 50), "clones"),
        (at(10, 0), "hide"),
        (colony_reset().0, "reset colony"),
        (at(20, 0), "show"),
        (at(20, 0), "overview"),
        (at(20, 30), "industry"),
        (at(20, 40), "planets"),
        (at(20, 50), "trade"),
        (at(21, 0), "hide"),
        (at(24, 0), "end"),
    ];
    for (when, action) in script {
        while let Some((start, _, _)) = jobs.peek() {
            if *start > when {
                break;
            }
            let (start, corporate, job) = jobs.next().unwrap();
            day.run_until(start).await;
            start_job(&day.rig.sim, corporate, &job);
        }
        while let Some((at, what)) = events.peek().copied() {
            if at > when {
                break;
            }
            events.next();
            day.run_until(at).await;
            trade_event(&day.rig.sim, what);
        }
        day.run_until(when).await;
        match action {
            "show" => day.show(),
            "hide" => day.hide(),
            "overview" => day.open_overview().await,
            "industry" => day.open_industry().await,
            "skills" => day.open_skills().await,
            "planets" => day.open_planets().await,
            "clones" => day.open_clones().await,
            "trade" => day.open_trade().await,
            "reset colony" => {
                let (when, who) = colony_reset();
                let planet_id = colonies[&who][0].1.planet_id;
                let colony = day
                    .rig
                    .sim
                    .reset_colony(who, planet_id, 24.0)
                    .expect("the colony is in the world");
                colonies.get_mut(&who).unwrap().push((when, colony));
            }
            _ => {}
        }
    }
    (by_route(&day.rig.sim), day, colonies)
}

fn by_route(sim: &Sim) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for r in sim.requests() {
        let name = match (r.route, r.grant_type.as_deref()) {
            ("sso.token", Some("refresh_token")) => "sso.token (refresh)".to_owned(),
            (route, _) => route.to_owned(),
        };
        *counts.entry(name).or_default() += 1;
    }
    counts
}

/// The ideal client's count for the needs Cynosure's day recorded. Names: one
/// `POST /universe/names` at each instant that boards first showed unnamed ids (the
/// instants Cynosure asked at; it only ever asks for ids it has no name for).
fn minimum(
    needs: &[Need],
    names_asked_at: &[i64],
    colonies: &ColonyTimeline,
) -> BTreeMap<String, u64> {
    // (instant, route, owner) the player needed fresh.
    let mut demands: Vec<(i64, Route, i64)> = vec![];
    let everyone = || (0..characters()).map(character);
    let jobs_boards = |t: i64, d: &mut Vec<(i64, Route, i64)>| {
        d.extend(everyone().map(|c| (t, sim_esi::CHAR_JOBS, c)));
        d.push((t, sim_esi::CORP_JOBS, CORP_BRAVE));
    };
    let skill_boards = |t: i64, d: &mut Vec<(i64, Route, i64)>| {
        d.extend(everyone().map(|c| (t, sim_esi::SKILLS, c)));
        d.extend(everyone().map(|c| (t, sim_esi::SKILLQUEUE, c)));
    };
    let colony_boards = |t: i64, d: &mut Vec<(i64, Route, i64)>| {
        d.extend(colonies.keys().map(|&c| (t, sim_esi::COLONIES, c)));
    };
    let traders = || (0..FEATURE_CHARACTERS).map(character);
    let trade_boards = |t: i64, d: &mut Vec<(i64, Route, i64)>| {
        d.extend(traders().map(|c| (t, sim_esi::ORDERS, c)));
        d.extend(traders().map(|c| (t, sim_esi::CONTRACTS, c)));
    };
    for need in needs {
        match *need {
            Need::Visible(from, to) => {
                // Continuously: every instant of the period (to the second).
                for t in (from..to).step_by(1000) {
                    demands.extend(everyone().map(|c| (t, sim_esi::ONLINE, c)));
                    // Tranquility's status in the header, as current as its cache.
                    demands.push((t, sim_esi::STATUS, 0));
                }
            }
            Need::Overview(t) => {
                demands.push((t, sim_esi::AFFILIATION, 0));
                skill_boards(t, &mut demands);
                jobs_boards(t, &mut demands);
            }
            Need::Industry(t) => jobs_boards(t, &mut demands),
            Need::BackgroundPass(t) => {
                demands.push((t, sim_esi::AFFILIATION, 0));
                jobs_boards(t, &mut demands);
                colony_boards(t, &mut demands);
                // Order and contract notifications are on by default.
                trade_boards(t, &mut demands);
            }
            Need::Skills(t) => {
                skill_boards(t, &mut demands);
                // The Skills view shows each character's attributes; the Overview does not.
                demands.extend(everyone().map(|c| (t, sim_esi::ATTRIBUTES, c)));
            }
            Need::Planets(t) => colony_boards(t, &mut demands),
            Need::Clones(t) => {
                for route in [sim_esi::CLONES, sim_esi::IMPLANTS, sim_esi::FATIGUE] {
                    demands.extend(traders().map(|c| (t, route, c)));
                }
            }
            Need::Trade(t) => trade_boards(t, &mut demands),
        }
    }
    let day_end = DAY0 + 24 * HOUR_MS;
    // The colony as it stood at `t`.
    let colony_at = |c: i64, t: i64| -> (i64, i64, &Colony) {
        let versions = &colonies[&c];
        let k = versions
            .iter()
            .rposition(|(from, _)| *from <= t)
            .unwrap_or(0);
        let until = versions.get(k + 1).map_or(i64::MAX, |(from, _)| *from);
        (versions[k].0, until, &versions[k].1)
    };
    // An extractor about to warn or stop: its owner's colonies, if the ideal client had
    // read them since that program was set up (the rings fall while that version stands).
    let mut extractor_rings = vec![];
    for (&c, versions) in colonies {
        for (from, colony) in versions {
            let (_, until, _) = colony_at(c, *from);
            let Some(expiry) = colony.earliest_expiry_ms() else {
                continue;
            };
            let warning = (expiry - EXTRACTOR_WARNING_MS).max(DAY0);
            for ring in [warning, expiry] {
                if ring < *from || ring >= until || ring >= day_end {
                    continue;
                }
                let known = demands.iter().any(|(t, r, o)| {
                    r.name == sim_esi::COLONIES.name && *o == c && *t >= *from && *t <= ring
                });
                if known {
                    extractor_rings.push((ring, sim_esi::COLONIES, c));
                }
            }
        }
    }
    demands.extend(extractor_rings);
    // A job about to ring: its owner's board, if the ideal client knew of the job (it
    // read that board after the job started).
    let mut all_jobs: Vec<(bool, cynosure_sim::world::Job)> = vec![];
    let w = world();
    for c in w.characters.values() {
        all_jobs.extend(c.jobs.iter().map(|j| (false, j.clone())));
    }
    all_jobs.extend(
        w.corporations[&CORP_BRAVE]
            .jobs
            .iter()
            .map(|j| (true, j.clone())),
    );
    all_jobs.extend(started_jobs().into_iter().map(|(_, corp, j)| (corp, j)));
    let mut rings = vec![];
    for (corporate, j) in &all_jobs {
        if j.end_ms <= DAY0 || j.end_ms > day_end {
            continue;
        }
        let (route, owner) = if *corporate {
            (sim_esi::CORP_JOBS, CORP_BRAVE)
        } else {
            (sim_esi::CHAR_JOBS, j.installer_id)
        };
        let known = demands.iter().any(|(t, r, o)| {
            r.name == route.name && *o == owner && *t >= j.start_ms && *t < j.end_ms
        });
        if known {
            rings.push((j.end_ms, route, owner));
        }
    }
    demands.extend(rings);
    // EVE's daily downtime (11:00–11:15 UTC): nothing is asked then; the ideal client
    // needs no probe (it knows when the servers are back).
    let downtime = DAY0 + 11 * HOUR_MS..DAY0 + 11 * HOUR_MS + 15 * MINUTE_MS;
    demands.retain(|(t, _, _)| !downtime.contains(t));
    demands.sort_by_key(|(t, _, _)| *t);

    let mut expires: BTreeMap<(&str, i64), i64> = BTreeMap::new();
    let mut token_expires: BTreeMap<i64, i64> =
        everyone().map(|c| (c, LINKED_AT + TOKEN_MS)).collect();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut instants = names_asked_at.to_vec();
    instants.dedup();
    counts.insert(sim_esi::NAMES.name.to_owned(), instants.len() as u64);
    // Each planet's name once (it never changes).
    let mut planets: Vec<i64> = colonies
        .values()
        .flatten()
        .map(|(_, c)| c.planet_id)
        .collect();
    planets.sort_unstable();
    planets.dedup();
    counts.insert(sim_esi::PLANET.name.to_owned(), planets.len() as u64);
    // Colony versions whose layout the ideal client read.
    let mut layouts_seen: Vec<(i64, i64)> = vec![];
    let mut fetch =
        |t: i64, route: Route, owner: i64, counts: &mut BTreeMap<String, u64>| -> bool {
            let key = (route.name, owner);
            if expires.get(&key).is_some_and(|e| t < *e) {
                return false;
            }
            expires.insert(key, t + route.cache_secs.unwrap_or(0) * 1000);
            *counts.entry(route.name.to_owned()).or_default() += 1;
            true
        };
    let mut token = |t: i64, c: i64, counts: &mut BTreeMap<String, u64>| {
        let exp = token_expires.get_mut(&c).unwrap();
        if *exp - REFRESH_MARGIN_MS <= t {
            *exp = t + TOKEN_MS;
            *counts.entry("sso.token (refresh)".to_owned()).or_default() += 1;
        }
    };
    let role_holder = character(0);
    // An order that left the open list: the history once, at the first read of the list
    // that shows it gone (the alarms' news of it ring at that read: nothing more).
    let mut orders_read_at: BTreeMap<i64, i64> = BTreeMap::new();
    for (t, route, owner) in demands {
        if route.name == sim_esi::ORDERS.name {
            if fetch(t, route, owner, &mut counts) {
                token(t, owner, &mut counts);
                let since = orders_read_at.insert(owner, t).unwrap_or(i64::MIN);
                let left = order_departures()
                    .iter()
                    .any(|(at, who)| *who == owner && since < *at && *at <= t);
                if left && fetch(t, sim_esi::ORDER_HISTORY, owner, &mut counts) {
                    token(t, owner, &mut counts);
                }
            }
            continue;
        }
        if route.name == sim_esi::CORP_JOBS.name {
            if fetch(t, sim_esi::ROLES, role_holder, &mut counts) {
                token(t, role_holder, &mut counts);
            }
            if fetch(t, route, owner, &mut counts) {
                token(t, role_holder, &mut counts);
            }
        } else if route.name == sim_esi::AFFILIATION.name || route.name == sim_esi::STATUS.name {
            // Public: no token.
            fetch(t, route, owner, &mut counts);
        } else if fetch(t, route, owner, &mut counts) {
            token(t, owner, &mut counts);
            if route.name == sim_esi::COLONIES.name {
                let (_, _, colony) = colony_at(owner, t);
                let version = (colony.planet_id, colony.last_update_ms);
                if !layouts_seen.contains(&version) {
                    layouts_seen.push(version);
                    *counts
                        .entry(sim_esi::COLONY_LAYOUT.name.to_owned())
                        .or_default() += 1;
                }
            }
        }
    }
    counts
}

/// The fixed-schedule client, over HTTP, on its own simulator.
async fn fixed_schedule_day() -> BTreeMap<String, u64> {
    let sim = Sim::start(SimConfig {
        clock: SimClock::frozen_at(DAY0),
        world: Some(world()),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let plain = cynosure_core::settings::models::Settings::default();
    let with_features = |planets: bool| cynosure_core::settings::models::Settings {
        features: [Feature::Clones, Feature::Markets, Feature::Contracts]
            .into_iter()
            .chain(planets.then_some(Feature::Planets))
            .collect(),
        ..plain.clone()
    };
    let mut tokens: BTreeMap<i64, (String, String, i64)> = BTreeMap::new();
    for i in 0..characters() {
        let settings = if i < FEATURE_CHARACTERS {
            with_features(i < PI_CHARACTERS)
        } else {
            plain.clone()
        };
        let scopes = &cynosure_core::catalog::wanted_scopes(&settings);
        let t = sim.issue_tokens(character(i), scopes).expect("tokens");
        tokens.insert(
            character(i),
            (t.access_token, t.refresh_token, DAY0 + TOKEN_MS),
        );
    }
    sim.clear_log();
    let mut jobs = started_jobs().into_iter().peekable();
    let base = sim.base_url().to_owned();
    let client_id = sim.client_id();
    let day_end = DAY0 + 24 * HOUR_MS;
    let mut t = DAY0;
    while t < day_end {
        while jobs.peek().is_some_and(|(start, _, _)| *start <= t) {
            let (_, corporate, job) = jobs.next().unwrap();
            start_job(&sim, corporate, &job);
        }
        for (at, what) in trade_events() {
            if at == t {
                trade_event(&sim, what);
            }
        }
        if t == colony_reset().0 {
            let who = colony_reset().1;
            let planet = sim.with_world(|w| w.characters[&who].colonies[0].planet_id);
            sim.reset_colony(who, planet, 24.0);
        }
        let elapsed = (t - DAY0) / 1000;
        for i in 0..characters() {
            let c = character(i);
            let mut paths = vec![];
            if elapsed % 300 == 0 {
                paths.push(format!("/characters/{c}/online"));
                paths.push(format!("/characters/{c}/industry/jobs"));
            }
            if elapsed % 120 == 0 {
                paths.push(format!("/characters/{c}/skillqueue"));
            }
            if elapsed % 3600 == 0 {
                paths.push(format!("/characters/{c}/roles"));
            }
            if i == 0 && elapsed % 300 == 0 {
                paths.push(format!("/corporations/{CORP_BRAVE}/industry/jobs"));
            }
            if i < FEATURE_CHARACTERS {
                if elapsed % 120 == 0 {
                    paths.push(format!("/characters/{c}/clones"));
                    paths.push(format!("/characters/{c}/implants"));
                }
                if elapsed % 300 == 0 {
                    paths.push(format!("/characters/{c}/fatigue"));
                    paths.push(format!("/characters/{c}/contracts"));
                }
                if elapsed % 1200 == 0 {
                    paths.push(format!("/characters/{c}/orders"));
                }
                if elapsed % 3600 == 0 {
                    paths.push(format!("/characters/{c}/orders/history"));
                }
            }
            if i < PI_CHARACTERS {
                let planets: Vec<i64> = sim.with_world(|w| {
                    w.characters[&c]
                        .colonies
                        .iter()
                        .map(|p| p.planet_id)
                        .collect()
                });
                if elapsed % 600 == 0 {
                    paths.push(format!("/characters/{c}/planets"));
                    paths.extend(
                        planets
                            .iter()
                            .map(|p| format!("/characters/{c}/planets/{p}")),
                    );
                }
                if elapsed == 0 {
                    paths.extend(planets.iter().map(|p| format!("/universe/planets/{p}")));
                }
            }
            if paths.is_empty() {
                continue;
            }
            let (access, refresh, exp) = tokens.get_mut(&c).unwrap();
            if *exp - REFRESH_MARGIN_MS <= t {
                let answer: serde_json::Value = http
                    .post(format!("{base}/v2/oauth/token"))
                    .form(&[
                        ("grant_type", "refresh_token"),
                        ("refresh_token", refresh.as_str()),
                        ("client_id", client_id.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                *access = answer["access_token"].as_str().unwrap().to_owned();
                *refresh = answer["refresh_token"].as_str().unwrap().to_owned();
                *exp = t + TOKEN_MS;
            }
            for path in paths {
                let status = http
                    .get(format!("{base}{path}"))
                    .bearer_auth(&*access)
                    .header("X-Compatibility-Date", sim_esi::COMPATIBILITY_DATE)
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert!(status.is_success(), "{path}: {status}");
            }
        }
        t += 60_000;
        sim.clock().advance_ms(60_000);
    }
    by_route(&sim)
}

fn main() {
    // `cargo test --benches` runs every bench once as a smoke test; the day is the bench.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let started = Instant::now();
        let (ours, day, colonies) = cynosure_day().await;
        let ours_took = started.elapsed();
        // CCP's rules for clients (the simulator's audit): a User-Agent with a contact, no
        // request inside a cache window, no expired token.
        let breaches = day.rig.sim.breaches();
        assert!(
            breaches.is_empty(),
            "Cynosure's day broke CCP's rules {} times, first {:?}",
            breaches.len(),
            breaches.first()
        );
        let names_asked_at: Vec<i64> = day
            .rig
            .sim
            .requests()
            .iter()
            .filter(|r| r.route == sim_esi::NAMES.name)
            .map(|r| r.at_ms)
            .collect();
        let min = minimum(&day.needs, &names_asked_at, &colonies);
        let started = Instant::now();
        let fixed = fixed_schedule_day().await;
        let fixed_took = started.elapsed();

        let mut routes: Vec<&String> = ours.keys().chain(min.keys()).chain(fixed.keys()).collect();
        routes.sort();
        routes.dedup();
        println!(
            "ESI budget of a scripted day: {} characters, one corporation",
            characters()
        );
        println!("| route | Cynosure | cache-window minimum | fixed schedule |");
        println!("| --- | ---: | ---: | ---: |");
        let get = |m: &BTreeMap<String, u64>, r: &str| m.get(r).copied().unwrap_or(0);
        for r in &routes {
            println!(
                "| {r} | {} | {} | {} |",
                get(&ours, r),
                get(&min, r),
                get(&fixed, r)
            );
        }
        let total = |m: &BTreeMap<String, u64>| m.values().sum::<u64>();
        let (o, m, f) = (total(&ours), total(&min), total(&fixed));
        println!("| **total** | **{o}** | **{m}** | **{f}** |");
        println!();
        println!(
            "Cynosure / cache-window minimum = {:.2}×",
            o as f64 / m as f64
        );
        println!(
            "Cynosure / fixed schedule       = {:.3}×",
            o as f64 / f as f64
        );
        println!("CCP's rules for clients (simulator's audit): Cynosure broke none");
        println!(
            "online status while visible: at most {} s old (fixed schedule: up to 300 s)",
            day.max_online_age_visible_ms / 1000
        );
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for (_, n) in &day.notices {
            *kinds.entry(format!("{:?}", n.kind)).or_default() += 1;
        }
        println!(
            "notices during the day: {kinds:?}; alarm ticks: {}",
            day.alarm_ticks
        );
        println!(
            "wall time: Cynosure's day {:.1} s, fixed-schedule day {:.1} s",
            ours_took.as_secs_f64(),
            fixed_took.as_secs_f64()
        );
        let _ = Duration::ZERO;
    });
}
