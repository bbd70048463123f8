//! `cynosure-cli` as a user runs it: login (the test plays the browser with the URL it
//! prints), characters, unlink — against the simulator, with the session's keychain.

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use common::follow;
use cynosure_sim::world::CORA;
use cynosure_sim::{Sim, SimClock, SimConfig, DEFAULT_CLIENT_ID};
use cynosure_testkit::free_port;

fn cli(dir: &std::path::Path, sim: &Sim) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cynosure-cli"));
    cmd.env("CYNOSURE_DATA_DIR", dir)
        .env("CYNOSURE_VAULT", "file")
        .env("CYNOSURE_ESI_URL", sim.base_url())
        .env("CYNOSURE_SSO_URL", sim.base_url())
        .env("CYNOSURE_CLIENT_ID", DEFAULT_CLIENT_ID)
        .env("CYNOSURE_LOG", "warn");
    cmd
}

/// The CLI runs on the system clock: so does this simulator.
async fn system_clock_sim(port: u16) -> Sim {
    Sim::start(SimConfig {
        clock: SimClock::system(),
        callbacks: vec![format!("http://localhost:{port}/callback")],
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// A data folder with Aura linked through the core (the same folder and file vault the
/// CLI uses), its callback port registered.
async fn folder_with_aura(sim: &Sim, port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = cynosure_core::Config::new(
        cynosure_core::Paths::in_dir(dir.path()),
        std::sync::Arc::new(cynosure_core::SystemClock),
    );
    config.vault = cynosure_core::auth::VaultChoice::File;
    config.gate = cynosure_core::esi::GateConfig::at(sim.base_url());
    config.client_id = Some(DEFAULT_CLIENT_ID.into());
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
    cynosure_core::auth::commands::auth_login(&core, |url| {
        let url = url.to_owned();
        tokio::spawn(async move { follow(&url).await });
        Ok(())
    })
    .await
    .unwrap();
    core.close().await;
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn login_characters_and_unlink_from_the_command_line() {
    let port = free_port();
    let sim = system_clock_sim(port).await;
    sim.login_as(CORA);
    let dir = tempfile::tempdir().unwrap();
    // The callback port is a setting (stored in the database the CLI shares).
    {
        let mut config = cynosure_core::Config::new(
            cynosure_core::Paths::in_dir(dir.path()),
            std::sync::Arc::new(cynosure_core::SystemClock),
        );
        config.vault = cynosure_core::auth::VaultChoice::File;
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
        core.close().await;
    }

    let mut login = cli(dir.path(), &sim)
        .arg("login")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = login.stdout.take().unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut printed = Vec::new();
    let url = loop {
        let line = rx.recv().await.expect("the CLI prints the authorize URL");
        printed.push(line.clone());
        if line.starts_with("http") {
            break line;
        }
    };
    // The browser visit while the CLI waits for the callback.
    let page = follow(&url).await;
    assert!(page.1.contains("Cora"), "{}", page.1);
    let status = tokio::task::spawn_blocking(move || login.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success());
    while let Some(line) = rx.recv().await {
        printed.push(line);
    }
    let printed = printed.join("\n");
    assert!(
        printed.contains("Linked: ") && printed.contains(&CORA.to_string()),
        "{printed}"
    );

    let out = cli(dir.path(), &sim).arg("characters").output().unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains(&format!("{CORA}\t")) && listed.contains("\tok"),
        "{listed}"
    );

    // Bad input: an id that is not linked.
    let out = cli(dir.path(), &sim)
        .args(["unlink", "12345"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("roster.unknown_character"));

    let out = cli(dir.path(), &sim)
        .args(["unlink", &CORA.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("revoked"));
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|r| r.route == "sso.revoke" && r.character_id == Some(CORA))
            .count(),
        1
    );
    let out = cli(dir.path(), &sim).arg("characters").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("No characters linked"));

    // Nothing the CLI printed or logged holds a token.
    for token in sim
        .access_tokens_issued()
        .iter()
        .chain(&sim.refresh_tokens_issued())
    {
        assert!(!printed.contains(token.as_str()) && !listed.contains(token.as_str()));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sync_and_boards_from_the_command_line() {
    let port = free_port();
    let sim = system_clock_sim(port).await;
    sim.login_as(cynosure_sim::world::AURA);
    let dir = folder_with_aura(&sim, port).await;

    let out = cli(dir.path(), &sim).arg("sync").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("skills\t2112000001\tupdated"), "{said}");
    assert!(
        said.contains("corporation_jobs\t98700001\tupdated"),
        "{said}"
    );

    // A second pass inside the cache window asks ESI nothing.
    let before = sim
        .requests()
        .iter()
        .filter(|r| r.route.starts_with("esi."))
        .count();
    let out = cli(dir.path(), &sim).arg("sync").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("fresh"));
    let after = sim
        .requests()
        .iter()
        .filter(|r| r.route.starts_with("esi."))
        .count();
    assert_eq!(before, after);

    let out = cli(dir.path(), &sim)
        .args(["boards", "--json"])
        .output()
        .unwrap();
    let boards: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(boards["skills"]["characters"][0]["name"], "Aura Vexx");
    let owners = boards["jobs"]["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 2);
    assert_eq!(owners[1]["name"], "Brave Industries");
    // Slots from the same stored boards: Aura's Mass Production IV, three jobs held.
    let manufacturing = &boards["slots"]["characters"][0]["slots"][0];
    assert_eq!(manufacturing["kind"], "manufacturing");
    assert_eq!(manufacturing["total"], 5);
    assert_eq!(manufacturing["busyUntil"].as_array().unwrap().len(), 3);
    // Every feature's boards are there, saying whether the feature is on.
    for feature in ["planets", "clones", "orders", "contracts"] {
        assert_eq!(boards[feature]["on"], false, "{feature}");
        assert_eq!(
            boards[feature]["characters"][0]["name"], "Aura Vexx",
            "{feature}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn doctor_says_what_the_servers_answer_and_never_a_token() {
    let port = free_port();
    let sim = system_clock_sim(port).await;
    sim.login_as(cynosure_sim::world::AURA);
    let dir = folder_with_aura(&sim, port).await;
    let out = cli(dir.path(), &sim).arg("doctor").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    let line = |what: &str| {
        said.lines()
            .find(|l| l.starts_with(&format!("{what}\t")))
            .unwrap_or_else(|| panic!("no {what} line in {said}"))
            .to_owned()
    };
    assert!(line("sso.metadata").contains("jwks_uri http://"), "{said}");
    assert!(
        line("sso.jwks").contains("RS256 RSA JWT-Signature-Key")
            && line("sso.jwks").contains("ES256 EC")
            && line("sso.jwks").contains("other members: SkipUnresolvedJsonWebKeys"),
        "{said}"
    );
    assert!(
        line("sso.token").contains("RS256 signed, kid JWT-Signature-Key")
            && line("sso.token").contains("lifetime 1200 s"),
        "{said}"
    );
    let skills = line("esi.skills");
    assert!(
        skills.contains("HTTP 200, cached 60 s (Expires − Date), rate-limit group char-detail")
            && skills.contains("etag")
            && skills.contains("x-ratelimit-remaining"),
        "{skills}"
    );
    assert!(line("esi.corporation_jobs").contains("1 page(s)"), "{said}");
    assert!(
        line("esi.names").contains("x-esi-error-limit-remain"),
        "{said}"
    );
    // Never a token, in anything it printed.
    let everything = format!("{said}{}", String::from_utf8_lossy(&out.stderr));
    for token in sim
        .access_tokens_issued()
        .into_iter()
        .chain(sim.refresh_tokens_issued())
    {
        assert!(!everything.contains(&token), "a token was printed");
    }
    // And nothing it asked was inside a cache window or broke CCP's rules.
    assert_eq!(sim.breaches(), vec![]);
}
