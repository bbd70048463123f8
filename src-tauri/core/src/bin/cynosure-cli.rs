//! `cynosure-cli`: the core without a window, for scripts, servers and tests.
//!
//! ```text
//! cynosure-cli login          sign a character in (prints the EVE login URL, waits)
//! cynosure-cli characters     the linked characters and their token health
//! cynosure-cli unlink <id>    revoke and forget a character
//! cynosure-cli status         where tokens are kept, the client id and callback URL
//! cynosure-cli vault file|keychain   keep sign-ins in a file (while the keychain does not
//!                             answer, e.g. over SSH) or move them to the keychain now
//! cynosure-cli sync           one pass over every stale board (skills, queues, jobs, and
//!                             the boards of the features that are on)
//! cynosure-cli boards --json  the stored boards, as JSON
//! cynosure-cli features       the features, on or off, with their scopes
//! cynosure-cli features on|off <name>|all   turn features on or off (`planets`, `clones`)
//! ```
//! Same data folder, settings and keychain as the app (`CYNOSURE_DATA_DIR`,
//! `CYNOSURE_CLIENT_ID`, `CYNOSURE_ESI_URL`, `CYNOSURE_SSO_URL` apply).

use std::process::ExitCode;

use cynosure_core::auth::commands::{auth_login, auth_status, auth_unlink, auth_vault_choose};
use cynosure_core::auth::VaultKind;
use cynosure_core::features::commands::{feature_set, features_list};
use cynosure_core::features::Feature;
use cynosure_core::roster::commands::roster_list;
use cynosure_core::roster::models::TokenHealth;
use cynosure_core::{Config, Cynosure, IpcError};

const USAGE: &str = "usage: cynosure-cli <login | characters | unlink <character id> | status | vault file|keychain | sync | boards --json | features [on|off <name>|all] | doctor>";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error [{}]: {}", e.code, e.message);
            if e.code == "auth.keychain_locked" {
                eprintln!("To keep sign-ins in a file instead: cynosure-cli vault file");
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &[String]) -> Result<(), IpcError> {
    let command = args.first().map(String::as_str);
    if !matches!(
        command,
        Some(
            "login"
                | "characters"
                | "unlink"
                | "status"
                | "vault"
                | "sync"
                | "boards"
                | "features"
                | "doctor"
        )
    ) {
        return Err(IpcError::new("cli.usage", USAGE));
    }
    let config = Config::from_env()?;
    let _log = cynosure_core::logging::init(&config.paths.log_dir);
    let core = Cynosure::open(config).await?;
    let result = match (command, args.get(1)) {
        (Some("login"), None) => login(&core).await,
        (Some("characters"), None) => characters(&core).await,
        (Some("unlink"), Some(id)) => match id.parse() {
            Ok(id) => auth_unlink(&core, id)
                .await
                .map(|o| {
                    if o.revoked {
                        println!("Unlinked {id}; its refresh token is revoked at EVE.");
                    } else {
                        println!("Unlinked {id}. EVE's login could not be reached to revoke its token: revoke Cynosure on EVE's third-party applications page.");
                    }
                })
                .map_err(IpcError::from),
            Err(_) => Err(IpcError::new("cli.usage", format!("not a character id: {id}"))),
        },
        (Some("status"), None) => {
            status(&core);
            Ok(())
        }
        (Some("vault"), Some(kind)) => {
            let kind = match kind.as_str() {
                "file" => Ok(VaultKind::File),
                "keychain" => Ok(VaultKind::Keychain),
                _ => Err(IpcError::new("cli.usage", USAGE)),
            };
            match kind {
                Ok(kind) => auth_vault_choose(&core, kind)
                    .await
                    .map(|s| println!("Refresh tokens are kept in {}.", vault_words(s.vault)))
                    .map_err(IpcError::from),
                Err(e) => Err(e),
            }
        }
        (Some("sync"), None) => sync(&core).await,
        (Some("boards"), Some(flag)) if flag == "--json" => boards(&core).await,
        (Some("features"), None) => features(&core).await,
        (Some("doctor"), None) => doctor(&core).await,
        (Some("features"), Some(switch)) if args.len() == 3 => {
            switch_features(&core, switch, &args[2]).await
        }
        _ => Err(IpcError::new("cli.usage", USAGE)),
    };
    core.close().await;
    result
}

/// What EVE's servers answer, in the few requests it takes (for maintainers comparing
/// the real servers with the simulator). Never prints a token or a body.
async fn doctor(core: &Cynosure) -> Result<(), IpcError> {
    let report = cynosure_core::doctor::commands::doctor_run(core).await?;
    for f in &report.findings {
        println!("{}\t{}", f.what, f.said);
    }
    Ok(())
}

async fn login(core: &Cynosure) -> Result<(), IpcError> {
    let outcome = auth_login(core, |url| {
        println!("Open this address in a browser to sign in with EVE Online:\n{url}");
        Ok(())
    })
    .await?;
    let c = &outcome.character;
    let what = match (outcome.relinked, outcome.transferred) {
        (_, true) => "Linked (it changed owner: its old data was removed)",
        (true, _) => "Re-authorised",
        _ => "Linked",
    };
    println!("{what}: {} ({})", c.name, c.character_id);
    Ok(())
}

async fn characters(core: &Cynosure) -> Result<(), IpcError> {
    let roster = roster_list(core).await?;
    if roster.is_empty() {
        println!("No characters linked. Run `cynosure-cli login`.");
    }
    for c in roster {
        let health = match c.token_health {
            TokenHealth::Ok => "ok".to_owned(),
            TokenHealth::ReauthRequired => "re-authorise".to_owned(),
            TokenHealth::MissingScopes => format!("missing scopes: {}", c.missing_scopes.join(" ")),
        };
        let corporation = c
            .corporation_name
            .unwrap_or_else(|| format!("corporation {}", c.corporation_id));
        println!(
            "{}\t{}\t{}\t{}",
            c.character_id, c.name, corporation, health
        );
    }
    Ok(())
}

fn status(core: &Cynosure) {
    let s = auth_status(core);
    println!("Refresh tokens are kept in {}.", vault_words(s.vault));
    println!(
        "Client id: {}",
        if s.client_id_configured {
            if s.client_id_from_env {
                "set (CYNOSURE_CLIENT_ID)"
            } else if core.settings_snapshot().client_id.is_some() {
                "your own EVE application (Settings)"
            } else {
                "Cynosure's own EVE application (built in)"
            }
        } else {
            "not set"
        }
    );
    println!("Callback URL: {}", s.callback_url);
    println!("Data folder: {}", core.paths().data_dir.display());
}

fn vault_words(kind: VaultKind) -> &'static str {
    match kind {
        VaultKind::Keychain => "the system keychain",
        VaultKind::File => "a file readable only by you (as you chose)",
        VaultKind::KeychainLocked => "the system keychain, which is locked or not answering: unlock it, or run `cynosure-cli vault file` to keep them in a file readable only by you",
    }
}

async fn sync(core: &Cynosure) -> Result<(), IpcError> {
    use cynosure_core::sync::owner_sync::refresh_stale;
    use cynosure_core::sync::Outcome;
    let mut failed = 0;
    // Who is in which corporation, first (a move changes whose jobs are read).
    match cynosure_core::roster::commands::refresh_affiliations(core).await {
        Ok(0) => {}
        Ok(moved) => println!("{moved} character(s) changed corporation"),
        Err(e) => {
            failed += 1;
            let e = IpcError::from(e);
            println!("affiliation	failed [{}]: {}", e.code, e.message);
        }
    }
    // Every board the player sees (the roles board is read on the way, when needed).
    let settings = core.settings_snapshot();
    for d in cynosure_core::catalog::boards_on(&settings).filter(|d| d.announce) {
        for (owner, outcome) in refresh_stale(core, d).await? {
            let said = match &outcome {
                Outcome::Fresh => "fresh (not asked: inside ESI's cache time)".to_owned(),
                Outcome::Busy => "another run is reading it".to_owned(),
                Outcome::Gated(gate) => format!("not read: {gate:?}"),
                Outcome::Stamped => "unchanged".to_owned(),
                Outcome::Saved => "updated".to_owned(),
                Outcome::Superseded => "superseded".to_owned(),
                Outcome::Failed(e) => {
                    failed += 1;
                    format!("failed [{}]: {}", e.code, e.message)
                }
            };
            println!("{}\t{}\t{}", d.slice, owner, said);
        }
    }
    if failed > 0 {
        return Err(IpcError::new(
            "cli.sync_failed",
            format!("{failed} board(s) could not be read; the stored ones are kept"),
        ));
    }
    Ok(())
}

async fn boards(core: &Cynosure) -> Result<(), IpcError> {
    let skills = cynosure_core::skills::commands::skills_read(core).await?;
    let jobs = cynosure_core::industry::commands::jobs_read(core).await?;
    let planets = cynosure_core::planets::commands::planets_read(core).await?;
    let slots = cynosure_core::slots::commands::slots_read(core).await?;
    let clones = cynosure_core::clones::commands::clones_read(core).await?;
    let orders = cynosure_core::markets::commands::orders_read(core).await?;
    let contracts = cynosure_core::contracts::commands::contracts_read(core).await?;
    let out = serde_json::json!({
        "skills": skills,
        "jobs": jobs,
        "planets": planets,
        "slots": slots,
        "clones": clones,
        "orders": orders,
        "contracts": contracts,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(())
}

async fn features(core: &Cynosure) -> Result<(), IpcError> {
    for f in features_list(core).await? {
        let name = wire_name(f.feature);
        let state = if f.on { "on" } else { "off" };
        println!("{name}\t{state}\t{}\t{}", f.name, f.scopes.join(" "));
        if f.on && !f.lacking.is_empty() {
            let who: Vec<&str> = f.lacking.iter().map(|c| c.name.as_str()).collect();
            println!(
                "\tneeds permission: {} (run `cynosure-cli login` for each to re-authorise)",
                who.join(", ")
            );
        }
    }
    Ok(())
}

/// The feature's name on the command line (`planets`), as the wire spells it.
fn wire_name(feature: Feature) -> String {
    serde_json::to_value(feature)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

async fn switch_features(core: &Cynosure, switch: &str, which: &str) -> Result<(), IpcError> {
    let on = match switch {
        "on" => true,
        "off" => false,
        _ => return Err(IpcError::new("cli.usage", USAGE)),
    };
    let all: Vec<Feature> = cynosure_core::catalog::FEATURES
        .iter()
        .map(|f| f.feature)
        .collect();
    let chosen: Vec<Feature> = if which == "all" {
        all
    } else {
        all.into_iter().filter(|f| wire_name(*f) == which).collect()
    };
    if chosen.is_empty() {
        return Err(IpcError::new(
            "cli.usage",
            format!("no feature named {which}: see `cynosure-cli features`"),
        ));
    }
    for feature in chosen {
        let state = feature_set(core, feature, on).await?;
        println!("{}: {}", state.name, if state.on { "on" } else { "off" });
        if state.on && !state.lacking.is_empty() {
            println!(
                "{} character(s) need re-authorising for it: {}",
                state.lacking.len(),
                state
                    .lacking
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    Ok(())
}
