//! Every body the simulator serves is checked against the 2026-08-18 ESI OpenAPI spec
//! in `shared/esi/` (types, required fields, enums, date-times, and no undeclared
//! fields), so the simulator cannot drift into a shape of our own invention.

mod common;

use common::*;
use cynosure_sim::world::{AURA, CORP_BRAVE};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

fn spec() -> Yaml {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/esi/esi-openapi-3.0.3_compat-2026-08-18_goesi-openapi-normalized.yaml",
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the ESI spec must be beside the clone at {}: {e}",
            path.display()
        )
    });
    serde_yaml::from_str(&text).expect("the spec parses")
}

fn resolve<'a>(spec: &'a Yaml, schema: &'a Yaml) -> &'a Yaml {
    match schema.get("$ref").and_then(Yaml::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(spec, &spec["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn response_schema<'a>(spec: &'a Yaml, path: &str, method: &str) -> &'a Yaml {
    let op = &spec["paths"][path][method];
    assert!(!op.is_null(), "{method} {path} is in the spec");
    resolve(
        spec,
        &op["responses"]["200"]["content"]["application/json"]["schema"],
    )
}

fn check(spec: &Yaml, schema: &Yaml, value: &Json, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    let ty = schema.get("type").and_then(Yaml::as_str).unwrap_or("");
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
    if let Some(allowed) = schema.get("enum").and_then(Yaml::as_sequence) {
        let allowed: Vec<&str> = allowed.iter().filter_map(Yaml::as_str).collect();
        if let Some(s) = value.as_str() {
            if !allowed.contains(&s) {
                problems.push(format!("{at}: {s:?} not in enum"));
            }
        }
    }
    if schema.get("format").and_then(Yaml::as_str) == Some("date-time") {
        let s = value.as_str().unwrap_or_default();
        if time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_err() {
            problems.push(format!("{at}: {s:?} is not a date-time"));
        }
    }
    if let (Some(obj), Some(props)) = (
        value.as_object(),
        schema.get("properties").and_then(Yaml::as_mapping),
    ) {
        for required in schema
            .get("required")
            .and_then(Yaml::as_sequence)
            .into_iter()
            .flatten()
        {
            let name = required.as_str().unwrap();
            if !obj.contains_key(name) {
                problems.push(format!("{at}: missing required {name}"));
            }
        }
        for (key, v) in obj {
            match props.get(Yaml::String(key.clone())) {
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

#[tokio::test]
async fn every_served_body_matches_the_2026_08_18_spec() {
    let spec = spec();
    let sim = sim().await;
    let t = sim.issue_tokens(AURA, ALL_SCOPES).unwrap().access_token;
    let gets = [
        (
            "/characters/{character_id}/online",
            format!("/characters/{AURA}/online"),
        ),
        (
            "/characters/{character_id}/skills",
            format!("/characters/{AURA}/skills"),
        ),
        (
            "/characters/{character_id}/skillqueue",
            format!("/characters/{AURA}/skillqueue"),
        ),
        (
            "/characters/{character_id}/industry/jobs",
            format!("/characters/{AURA}/industry/jobs"),
        ),
        (
            "/characters/{character_id}/roles",
            format!("/characters/{AURA}/roles"),
        ),
        ("/characters/{character_id}", format!("/characters/{AURA}")),
        (
            "/corporations/{corporation_id}/industry/jobs",
            format!("/corporations/{CORP_BRAVE}/industry/jobs"),
        ),
        ("/status", "/status".to_owned()),
    ];
    let mut problems = vec![];
    for (template, path) in gets {
        let r = esi(&sim, &path, Some(&t), None).await;
        assert_eq!(r.status(), 200, "{path}");
        let body: Json = r.json().await.unwrap();
        if body.as_array().is_some_and(Vec::is_empty) {
            problems.push(format!(
                "{path}: the seeded world should give a non-empty body to check"
            ));
        }
        check(
            &spec,
            response_schema(&spec, template, "get"),
            &body,
            &path,
            &mut problems,
        );
    }
    for (template, ids) in [
        ("/characters/affiliation", format!("[{AURA}]")),
        ("/universe/names", format!("[{AURA}, 587, {CORP_BRAVE}]")),
    ] {
        let r = http()
            .post(format!("{}{template}", sim.base_url()))
            .header("X-Compatibility-Date", "2026-08-18")
            .header("Content-Type", "application/json")
            .body(ids)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{template}");
        let body: Json = r.json().await.unwrap();
        check(
            &spec,
            response_schema(&spec, template, "post"),
            &body,
            template,
            &mut problems,
        );
    }
    // Errors follow the spec's Error schema.
    let r = esi(&sim, &format!("/characters/{AURA}/skills"), None, None).await;
    let body: Json = r.json().await.unwrap();
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
    use cynosure_sim::esi::*;
    let spec = spec();
    let routes = [
        ("/characters/{character_id}/online", "get", ONLINE),
        ("/characters/{character_id}/skills", "get", SKILLS),
        ("/characters/{character_id}/skillqueue", "get", SKILLQUEUE),
        ("/characters/{character_id}/industry/jobs", "get", CHAR_JOBS),
        (
            "/corporations/{corporation_id}/industry/jobs",
            "get",
            CORP_JOBS,
        ),
        ("/characters/{character_id}/roles", "get", ROLES),
        ("/characters/{character_id}", "get", CHARACTER),
        ("/characters/affiliation", "post", AFFILIATION),
        ("/universe/names", "post", NAMES),
        ("/status", "get", STATUS),
    ];
    for (path, method, route) in routes {
        let op = &spec["paths"][path][method];
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
    }
}

#[test]
fn the_checker_catches_wrong_types_missing_fields_and_undeclared_fields() {
    let spec = spec();
    let mut problems = vec![];
    let online = response_schema(&spec, "/characters/{character_id}/online", "get");
    check(
        &spec,
        online,
        &serde_json::json!({"online": "yes", "mood": 1}),
        "a",
        &mut problems,
    );
    check(
        &spec,
        online,
        &serde_json::json!({"last_login": "not a date"}),
        "b",
        &mut problems,
    );
    assert_eq!(problems.len(), 4, "{problems:#?}");
}
