//! The minimal Tauri app the start-up benchmark measures Cynosure against, written from
//! the files in `templates/minimal-app/`. Those files are the app as it is written out;
//! the `.tmpl` ones hold `{{placeholders}}` filled here.

use std::path::PathBuf;

use super::bench_dir;
use crate::shell::root;

/// A file of `templates/minimal-app/`, built into xtask.
macro_rules! template {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/minimal-app/",
            $file
        ))
    };
}

/// The app's files: where each is written, and its template.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", template!("Cargo.toml.tmpl")),
    ("build.rs", template!("build.rs")),
    ("src/main.rs", template!("src/main.rs")),
    ("dist/index.html", template!("dist/index.html")),
    ("tauri.conf.json", template!("tauri.conf.json.tmpl")),
];

/// The minimal app: one window, a page that marks its first paint, nothing else; the
/// Tauri version and release profile are Cynosure's.
pub(crate) fn write_minimal_app() -> Result<PathBuf, String> {
    let dir = bench_dir().join("minimal");
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let version = |name: &str| -> Result<String, String> {
        let marker = format!("name = \"{name}\"\nversion = \"");
        let at = lock
            .find(&marker)
            .ok_or(format!("{name} not in Cargo.lock"))?
            + marker.len();
        Ok(lock[at..].split('"').next().unwrap_or_default().to_owned())
    };
    let icon = root().join("icons/32x32.png");
    let values = [
        ("tauri_version", version("tauri")?),
        ("tauri_build_version", version("tauri-build")?),
        ("icon", icon.display().to_string()),
    ];
    for (path, template) in FILES {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::write(&path, fill(template, &values))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    // The same versions as Cynosure's where they overlap.
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

/// `template` with every `{{name}}` replaced by its value.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        let values = [
            ("tauri_version", "2.0.0".to_owned()),
            ("tauri_build_version", "2.0.0".to_owned()),
            ("icon", "/icons/32x32.png".to_owned()),
        ];
        for (path, template) in FILES {
            let text = fill(template, &values);
            assert!(!text.contains("{{"), "{path} keeps a placeholder:\n{text}");
        }
    }
}
