//! Fills a data folder with `N` linked characters, five to an account, and their stored
//! boards (skills, skill queue, personal jobs and, with every feature on, clones, orders,
//! contracts and colonies; no tokens), as a player's database looks after a few days: the
//! start-up and idle benchmarks open the app on it.
//!
//! `cargo run -p cynosure-core --example seed_boards -- <data folder> <characters>`

#[path = "../benches/support/seed.rs"]
mod seed;

use std::sync::Arc;

use cynosure_core::sync::Slice;
use cynosure_core::{Config, Cynosure, Paths, SystemClock};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: seed_boards <data folder> <characters>");
        std::process::exit(2);
    };
    let count: i64 = count.parse().expect("a number of characters");
    let mut config = Config::new(Paths::in_dir(&dir), Arc::new(SystemClock));
    config.vault = cynosure_core::auth::VaultChoice::File;
    let core = Cynosure::open(config).await.expect("the data folder opens");
    let now = core.now_ms();
    // Every feature on, so that each view has its boards to show.
    for spec in cynosure_core::catalog::FEATURES {
        cynosure_core::features::commands::feature_set(&core, spec.feature, true)
            .await
            .expect("the feature turned on");
    }
    // Five characters to an account, as a multi-boxer groups them (20 accounts at 100).
    let mut account = None;
    for c in 0..count {
        let id = 2_113_000_000 + c;
        if c % 5 == 0 {
            account = Some(
                cynosure_core::roster::commands::account_create(
                    &core,
                    &format!("Account {}", c / 5 + 1),
                )
                .await
                .expect("an account")
                .account_id,
            );
        }
        seed::character(&core, id, &format!("Pilot {c}"), 98_700_001, now + c).await;
        cynosure_core::roster::commands::account_assign(&core, id, account)
            .await
            .expect("the character in its account");
        seed::board(&core, Slice::Skills, id, &seed::skills(), now).await;
        seed::board(&core, Slice::Skillqueue, id, &seed::queue(now), now).await;
        let jobs = seed::jobs(id, 10, now - seed::HOUR, |j| now + (j + 1) * seed::HOUR);
        seed::board(&core, Slice::CharacterJobs, id, &jobs, now).await;
        seed::features(&core, id, now).await;
    }
    core.close().await;
    println!("seeded {count} characters in {dir}");
}
