//! The typed command and event set, and the TypeScript bindings generated from it.

use std::path::Path;

/// Every command (and, as they come, every event) the UI may use.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        // Every `tauri_specta::Event` of events.rs and `#[tauri::command]` of commands.rs
        // (build.rs writes the lists).
        .events(include!(concat!(env!("OUT_DIR"), "/collect_events.rs")))
        .commands(include!(concat!(env!("OUT_DIR"), "/collect_commands.rs")))
}

/// Writes the TypeScript bindings the UI imports (`ui/src/bindings.ts`).
pub fn export(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                // Ids and epoch milliseconds fit in a JS number.
                .bigint(specta_typescript::BigIntExportBehavior::Number)
                .header("// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.\n// @ts-nocheck"),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when the committed bindings differ from what the Rust commands generate.
    /// `CYNOSURE_UPDATE_BINDINGS=1` (`cargo xtask bindings`) rewrites them instead.
    #[test]
    fn bindings_match_the_rust_commands() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
        if std::env::var_os("CYNOSURE_UPDATE_BINDINGS").is_some() {
            super::export(&committed).expect("write ui/src/bindings.ts");
            return;
        }
        let fresh = tempfile::Builder::new()
            .suffix(".ts")
            .tempfile()
            .expect("temp file");
        super::export(fresh.path()).expect("generate bindings");
        let generated = std::fs::read_to_string(fresh.path()).expect("read generated bindings");
        let on_disk = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            generated == on_disk,
            "ui/src/bindings.ts is out of date with the Rust commands and events: \
             run `cargo xtask bindings` and commit the result"
        );
    }
}
