//! Twenty pilots, as a multi-account player has them: the Overview's cards and the All
//! pilots table at that size (the README's screenshots), every pilot signed in through
//! the simulator's login before the app starts (their tokens then move from the file
//! the sign-ins used into the session's keychain).

use std::sync::Arc;

use cynosure_core::Clock as _;
use cynosure_sim::world::CROWD_FIRST;
use tempfile::TempDir;

use crate::harness::{self, App};
use crate::support::sim_env;

const PILOTS: i64 = 20;

#[tokio::test(flavor = "multi_thread")]
async fn twenty_pilots_at_a_glance() {
    let sim = cynosure_sim::Sim::start(cynosure_sim::SimConfig {
        clock: cynosure_sim::SimClock::system(),
        world: Some(cynosure_sim::World::crowd(
            cynosure_core::SystemClock.now_ms(),
            PILOTS,
        )),
        options: cynosure_sim::Options {
            token_log: harness::token_log(),
            ..Default::default()
        },
        ..cynosure_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let data = TempDir::new().unwrap();
    {
        let port = cynosure_testkit::free_port();
        sim.add_callback(&format!("http://localhost:{port}/callback"));
        let mut config = cynosure_core::Config::new(
            cynosure_core::Paths::in_dir(data.path()),
            Arc::new(cynosure_core::SystemClock),
        );
        config.vault = cynosure_core::auth::VaultChoice::File;
        config.gate = cynosure_core::esi::GateConfig::at(sim.base_url());
        config.client_id = Some(cynosure_sim::DEFAULT_CLIENT_ID.into());
        let core = cynosure_core::Cynosure::open(config).await.unwrap();
        cynosure_core::settings::commands::settings_update(
            &core,
            cynosure_core::settings::models::SettingsPatch {
                callback_port: Some(port),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for id in CROWD_FIRST..CROWD_FIRST + PILOTS {
            sim.login_as(id);
            // The browser: follows EVE's login back to the loopback listener.
            cynosure_core::auth::commands::auth_login(&core, |url| {
                std::process::Command::new("curl")
                    .args(["-sSL", "-o", "/dev/null", url])
                    .spawn()
                    .map(drop)
                    .map_err(|e| e.to_string())
            })
            .await
            .unwrap();
        }
        core.close().await;
    }

    let app = App::start_with_env(data.path(), &sim_env(&sim)).await;
    app.wait_until(
        &format!(
            "document.querySelectorAll('.overview-card').length === {PILOTS} && \
             ![...document.querySelectorAll('.overview-card')].some(c => c.dataset.queueState === 'unknown')"
        ),
        "twenty cards with their queues",
    )
    .await;
    // (Portraits show initials here: the window loads images from EVE's image server
    // only, never from the simulator's loopback port.)
    assert!(
        app.client
            .find(fantoccini::Locator::Css(".overview-card .badge-warn"))
            .await
            .is_err(),
        "every pilot's sign-in works (none asks to sign in again)"
    );
    app.screenshot_for_docs("overview-20").await;

    app.click("[data-testid=layout-table]").await;
    app.wait_until(
        &format!("document.querySelectorAll('[data-testid=pilots] tr[data-character-id]').length === {PILOTS}"),
        "twenty lines in the table",
    )
    .await;
    // One line each, and sortable: by skill points, most first.
    app.click("[data-testid=pilots-sort-sp]").await;
    app.click("[data-testid=pilots-sort-sp]").await;
    app.wait_until(
        "(() => { const sp = [...document.querySelectorAll('[data-testid=pilots] tr[data-character-id] td:nth-child(6)')] \
           .map((td) => Number(td.textContent.replace(/[^0-9]/g, ''))); \
           return sp.length > 1 && sp.every((v, i) => i === 0 || sp[i - 1] >= v); })()",
        "the table sorted by skill points, most first",
    )
    .await;
    app.screenshot_for_docs("pilots-20").await;
    app.quit().await;
}
