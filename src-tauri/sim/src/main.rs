//! `cargo run -p cynosure-sim -- --port 8470 [--client-id ID] [--callback URL]`

use cynosure_sim::{Sim, SimConfig, DEFAULT_CALLBACK, DEFAULT_CLIENT_ID};

#[tokio::main]
async fn main() {
    let mut config = SimConfig::default();
    let mut callbacks = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                std::process::exit(2)
            })
        };
        match arg.as_str() {
            "--port" => config.port = value("--port").parse().expect("--port takes a number"),
            "--client-id" => config.client_id = value("--client-id"),
            "--callback" => callbacks.push(value("--callback")),
            "--downtime" => config.options.downtime = true,
            "-h" | "--help" => {
                println!(
                    "cynosure-sim: a local EVE SSO + ESI simulator\n\n\
                     --port N          listen on 127.0.0.1:N (default: any free port)\n\
                     --client-id ID    the application it accepts (default {DEFAULT_CLIENT_ID})\n\
                     --callback URL    a registered callback, repeatable (default {DEFAULT_CALLBACK})\n\
                     --downtime        answer 503 during the daily downtime, 11:00-11:15 UTC"
                );
                return;
            }
            other => {
                eprintln!("unknown argument {other}; see --help");
                std::process::exit(2);
            }
        }
    }
    if !callbacks.is_empty() {
        config.callbacks = callbacks;
    }
    let client_id = config.client_id.clone();
    let callbacks = config.callbacks.clone();
    let sim = Sim::start(config).await.expect("cannot listen");
    println!("cynosure-sim listening on {}", sim.base_url());
    println!("  client id : {client_id}");
    println!("  callbacks : {}", callbacks.join(", "));
    println!(
        "  CYNOSURE_ESI_URL={0} CYNOSURE_SSO_URL={0}",
        sim.base_url()
    );
    println!("seeded world:");
    sim.with_world(|w| {
        for c in w.characters.values() {
            let corp = w
                .corporations
                .get(&c.corporation_id)
                .map(|c| c.name.as_str())
                .unwrap_or("?");
            println!(
                "  {} {:<14} {:<18} roles={:?} online={} jobs={} queue={} colonies={}",
                c.id,
                c.name,
                corp,
                c.roles,
                c.online,
                c.jobs.len(),
                c.queue.len(),
                c.colonies.len()
            );
        }
    });
    tokio::signal::ctrl_c().await.ok();
}
