use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn main() {
    write_licences();
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission
    // for each, so the window's capability (tauri.conf.json) grants exactly those.
    let commands = &[
        "roster_list",
        "settings_get",
        "settings_update",
        "app_info",
        "open_log_folder",
        "autostart_get",
        "autostart_set",
        "auth_login",
        "auth_login_cancel",
        "auth_unlink",
        "auth_status",
        "skills_on_view",
        "jobs_on_view",
        "online_state",
        "presence_heartbeat",
        "presence_hidden",
        "demo_enter",
        "demo_leave",
        "app_licences",
        "update_check",
        "update_install",
        "startup_painted",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}

/// The open-source components shipped in the app (Rust crates linked into the binary, npm
/// packages bundled into the UI) with their licences, for Settings → About.
fn write_licences() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=ui/package-lock.json");
    let mut components: BTreeSet<(String, String, String)> = BTreeSet::new();
    match crates(dir) {
        Ok(found) => components.extend(found),
        Err(e) => println!("cargo:warning=the licence list has no Rust crates: {e}"),
    }
    match npm_packages(dir) {
        Ok(found) => components.extend(found),
        Err(e) => println!("cargo:warning=the licence list has no npm packages: {e}"),
    }
    let list: Vec<_> = components
        .into_iter()
        .map(|(name, version, licence)| serde_json::json!({"name": name, "version": version, "licence": licence}))
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("licences.json");
    std::fs::write(out, serde_json::to_string(&list).expect("json")).expect("write licences.json");
}

type Component = (String, String, String);

/// Every crate the app links (normal dependencies, from `cargo metadata`), workspace
/// members aside.
fn crates(dir: &Path) -> Result<Vec<Component>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = std::env::var("TARGET").map_err(|e| e.to_string())?;
    let metadata = |offline: bool| {
        let mut command = std::process::Command::new(&cargo);
        command.args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--filter-platform",
            &target,
        ]);
        if offline {
            command.arg("--offline");
        }
        command
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .output()
    };
    // Offline first (everything the build uses is already here); the metadata of crates
    // for other systems may still have to be fetched once.
    let output = match metadata(true) {
        Ok(out) if out.status.success() => out,
        _ => metadata(false).map_err(|e| e.to_string())?,
    };
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let members: BTreeSet<&str> = meta["workspace_members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str())
        .collect();
    let packages: BTreeMap<&str, &serde_json::Value> = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: BTreeMap<&str, &serde_json::Value> = meta["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let root = packages
        .values()
        .find(|p| p["name"] == "cynosure" && members.contains(p["id"].as_str().unwrap_or_default()))
        .and_then(|p| p["id"].as_str())
        .ok_or("no cynosure package")?;
    let mut seen = BTreeSet::new();
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes
            .get(id)
            .and_then(|n| n["deps"].as_array())
            .into_iter()
            .flatten()
        {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null());
            if let (true, Some(pkg)) = (normal, dep["pkg"].as_str()) {
                todo.push(pkg);
            }
        }
    }
    Ok(seen
        .into_iter()
        .filter(|id| !members.contains(id))
        .filter_map(|id| packages.get(id))
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["version"].as_str().unwrap_or_default().to_owned(),
                p["license"].as_str().unwrap_or("see its source").to_owned(),
            )
        })
        .collect())
}

/// The UI's runtime npm packages and theirs, from `ui/package-lock.json`.
fn npm_packages(dir: &Path) -> Result<Vec<Component>, String> {
    let read = |p: &str| -> Result<serde_json::Value, String> {
        let text = std::fs::read_to_string(dir.join(p)).map_err(|e| format!("{p}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("{p}: {e}"))
    };
    let lock = read("ui/package-lock.json")?;
    let locked = &lock["packages"];
    let mut todo: Vec<String> = locked[""]["dependencies"]
        .as_object()
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default();
    let mut found = BTreeMap::new();
    while let Some(name) = todo.pop() {
        let entry = &locked[format!("node_modules/{name}")];
        if entry.is_null() || found.contains_key(&name) {
            continue;
        }
        if let Some(deps) = entry["dependencies"].as_object() {
            todo.extend(deps.keys().cloned());
        }
        found.insert(
            name,
            (
                entry["version"].as_str().unwrap_or_default().to_owned(),
                entry["license"]
                    .as_str()
                    .unwrap_or("see its source")
                    .to_owned(),
            ),
        );
    }
    Ok(found
        .into_iter()
        .map(|(name, (version, licence))| (name, version, licence))
        .collect())
}
