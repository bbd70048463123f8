//! The client against CCP's own material, kept in `third_party/ccp/`: its route table
//! matches the spec's paths, cache times and rate-limit groups, and every board reads
//! CCP's example response of its route.

use cynosure_core::catalog;
use cynosure_core::esi::routes;
use cynosure_testkit::ccp;
use serde_json::Value;

/// `get_characters_character_id_skills.200.json`, as `cargo xtask esi-extract` names it.
fn example_of(route: &routes::Route) -> Value {
    let words: Vec<&str> = route
        .path
        .split(['/', '{', '}'])
        .filter(|w| !w.is_empty())
        .collect();
    ccp(&format!(
        "examples/{}_{}.200.json",
        route.method,
        words.join("_")
    ))
}

#[test]
fn the_route_table_matches_the_spec() {
    let spec = ccp("esi-openapi.json");
    for route in routes::ALL {
        let op = &spec["paths"][route.path][route.method];
        assert!(
            !op.is_null(),
            "{} {} is in the spec",
            route.method,
            route.path
        );
        assert_eq!(
            op["x-cache-age"].as_i64().unwrap_or(0),
            route.cache_secs,
            "{} cache age",
            route.path
        );
        assert_eq!(
            op["x-rate-limit"]["group"].as_str(),
            route.group,
            "{} rate-limit group",
            route.path
        );
    }
}

#[test]
fn every_board_reads_ccps_example_of_its_route() {
    for d in catalog::boards() {
        let example = example_of(&d.route);
        let board = (d.normalize)(example.clone())
            .unwrap_or_else(|e| panic!("the {} board cannot read CCP's example: {e}", d.slice));
        assert!(
            board.len() > 2,
            "the {} board keeps what the example holds: {board}",
            d.slice
        );
    }
}

#[test]
fn every_board_has_its_route_in_the_route_table() {
    for d in catalog::boards() {
        assert!(
            routes::ALL.contains(&d.route),
            "the {} board's route is in routes::ALL",
            d.slice
        );
    }
}
