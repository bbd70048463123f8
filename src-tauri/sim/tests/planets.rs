//! Planetary industry: the seeded colonies, CCP's static data they are built from, the
//! three planet routes with their caches, checks and errors, and a player restarting a
//! colony (visible once the cache window has passed, as on ESI). The simulator's clock
//! drives every wait.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use cynosure_sim::clock::rfc3339;
use cynosure_sim::sde::{planetary, PinKind};
use cynosure_sim::world::{
    Colony, World, AURA, AURA_BARREN, AURA_LAVA, AURA_PLASMA, BRAKK, BRAKK_GAS, CORA, CORA_GAS,
    CORA_LAVA, CROWD_FIRST, HOUR_MS, MINUTE_MS,
};
use cynosure_testkit::http_client;
use serde_json::{json, Value};

const PLANETS_SCOPE: &str = "esi-planets.manage_planets.v1";

fn h(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn http_date(ms: i64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms as u64))
}

async fn control(sim: &cynosure_sim::Sim, path: &str, body: Value) -> (u16, Value) {
    let r = http_client(false)
        .post(format!("{}{path}", sim.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

/// The earliest expiry of each colony, relative to `now`, in minutes.
fn expiries(w: &World, character: i64, now: i64) -> BTreeMap<i64, Option<i64>> {
    w.characters[&character]
        .colonies
        .iter()
        .map(|c| {
            (
                c.planet_id,
                c.earliest_expiry_ms().map(|e| (e - now) / MINUTE_MS),
            )
        })
        .collect()
}

#[test]
fn the_static_data_is_ccps_planetary_tables() {
    let sde = planetary();
    let words: BTreeSet<&str> = sde.planet_types.values().map(|p| p.planet_type).collect();
    assert_eq!(
        words,
        BTreeSet::from([
            "barren",
            "gas",
            "ice",
            "lava",
            "oceanic",
            "plasma",
            "storm",
            "temperate"
        ])
    );
    let ecus: BTreeSet<i64> = sde
        .pin_types
        .values()
        .filter(|p| p.kind == PinKind::ExtractorControlUnit)
        .map(|p| p.type_id)
        .collect();
    assert_eq!(
        ecus,
        BTreeSet::from([2848, 3060, 3061, 3062, 3063, 3064, 3067, 3068]),
        "the eight ECUs of group 1063"
    );
    for p in sde.planet_types.values() {
        assert_eq!(p.resources.len(), 5, "{}", p.name);
        for kind in [
            PinKind::CommandCenter,
            PinKind::ExtractorControlUnit,
            PinKind::BasicIndustryFacility,
            PinKind::AdvancedIndustryFacility,
            PinKind::StorageFacility,
            PinKind::Launchpad,
        ] {
            assert!(
                sde.pin_type(p.type_id, kind).is_some(),
                "{} {kind:?}",
                p.name
            );
        }
        for r in &p.resources {
            assert_eq!(sde.commodities[r].tier, 0, "{r} is a P0");
        }
    }
    let barren = sde.planet_type_named("barren").unwrap();
    assert_eq!(barren.type_id, 2016);
    assert_eq!(
        sde.pin_type(2016, PinKind::CommandCenter).unwrap().type_id,
        2524
    );
    assert_eq!(sde.commodities[&2267].name, "Base Metals");
    let mut per_tier = [0; 5];
    for c in sde.commodities.values() {
        per_tier[c.tier as usize] += 1;
    }
    assert_eq!(per_tier, [15, 15, 24, 21, 8]);
    assert_eq!(sde.schematics.len(), 68);
    let reactive_metals = &sde.schematics[&126];
    assert_eq!(
        (
            reactive_metals.cycle_time_s,
            reactive_metals.output_quantity,
            reactive_metals.inputs.clone()
        ),
        (1800, 20, vec![(2267, 3000)])
    );
    assert_eq!(
        sde.factory_kind(73),
        Some(PinKind::AdvancedIndustryFacility)
    );
}

/// Everything a colony says agrees with itself, its planet and CCP's static data.
fn check_colony(w: &World, owner: i64, c: &Colony, now: i64) {
    let sde = planetary();
    let at = format!("{owner}/{}", c.planet_id);
    let planet = &w.planets[&c.planet_id];
    let planet_type = &sde.planet_types[&planet.type_id];
    assert_eq!(c.planet_type, planet_type.planet_type, "{at}");
    assert_eq!(c.solar_system_id, planet.system_id, "{at}");
    assert!((0..=5).contains(&c.upgrade_level), "{at}");
    assert!(c.last_update_ms <= now, "{at}: last_update in the past");
    let ids: BTreeSet<i64> = c.pins.iter().map(|p| p.pin_id).collect();
    assert_eq!(ids.len(), c.pins.len(), "{at}: pin ids unique");
    let kinds: Vec<PinKind> = c.pins.iter().map(|p| p.kind().unwrap()).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == PinKind::CommandCenter)
            .count(),
        1,
        "{at}: one command center"
    );
    for (pin, kind) in c.pins.iter().zip(&kinds) {
        let at = format!("{at}/{}", pin.pin_id);
        assert_eq!(
            sde.pin_types[&pin.type_id].planet_type_id, planet.type_id,
            "{at}: built for this planet type"
        );
        assert!(
            (0.0..std::f64::consts::PI).contains(&pin.latitude)
                && (0.0..std::f64::consts::TAU).contains(&pin.longitude),
            "{at}: radians"
        );
        assert_eq!(
            pin.extractor.is_some(),
            *kind == PinKind::ExtractorControlUnit,
            "{at}"
        );
        assert_eq!(pin.schematic_id.is_some(), kind.is_factory(), "{at}");
        if let Some(s) = pin.schematic_id {
            assert_eq!(
                sde.factory_kind(s),
                Some(*kind),
                "{at}: schematic {s} runs here"
            );
        }
        if let Some(e) = &pin.extractor {
            assert!((1..=10).contains(&e.heads.len()), "{at}: 1 to 10 heads");
            let head_ids: Vec<i64> = e.heads.iter().map(|h| h.head_id).collect();
            assert_eq!(
                head_ids,
                (0..e.heads.len() as i64).collect::<Vec<_>>(),
                "{at}"
            );
            assert!(pin.contents.is_none(), "{at}: ECUs hold nothing");
            match e.program {
                Some(p) => {
                    assert!(planet_type.resources.contains(&p.product_type_id), "{at}");
                    let (install, expiry) = (pin.install_ms.unwrap(), pin.expiry_ms.unwrap());
                    assert_eq!(pin.last_cycle_start_ms, Some(install), "{at}");
                    assert!(
                        install <= c.last_update_ms,
                        "{at}: installed by the snapshot"
                    );
                    let cycles = (expiry - install) / (p.cycle_time_s * 1000);
                    assert_eq!(
                        (expiry - install) % (p.cycle_time_s * 1000),
                        0,
                        "{at}: whole cycles"
                    );
                    assert!((1..=100).contains(&cycles), "{at}: {cycles} cycles");
                    assert!((3_000..=12_000).contains(&p.qty_per_cycle), "{at}");
                    assert!((0.005..=0.06).contains(&p.head_radius), "{at}");
                }
                None => assert!(
                    pin.install_ms.is_none() && pin.expiry_ms.is_none(),
                    "{at}: a stopped ECU has no program times"
                ),
            }
        }
    }
    let pin = |id: i64| c.pins.iter().find(|p| p.pin_id == id);
    let linked = |a: i64, b: i64| {
        c.links.iter().any(|l| {
            (l.source_pin_id, l.destination_pin_id) == (a, b)
                || (l.source_pin_id, l.destination_pin_id) == (b, a)
        })
    };
    for l in &c.links {
        assert!(
            pin(l.source_pin_id).is_some() && pin(l.destination_pin_id).is_some(),
            "{at}"
        );
    }
    for r in &c.routes {
        let hops: Vec<i64> = std::iter::once(r.source_pin_id)
            .chain(r.waypoints.iter().copied())
            .chain(std::iter::once(r.destination_pin_id))
            .collect();
        assert!(
            hops.windows(2).all(|w| linked(w[0], w[1])),
            "{at}: route {} follows links",
            r.route_id
        );
        assert!(r.quantity > 0.0, "{at}");
        let (source, destination) = (
            pin(r.source_pin_id).unwrap(),
            pin(r.destination_pin_id).unwrap(),
        );
        if let Some(p) = source.extractor.as_ref().and_then(|e| e.program) {
            assert_eq!(
                r.content_type_id, p.product_type_id,
                "{at}: an ECU ships its product"
            );
        }
        if let Some(s) = source.schematic_id {
            assert_eq!(r.content_type_id, sde.schematics[&s].output_type_id, "{at}");
        }
        if let Some(s) = destination.schematic_id {
            assert!(
                sde.schematics[&s]
                    .inputs
                    .iter()
                    .any(|(t, _)| *t == r.content_type_id),
                "{at}: a factory receives its inputs"
            );
        }
    }
}

#[test]
fn every_seeded_colony_agrees_with_itself_its_planet_and_the_static_data() {
    let worlds = [
        ("seeded", World::seeded(NOW)),
        ("demo", World::demo(NOW)),
        ("crowd", World::crowd(NOW, 40).with_colonies(NOW, 25)),
    ];
    for (name, w) in worlds {
        let mut n = 0;
        for c in w.characters.values() {
            for colony in &c.colonies {
                check_colony(&w, c.id, colony, NOW);
                n += 1;
            }
        }
        assert!(n > 0, "{name} has colonies");
    }
}

#[test]
fn the_seeded_colonies_stop_at_different_times() {
    let w = World::seeded(NOW);
    assert_eq!(
        expiries(&w, AURA, NOW),
        BTreeMap::from([
            (AURA_PLASMA, Some(4 * 60)),
            (AURA_BARREN, Some(45)),
            (AURA_LAVA, Some(-2 * 60)),
        ]),
        "Aura: within the hour, in a few hours, already stopped"
    );
    assert_eq!(
        expiries(&w, BRAKK, NOW),
        BTreeMap::from([(BRAKK_GAS, Some(24 * 60))])
    );
    let gas = w.colony(BRAKK, BRAKK_GAS).unwrap();
    let idle: Vec<_> = gas.extractors().filter(|p| p.expiry_ms.is_none()).collect();
    assert_eq!(idle.len(), 1, "one of Brakk's extractors is stopped");
    assert!(w.characters[&CORA].colonies.is_empty());

    let demo = World::demo(NOW);
    assert_eq!(expiries(&demo, AURA, NOW)[&AURA_BARREN], Some(3));
    assert_eq!(expiries(&demo, AURA, NOW)[&AURA_PLASMA], Some(40));
    assert_eq!(
        expiries(&demo, CORA, NOW),
        BTreeMap::from([(CORA_LAVA, Some(12)), (CORA_GAS, Some(5 * 60))])
    );
    assert_eq!(expiries(&demo, BRAKK, NOW)[&BRAKK_GAS], Some(90));
}

#[test]
fn the_demo_restarts_colonies_on_its_schedule() {
    let mut w = World::demo(NOW);
    w.advance_to(NOW + 14 * MINUTE_MS);
    assert_eq!(
        expiries(&w, AURA, NOW)[&AURA_BARREN],
        Some(3),
        "stopped, not yet restarted"
    );
    w.advance_to(NOW + 15 * MINUTE_MS);
    let barren = w.colony(AURA, AURA_BARREN).unwrap();
    assert_eq!(barren.last_update_ms, NOW + 15 * MINUTE_MS);
    assert_eq!(
        barren.earliest_expiry_ms(),
        Some(NOW + 15 * MINUTE_MS + 2 * HOUR_MS)
    );
    w.advance_to(NOW + 2 * HOUR_MS);
    let gas = w.colony(BRAKK, BRAKK_GAS).unwrap();
    assert!(
        gas.extractors()
            .all(|p| p.expiry_ms == Some(NOW + 2 * HOUR_MS + 72 * HOUR_MS)),
        "the stopped extractor restarts too"
    );
    let restarted = gas.extractors().nth(1).unwrap();
    assert_eq!(
        restarted
            .extractor
            .as_ref()
            .unwrap()
            .program
            .unwrap()
            .product_type_id,
        2311,
        "on what its route carried: Reactive Gas"
    );
}

#[test]
fn the_crowd_gets_colonies_on_request_the_same_each_time() {
    let plain = World::crowd(NOW, 30);
    assert!(plain.characters.values().all(|c| c.colonies.is_empty()));
    let a = World::crowd(NOW, 30).with_colonies(NOW, 12);
    let b = World::crowd(NOW, 30).with_colonies(NOW, 12);
    let with: Vec<i64> = a
        .characters
        .values()
        .filter(|c| !c.colonies.is_empty())
        .map(|c| c.id)
        .collect();
    assert_eq!(with, (CROWD_FIRST..CROWD_FIRST + 12).collect::<Vec<_>>());
    assert_eq!(
        serde_json::to_value(&a.characters).unwrap(),
        serde_json::to_value(&b.characters).unwrap()
    );
    for c in a.characters.values().flat_map(|c| &c.colonies) {
        let e = c.earliest_expiry_ms().unwrap();
        assert!(e > NOW && e <= NOW + 25 * HOUR_MS);
    }
}

#[tokio::test]
async fn the_colony_routes_carry_etags_and_answer_304_until_they_expire() {
    let sim = sim().await;
    let t = sim
        .issue_tokens(AURA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    for path in [
        format!("/characters/{AURA}/planets"),
        format!("/characters/{AURA}/planets/{AURA_BARREN}"),
    ] {
        let first = esi(&sim, &path, Some(&t), None).await;
        assert_eq!(first.status(), 200, "{path}");
        assert_eq!(
            h(&first, "expires").unwrap(),
            http_date(NOW + 600_000),
            "{path}"
        );
        assert_eq!(
            h(&first, "x-ratelimit-group").as_deref(),
            Some("char-industry")
        );
        assert_eq!(h(&first, "x-ratelimit-limit").as_deref(), Some("600/15m"));
        let etag = h(&first, "etag").unwrap();
        let again = esi(&sim, &path, Some(&t), Some(&etag)).await;
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(h(&again, "x-ratelimit-used").as_deref(), Some("1"));
    }

    let list: Vec<Value> = esi(&sim, &format!("/characters/{AURA}/planets"), Some(&t), None)
        .await
        .json()
        .await
        .unwrap();
    let barren = list.iter().find(|c| c["planet_id"] == AURA_BARREN).unwrap();
    let layout: Value = esi(
        &sim,
        &format!("/characters/{AURA}/planets/{AURA_BARREN}"),
        Some(&t),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(barren["owner_id"], AURA);
    assert_eq!(barren["planet_type"], "barren");
    assert_eq!(barren["solar_system_id"], 30_000_379);
    assert_eq!(barren["num_pins"], layout["pins"].as_array().unwrap().len());
    let pins = layout["pins"].as_array().unwrap();
    let ecus: Vec<&Value> = pins.iter().filter(|p| p["type_id"] == 2848).collect();
    assert_eq!(ecus.len(), 2);
    for ecu in ecus {
        assert_eq!(ecu["expiry_time"], rfc3339(NOW + 45 * MINUTE_MS));
        assert_eq!(ecu["extractor_details"]["cycle_time"], 900);
    }
    let factory = pins.iter().find(|p| p["schematic_id"] == 73).unwrap();
    assert!(
        factory.get("factory_details").is_none(),
        "as real answers: the schematic on the pin only"
    );

    // The public planet route: no token, the error limit, expires daily at 11:05.
    let r = esi(&sim, &format!("/universe/planets/{BRAKK_GAS}"), None, None).await;
    assert_eq!(r.status(), 200);
    let next_1105 = cynosure_sim::esi::next_daily(NOW, 11 * 3600 + 5 * 60);
    assert_eq!(h(&r, "expires").unwrap(), http_date(next_1105));
    assert!(next_1105 > NOW && next_1105 - NOW <= 24 * HOUR_MS);
    assert!(h(&r, "x-esi-error-limit-remain").is_some());
    assert!(h(&r, "x-ratelimit-group").is_none());
    let etag = h(&r, "etag").unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"name": "Akpivem III", "planet_id": 40_000_046, "system_id": 30_000_003, "type_id": 13,
               "position": {"x": -189_226_344_497.0, "y": 9_901_605_317.0, "z": -254_852_632_979.0}}),
        "CCP's own example"
    );
    let again = esi(
        &sim,
        &format!("/universe/planets/{BRAKK_GAS}"),
        None,
        Some(&etag),
    )
    .await;
    assert_eq!(again.status(), 304);

    let log = sim.requests();
    let planet_log = log.iter().find(|r| r.route == "esi.planet").unwrap();
    assert_eq!(
        planet_log.character_id, None,
        "a planet id is not a character"
    );
    let layout_log = log.iter().find(|r| r.route == "esi.colony_layout").unwrap();
    assert_eq!(layout_log.character_id, Some(AURA));
}

#[tokio::test]
async fn unknown_colonies_and_planets_answer_404_with_an_error_body() {
    let sim = sim().await;
    let t = sim
        .issue_tokens(AURA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    let r = esi(
        &sim,
        &format!("/characters/{AURA}/planets/{BRAKK_GAS}"),
        Some(&t),
        None,
    )
    .await;
    assert_eq!(r.status(), 404, "Brakk's colony, not Aura's");
    assert_eq!(
        h(&r, "x-ratelimit-used").as_deref(),
        Some("5"),
        "a 4xx costs 5"
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "Colony not found");

    let r = esi(&sim, "/universe/planets/40999999", None, None).await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        h(&r, "x-esi-error-limit-remain").as_deref(),
        Some("98"),
        "both 404s count toward the error limit"
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "Planet not found");

    let cora = sim
        .issue_tokens(CORA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    let r = esi(
        &sim,
        &format!("/characters/{CORA}/planets"),
        Some(&cora),
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "[]", "no colonies: an empty list");
}

#[tokio::test]
async fn the_colony_routes_need_the_planets_scope_and_the_tokens_own_character() {
    let sim = sim().await;
    for path in [
        format!("/characters/{AURA}/planets"),
        format!("/characters/{AURA}/planets/{AURA_BARREN}"),
    ] {
        assert_eq!(esi(&sim, &path, None, None).await.status(), 401, "{path}");
        let other_scopes: Vec<&str> = ALL_SCOPES
            .iter()
            .copied()
            .filter(|s| *s != PLANETS_SCOPE)
            .collect();
        let no_planets = sim.issue_tokens(AURA, &other_scopes).unwrap().access_token;
        let r = esi(&sim, &path, Some(&no_planets), None).await;
        assert_eq!(r.status(), 403, "{path}");
        let body: Value = r.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains("scope"), "{body}");
        let brakk = sim.issue_tokens(BRAKK, &ALL_SCOPES).unwrap().access_token;
        assert_eq!(
            esi(&sim, &path, Some(&brakk), None).await.status(),
            403,
            "{path}: another character's token"
        );
    }
}

#[tokio::test]
async fn a_colony_reset_shows_new_times_once_the_cache_window_has_passed() {
    let sim = sim().await;
    let t = sim
        .issue_tokens(AURA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    let list_path = format!("/characters/{AURA}/planets");
    let layout_path = format!("/characters/{AURA}/planets/{AURA_BARREN}");
    let list = esi(&sim, &list_path, Some(&t), None).await;
    let layout = esi(&sim, &layout_path, Some(&t), None).await;
    let (list_etag, layout_etag) = (h(&list, "etag").unwrap(), h(&layout, "etag").unwrap());

    // Two minutes later the player restarts the colony's extractors for a day.
    sim.clock().advance_secs(120);
    let reset_at = NOW + 120_000;
    let (status, colony) = control(
        &sim,
        "/_sim/colony/reset",
        json!({"character_id": AURA, "planet_id": AURA_BARREN, "hours": 24}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(colony["last_update_ms"], reset_at);

    // ESI keeps serving its cached answers until they expire...
    sim.clock().advance_secs(300);
    assert_eq!(
        esi(&sim, &list_path, Some(&t), Some(&list_etag))
            .await
            .status(),
        304
    );
    assert_eq!(
        esi(&sim, &layout_path, Some(&t), Some(&layout_etag))
            .await
            .status(),
        304
    );

    // ...and then the new times, under new ETags.
    sim.clock().advance_secs(181);
    let list = esi(&sim, &list_path, Some(&t), Some(&list_etag)).await;
    assert_eq!(list.status(), 200);
    assert_ne!(h(&list, "etag").unwrap(), list_etag);
    let list: Vec<Value> = list.json().await.unwrap();
    let barren = list.iter().find(|c| c["planet_id"] == AURA_BARREN).unwrap();
    assert_eq!(barren["last_update"], rfc3339(reset_at));
    let plasma = list.iter().find(|c| c["planet_id"] == AURA_PLASMA).unwrap();
    assert_eq!(
        plasma["last_update"],
        rfc3339(NOW - 20 * HOUR_MS),
        "other colonies unchanged"
    );

    let layout = esi(&sim, &layout_path, Some(&t), Some(&layout_etag)).await;
    assert_eq!(layout.status(), 200);
    assert_ne!(h(&layout, "etag").unwrap(), layout_etag);
    let layout: Value = layout.json().await.unwrap();
    let ecus: Vec<&Value> = layout["pins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("extractor_details").is_some())
        .collect();
    assert_eq!(ecus.len(), 2);
    for ecu in ecus {
        assert_eq!(ecu["install_time"], rfc3339(reset_at));
        assert_eq!(ecu["last_cycle_start"], rfc3339(reset_at));
        assert_eq!(ecu["expiry_time"], rfc3339(reset_at + 24 * HOUR_MS));
        assert_eq!(ecu["extractor_details"]["cycle_time"], 900);
    }

    // Unchanged colonies keep their ETag across cache windows, even as their extractors'
    // expiry goes by: ESI only recalculates a colony when its owner changes it.
    let lava_path = format!("/characters/{AURA}/planets/{AURA_LAVA}");
    let lava = esi(&sim, &lava_path, Some(&t), None).await;
    let lava_etag = h(&lava, "etag").unwrap();
    sim.clock().advance_secs(3 * 3600);
    let t = sim
        .issue_tokens(AURA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    assert_eq!(
        esi(&sim, &lava_path, Some(&t), Some(&lava_etag))
            .await
            .status(),
        304
    );

    // The library does the same.
    let now = sim.clock().now_ms();
    let colony = sim.reset_colony(AURA, AURA_LAVA, 72.0).unwrap();
    assert_eq!(colony.last_update_ms, now);
    assert_eq!(colony.earliest_expiry_ms(), Some(now + 72 * HOUR_MS));
    assert!(
        sim.reset_colony(AURA, BRAKK_GAS, 24.0).is_none(),
        "not Aura's"
    );
}

#[tokio::test]
async fn the_stop_and_expiry_controls_change_a_colony_as_asked() {
    let sim = sim().await;
    let t = sim
        .issue_tokens(BRAKK, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    let path = format!("/characters/{BRAKK}/planets/{BRAKK_GAS}");

    let (status, _) = control(
        &sim,
        "/_sim/colony/expiry",
        json!({"character_id": BRAKK, "planet_id": BRAKK_GAS, "expires_in_secs": 300}),
    )
    .await;
    assert_eq!(status, 200);
    let layout: Value = esi(&sim, &path, Some(&t), None).await.json().await.unwrap();
    let expiries: Vec<&Value> = layout["pins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("extractor_details").is_some())
        .map(|p| &p["expiry_time"])
        .collect();
    assert_eq!(
        expiries,
        [&json!(rfc3339(NOW + 300_000)), &Value::Null],
        "the running extractor only; the stopped one has no expiry"
    );

    sim.clock().advance_secs(601);
    let (status, colony) = control(
        &sim,
        "/_sim/colony/stop",
        json!({"character_id": BRAKK, "planet_id": BRAKK_GAS}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(colony["last_update_ms"], NOW + 601_000);
    let layout: Value = esi(&sim, &path, Some(&t), None).await.json().await.unwrap();
    for ecu in layout["pins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("extractor_details").is_some())
    {
        let details = ecu["extractor_details"].as_object().unwrap();
        assert_eq!(details.keys().collect::<Vec<_>>(), ["heads"], "heads only");
        assert!(ecu.get("expiry_time").is_none() && ecu.get("install_time").is_none());
    }

    let (status, body) = control(
        &sim,
        "/_sim/colony/reset",
        json!({"character_id": CORA, "planet_id": BRAKK_GAS, "hours": 24}),
    )
    .await;
    assert_eq!((status, &body["error"]), (404, &json!("Colony not found")));
    let (status, _) = control(
        &sim,
        "/_sim/colony/reset",
        json!({"character_id": BRAKK, "planet_id": BRAKK_GAS, "hours": 400}),
    )
    .await;
    assert_eq!(status, 400, "programs last at most 14 days");
}

#[tokio::test]
async fn factories_can_also_carry_the_specs_factory_details() {
    let sim = sim().await;
    sim.with_world(|w| w.set_factory_details(true));
    let t = sim
        .issue_tokens(AURA, &[PLANETS_SCOPE])
        .unwrap()
        .access_token;
    let layout: Value = esi(
        &sim,
        &format!("/characters/{AURA}/planets/{AURA_BARREN}"),
        Some(&t),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let factories: Vec<&Value> = layout["pins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("schematic_id").is_some())
        .collect();
    assert_eq!(factories.len(), 3);
    for f in factories {
        assert_eq!(f["factory_details"]["schematic_id"], f["schematic_id"]);
    }
}

#[tokio::test]
async fn planetary_type_names_resolve_through_universe_names() {
    let sim = sim().await;
    let r = http_client(false)
        .post(format!("{}/universe/names", sim.base_url()))
        .header("X-Compatibility-Date", "2026-08-18")
        .json(&json!([2267, 2848, 30_000_003]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let names: Vec<Value> = r.json().await.unwrap();
    let names: Vec<&str> = names.iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Base Metals", "Barren Extractor Control Unit", "Akpivem"]
    );
}
