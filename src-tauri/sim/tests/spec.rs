//! Every body the simulator serves is checked against CCP's ESI spec (compatibility date
//! 2026-08-18), kept in the repository as a trimmed extract (`third_party/ccp/`): types,
//! required fields, enums, date-times, and no undeclared fields. So the simulator cannot
//! drift into a shape of our own invention, and its route table cannot drift from the
//! spec's cache times, scopes, roles and rate-limit groups.

mod common;

use common::*;
use cynosure_sim::esi::{Route, ROUTES};
use cynosure_sim::world::{
    AURA, AURA_BARREN, AURA_RIFTERS_CONTRACT, BRAKK, BRAKK_GAS, CORA, CORP_BRAVE,
};
use cynosure_testkit::{ccp, http_client};
use serde_json::{json, Value};

/// CCP's spec extract.
fn spec() -> Value {
    ccp("esi-openapi.json")
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(spec, &spec["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn operation<'a>(spec: &'a Value, route: &Route) -> &'a Value {
    let op = &spec["paths"][route.path][route.method];
    assert!(
        !op.is_null(),
        "{} {} is in the spec extract (run `cargo xtask esi-extract`)",
        route.method,
        route.path
    );
    op
}

fn response_schema<'a>(spec: &'a Value, route: &Route) -> &'a Value {
    resolve(
        spec,
        &operation(spec, route)["responses"]["200"]["content"]["application/json"]["schema"],
    )
}

fn check(spec: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let ok = match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        _ => true,
    };
    if !ok {
        problems.push(format!("{at}: expected {ty}, got {value}"));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if let Some(s) = value.as_str() {
            if !allowed.iter().any(|a| a.as_str() == Some(s)) {
                problems.push(format!("{at}: {s:?} not in enum"));
            }
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date-time") {
        let s = value.as_str().unwrap_or_default();
        if time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_err() {
            problems.push(format!("{at}: {s:?} is not a date-time"));
        }
    }
    if let (Some(obj), Some(props)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = required.as_str().unwrap();
            if !obj.contains_key(name) {
                problems.push(format!("{at}: missing required {name}"));
            }
        }
        for (key, v) in obj {
            match props.get(key) {
                Some(prop) => check(spec, prop, v, &format!("{at}.{key}"), problems),
                None => problems.push(format!("{at}: {key} is not declared in the spec")),
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            check(spec, items, v, &format!("{at}[{i}]"), problems);
        }
    }
}

/// The seeded world's id for each path placeholder the served routes use: Aura, her
/// corporation, the planet of her barren colony, her contract selling three Rifters.
const PLACEHOLDERS: &[(&str, i64)] = &[
    ("{character_id}", AURA),
    ("{corporation_id}", CORP_BRAVE),
    ("{planet_id}", AURA_BARREN),
    ("{contract_id}", AURA_RIFTERS_CONTRACT),
];

/// A concrete request for a route of the seeded world: its path with the world's ids,
/// and a body for a POST.
fn request_for(route: &Route) -> (String, Option<String>) {
    let path = PLACEHOLDERS
        .iter()
        .fold(route.path.to_owned(), |path, (placeholder, id)| {
            path.replace(placeholder, &id.to_string())
        });
    assert!(
        !path.contains('{'),
        "{}: the spec test needs an id of the seeded world for this path",
        route.path
    );
    let body = match route.name {
        "esi.affiliation" => Some(json!([AURA, CORA]).to_string()),
        "esi.names" => Some(json!([AURA, 587, CORP_BRAVE]).to_string()),
        _ if route.method == "post" => panic!("{}: the spec test needs a body", route.path),
        _ => None,
    };
    (path, body)
}

#[tokio::test]
async fn every_served_body_matches_the_2026_08_18_spec() {
    let spec = spec();
    let sim = sim().await;
    let t = sim.issue_tokens(AURA, &ALL_SCOPES).unwrap().access_token;
    let mut problems = vec![];
    for route in ROUTES {
        let (path, body) = request_for(route);
        let r = match body {
            None => esi(&sim, &path, Some(&t), None).await,
            Some(body) => http_client(false)
                .post(format!("{}{path}", sim.base_url()))
                .header("X-Compatibility-Date", "2026-08-18")
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap(),
        };
        assert_eq!(r.status(), 200, "{path}");
        let body: Value = r.json().await.unwrap();
        if body.as_array().is_some_and(Vec::is_empty) {
            problems.push(format!(
                "{path}: the seeded world should give a non-empty body to check"
            ));
        }
        check(
            &spec,
            response_schema(&spec, route),
            &body,
            &path,
            &mut problems,
        );
    }
    // Errors follow the spec's Error schema.
    let r = esi(&sim, &format!("/characters/{AURA}/skills"), None, None).await;
    let body: Value = r.json().await.unwrap();
    check(
        &spec,
        &spec["components"]["schemas"]["Error"],
        &body,
        "401",
        &mut problems,
    );

    assert!(
        problems.is_empty(),
        "bodies that do not match the spec:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_route_table_matches_the_specs_cache_times_scopes_and_rate_limit_groups() {
    let spec = spec();
    for route in ROUTES {
        let op = operation(&spec, route);
        let path = route.path;
        assert_eq!(
            op["x-cache-age"].as_i64(),
            route.cache_secs,
            "{path} cache age"
        );
        let group = op["x-rate-limit"]["group"].as_str();
        assert_eq!(group, route.group.map(|g| g.0), "{path} rate-limit group");
        if let Some((_, max)) = route.group {
            assert_eq!(
                op["x-rate-limit"]["max-tokens"].as_i64(),
                Some(max),
                "{path} max tokens"
            );
        }
        let scope = op["security"][0]["OAuth2"][0].as_str();
        assert_eq!(scope, route.scope, "{path} scope");
        let role = op["x-required-roles"][0].as_str();
        assert_eq!(role, route.role, "{path} role");
        // Routes without a cache age say in words when they expire.
        let daily = op["description"]
            .as_str()
            .and_then(|d| d.split("expires daily at ").nth(1))
            .and_then(|rest| {
                let (h, m) = rest.get(..5)?.split_once(':')?;
                Some(h.parse::<i64>().ok()? * 3600 + m.parse::<i64>().ok()? * 60)
            });
        assert_eq!(daily, route.expires_daily_at, "{path} daily expiry");
        assert!(
            route.cache_secs.is_none() || route.expires_daily_at.is_none(),
            "{path}: one expiry rule"
        );
        // Path parameters are named as in the spec.
        let mut names: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let mut in_path: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        names.sort_unstable();
        in_path.sort_unstable();
        assert_eq!(names, in_path, "{path} path parameters");
    }
}

/// Every shape a colony layout takes (running, expired and stopped extractors; factories
/// with and without `factory_details`; after a reset and a stop) matches the spec, and so
/// do the colony lists of each character and every planet of the table.
#[tokio::test]
async fn every_colony_shape_matches_the_spec() {
    use cynosure_sim::esi::{COLONIES, COLONY_LAYOUT, PLANET};
    let spec = spec();
    let sim = sim().await;
    let mut problems = vec![];
    let check_path = |path: String, token: Option<String>, route: Route| {
        let spec = &spec;
        let sim = &sim;
        async move {
            let r = esi(sim, &path, token.as_deref(), None).await;
            assert_eq!(r.status(), 200, "{path}");
            let body: Value = r.json().await.unwrap();
            let mut problems = vec![];
            check(
                spec,
                response_schema(spec, &route),
                &body,
                &path,
                &mut problems,
            );
            problems
        }
    };
    let planets: Vec<i64> = sim.with_world(|w| w.planets.keys().copied().collect());
    for planet in planets {
        problems.extend(check_path(format!("/universe/planets/{planet}"), None, PLANET).await);
    }
    for round in 0..3 {
        match round {
            1 => sim.with_world(|w| w.set_factory_details(true)),
            2 => {
                sim.reset_colony(AURA, AURA_BARREN, 30.0).unwrap();
                sim.stop_colony(BRAKK, BRAKK_GAS).unwrap();
            }
            _ => {}
        }
        sim.clock().advance_secs(601);
        for character in [AURA, BRAKK, CORA] {
            let t = sim
                .issue_tokens(character, &ALL_SCOPES)
                .unwrap()
                .access_token;
            let colonies: Vec<i64> = sim.with_world(|w| {
                w.characters[&character]
                    .colonies
                    .iter()
                    .map(|c| c.planet_id)
                    .collect()
            });
            problems.extend(
                check_path(
                    format!("/characters/{character}/planets"),
                    Some(t.clone()),
                    COLONIES,
                )
                .await,
            );
            for planet in colonies {
                problems.extend(
                    check_path(
                        format!("/characters/{character}/planets/{planet}"),
                        Some(t.clone()),
                        COLONY_LAYOUT,
                    )
                    .await,
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "colony bodies that do not match the spec:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_extract_holds_exactly_the_served_operations() {
    let spec = spec();
    let mut extracted: Vec<(String, String)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (path.clone(), m.clone()))
        })
        .collect();
    let mut served: Vec<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.path.to_owned(), r.method.to_owned()))
        .collect();
    extracted.sort();
    served.sort();
    assert_eq!(
        extracted, served,
        "the extract and the route table differ: run `cargo xtask esi-extract`"
    );
    assert_eq!(spec["info"]["version"], "2026-08-18");
}

#[test]
fn the_checker_catches_wrong_types_missing_fields_and_undeclared_fields() {
    let spec = spec();
    let mut problems = vec![];
    let online = response_schema(&spec, &cynosure_sim::esi::ONLINE);
    check(
        &spec,
        online,
        &json!({"online": "yes", "mood": 1}),
        "a",
        &mut problems,
    );
    check(
        &spec,
        online,
        &json!({"last_login": "not a date"}),
        "b",
        &mut problems,
    );
    assert_eq!(problems.len(), 4, "{problems:#?}");
}
