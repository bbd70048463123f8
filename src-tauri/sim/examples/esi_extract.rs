//! Makes the trimmed extract of CCP's ESI material kept in `third_party/ccp/`: the
//! operations the simulator serves (its route table, which covers every route Cynosure
//! uses) with every component they reference, and CCP's example responses for them.
//! `cargo xtask esi-extract` runs it; see `third_party/ccp/README.md`.
//!
//! ```text
//! esi_extract --spec <openapi 3 spec, .json or .yaml>
//!             [--swagger <the Swagger 2.0 spec, for its response examples>]
//!             [--example <name>=<file>]...   (examples kept as they are, e.g. SSO's)
//!             --out <folder>
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cynosure_sim::esi::ROUTES;
use serde_json::{json, Map, Value};

fn main() {
    if let Err(e) = run() {
        eprintln!("esi_extract: {e}");
        std::process::exit(1);
    }
}

#[derive(Default)]
struct Args {
    spec: Option<PathBuf>,
    swagger: Option<PathBuf>,
    examples: Vec<(String, PathBuf)>,
    out: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--spec" => args.spec = Some(value()?.into()),
            "--swagger" => args.swagger = Some(value()?.into()),
            "--out" => args.out = Some(value()?.into()),
            "--example" => {
                let v = value()?;
                let (name, file) = v.split_once('=').ok_or("--example takes name=file")?;
                args.examples.push((name.to_owned(), file.into()));
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // JSON is YAML too; CCP serves JSON, some copies are YAML.
    serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, value: &Value) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = args()?;
    let spec_path = args.spec.ok_or("--spec is required")?;
    let out = args.out.ok_or("--out is required")?;
    let spec = read(&spec_path)?;

    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for route in ROUTES {
        let op = spec["paths"][route.path][route.method].clone();
        if op.is_null() {
            return Err(format!(
                "{} {} is not in the spec",
                route.method, route.path
            ));
        }
        paths
            .entry(route.path.to_owned())
            .or_default()
            .insert(route.method.to_owned(), op);
    }
    let paths = Value::Object(
        paths
            .into_iter()
            .map(|(p, ops)| (p, Value::Object(ops)))
            .collect(),
    );

    // Every component the kept operations reference, and everything those reference.
    let mut wanted: BTreeSet<(String, String)> = BTreeSet::new();
    let mut todo = vec![paths.clone()];
    while let Some(value) = todo.pop() {
        for reference in refs(&value) {
            let Some(rest) = reference.strip_prefix("#/components/") else {
                return Err(format!("a reference outside components: {reference}"));
            };
            let (kind, name) = rest.split_once('/').ok_or("a malformed reference")?;
            if wanted.insert((kind.to_owned(), name.to_owned())) {
                todo.push(spec["components"][kind][name].clone());
            }
        }
    }
    let mut components = Map::new();
    for (kind, name) in &wanted {
        let entry = components
            .entry(kind.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[name.as_str()] = spec["components"][kind.as_str()][name.as_str()].clone();
    }
    // The security schemes name the SSO endpoints and every scope.
    components.insert(
        "securitySchemes".into(),
        spec["components"]["securitySchemes"].clone(),
    );

    let extract = json!({
        "openapi": spec["openapi"],
        "info": spec["info"],
        "servers": spec["servers"],
        "paths": paths,
        "components": components,
    });
    std::fs::create_dir_all(out.join("examples")).map_err(|e| e.to_string())?;
    write(&out.join("esi-openapi.json"), &extract)?;

    let mut written = 0;
    if let Some(swagger) = &args.swagger {
        let swagger = read(swagger)?;
        for route in ROUTES {
            if let Some(example) = swagger_example(&swagger, route.method, route.path) {
                write(
                    &out.join("examples")
                        .join(example_name(route.method, route.path)),
                    &example,
                )?;
                written += 1;
            }
        }
    }
    for (name, file) in &args.examples {
        write(
            &out.join("examples").join(format!("{name}.json")),
            &read(file)?,
        )?;
        written += 1;
    }
    println!(
        "{}: {} operations, {} components; {written} examples",
        out.display(),
        ROUTES.len(),
        wanted.len()
    );
    Ok(())
}

/// Every `$ref` inside a value.
fn refs(value: &Value) -> Vec<String> {
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| match (k.as_str(), v) {
                ("$ref", Value::String(r)) => vec![r.clone()],
                _ => refs(v),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(refs).collect(),
        _ => vec![],
    }
}

/// `get_characters_character_id_skills.200.json`.
pub fn example_name(method: &str, path: &str) -> String {
    let words: Vec<&str> = path
        .split(['/', '{', '}'])
        .filter(|w| !w.is_empty())
        .collect();
    format!("{method}_{}.200.json", words.join("_"))
}

/// The 200 example of the same operation in the Swagger 2.0 spec, whose paths carry a
/// version and a trailing slash (`/v4/characters/{character_id}/skills/`).
fn swagger_example(swagger: &Value, method: &str, path: &str) -> Option<Value> {
    let paths = swagger["paths"].as_object()?;
    paths.iter().find_map(|(versioned, ops)| {
        let bare = versioned
            .trim_end_matches('/')
            .split_once('/')
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split_once('/'))
            .map(|(version, rest)| (version, format!("/{rest}")))
            .filter(|(version, _)| version.starts_with('v'))
            .map(|(_, rest)| rest)?;
        (bare == path)
            .then(|| ops[method]["responses"]["200"]["examples"]["application/json"].clone())
            .filter(|e| !e.is_null())
    })
}
