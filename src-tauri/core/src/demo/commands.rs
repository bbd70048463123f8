//! Opening the demo: a fresh folder, the simulator, a core pointed at it, and the
//! demo's characters signed in through custody.

use std::sync::Arc;
use std::time::Duration;

use cynosure_sim::{Options, Sim, SimConfig, World};

use super::models::{DemoWorld, DEMO_ACCOUNTS, DEMO_CHARACTERS, DEMO_DIR};
use super::DemoError;
use crate::auth::loopback::callback_url;
use crate::auth::VaultChoice;
use crate::esi::GateConfig;
use crate::settings::models::SettingsPatch;
use crate::{auth, roster, settings, Config, Cynosure, Paths, SystemClock};

/// Starts the demo beside the real data in `home` (which it never touches): returns its
/// core, with the demo characters linked, and the simulated world it talks to.
#[tracing::instrument(skip_all, err)]
pub async fn demo_open(home: &Paths) -> Result<(Cynosure, DemoWorld), DemoError> {
    let paths = Paths {
        data_dir: home.data_dir.join(DEMO_DIR),
        log_dir: home.log_dir.clone(),
    };
    clear_demo_folder(&paths.data_dir)?;
    std::fs::create_dir_all(&paths.data_dir).map_err(DemoError::Folder)?;
    std::fs::write(paths.data_dir.join(DEMO_MARKER), MARKER_TEXT).map_err(DemoError::Folder)?;

    let clock = Arc::new(SystemClock);
    let sim = Sim::start(SimConfig {
        world: Some(World::demo(crate::Clock::now_ms(&*clock))),
        callbacks: vec![],
        options: Options {
            request_log: false,
            token_history: false,
            ..Options::default()
        },
        ..SimConfig::default()
    })
    .await
    .map_err(DemoError::Simulator)?;

    let core = Cynosure::open(Config {
        gate: GateConfig::at(sim.base_url()),
        vault: VaultChoice::File,
        client_id: Some(sim.client_id()),
        login_timeout: Duration::from_secs(30),
        demo: true,
        ..Config::new(paths, clock)
    })
    .await?;

    let port = free_port().map_err(DemoError::Simulator)?;
    settings::commands::settings_update(
        &core,
        SettingsPatch {
            callback_port: Some(port),
            // The demo shows every feature (its pilots are signed in with their scopes).
            features: Some(crate::catalog::FEATURES.iter().map(|f| f.feature).collect()),
            ..SettingsPatch::default()
        },
    )
    .await?;
    sim.add_callback(&callback_url(port));
    for character_id in DEMO_CHARACTERS {
        sim.login_as(character_id);
        auth::commands::auth_login(&core, follow_redirects).await?;
    }
    for (name, characters) in DEMO_ACCOUNTS {
        let account = roster::commands::account_create(&core, name).await?;
        for character_id in characters.iter() {
            roster::commands::account_assign(&core, *character_id, Some(account.account_id))
                .await?;
        }
    }
    tracing::info!(esi = %sim.base_url(), "demo started");
    Ok((core, DemoWorld { sim }))
}

/// The file that marks a folder as the demo's own: only such a folder is ever deleted.
pub const DEMO_MARKER: &str = ".cynosure-demo";
const MARKER_TEXT: &str =
    "This folder is Cynosure's demo: it is deleted and made afresh each time the demo starts.\n";

/// Deletes the last demo's folder — only if it is the demo's (it holds the marker): a data
/// folder pointed elsewhere (`CYNOSURE_DATA_DIR`) must never lose a player's files.
fn clear_demo_folder(dir: &std::path::Path) -> Result<(), DemoError> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(DemoError::Folder(e)),
        Ok(meta) if !meta.is_dir() => return Err(DemoError::NotOurs(dir.display().to_string())),
        Ok(_) => {}
    }
    if !dir.join(DEMO_MARKER).is_file() && !made_by_an_earlier_demo(dir) {
        return Err(DemoError::NotOurs(dir.display().to_string()));
    }
    std::fs::remove_dir_all(dir).map_err(DemoError::Folder)
}

/// A demo folder from before the marker: nothing in it but what a demo writes.
fn made_by_an_earlier_demo(dir: &std::path::Path) -> bool {
    const DEMO_FILES: &[&str] = &[
        "cynosure.sqlite3",
        "cynosure.sqlite3-wal",
        "cynosure.sqlite3-shm",
        crate::auth::vault::TOKEN_FILE,
    ];
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.into_iter().all(|e| {
            e.ok()
                .and_then(|e| e.file_name().into_string().ok())
                .is_some_and(|name| DEMO_FILES.contains(&name.as_str()))
        })
    })
}

/// The demo's browser: fetches the authorize URL and follows EVE's redirect to the
/// loopback listener, as a player's browser would.
fn follow_redirects(url: &str) -> Result<(), String> {
    let url = url.to_owned();
    tokio::spawn(async move {
        if let Err(e) = reqwest::get(&url).await {
            tracing::warn!(error = %e.without_url(), "the demo's sign-in did not reach the callback");
        }
    });
    Ok(())
}

/// A loopback port nobody listens on right now, for the demo's callback URL.
fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port())
}
