//! The installed package's smoke test, kept out of the normal run: `cargo xtask deb` runs
//! it by its exact name, `installed::installed_app_smoke`.

use tempfile::TempDir;

use crate::harness::{self, App};
use crate::support::PORTRAITS_LOADED;

/// The smoke test `cargo xtask deb` runs against the installed package (`/usr/bin/cynosure`
/// through `CYNOSURE_E2E_APP`), with its data in `CYNOSURE_E2E_DATA_DIR` so the caller can
/// check it survives removal: first run, the demo (its simulator, sign-in, boards and
/// portraits inside the installed binary), back to the player's own data.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by `cargo xtask deb` against the installed .deb"]
async fn installed_app_smoke() {
    let temp = TempDir::new().unwrap();
    let data = std::env::var_os("CYNOSURE_E2E_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_owned());
    println!("app under test: {}", harness::app_binary().display());
    let app = App::start(&data).await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.click("[data-testid=explore-demo]").await;
    app.wait_until(
        "document.querySelectorAll('.overview-card').length === 3",
        "the demo's characters",
    )
    .await;
    app.wait_until(PORTRAITS_LOADED, "the demo's portraits")
        .await;
    app.click("[data-testid=nav-industry]").await;
    app.wait_until(
        "document.querySelector('[data-testid=industry-board]')?.textContent.includes('Rifter')",
        "the demo's jobs",
    )
    .await;
    app.screenshot("installed-industry").await;
    app.click("[data-testid=nav-settings]").await;
    let about = app.text_of("[data-testid=about]").await;
    assert!(
        about.contains(&format!("Cynosure {}", env!("CARGO_PKG_VERSION"))),
        "{about}"
    );
    app.click("[data-testid=leave-demo]").await;
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );
    app.quit().await;
    assert!(data.join("cynosure.sqlite3").is_file());
    assert!(data.join("demo/cynosure.sqlite3").is_file());
}
