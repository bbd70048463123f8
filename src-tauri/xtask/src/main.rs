//! Project commands, the same on every system:
//!
//! - `cargo xtask run`      set up what is missing, build the UI, run the app
//! - `cargo xtask test`     the whole test suite (what CI runs)
//! - `cargo xtask bindings` regenerate `ui/src/bindings.ts` from the Rust commands
//! - `cargo xtask sqlx-prepare` refresh the committed `.sqlx/` query data (needs sqlx-cli)
//! - `cargo xtask esi-extract --spec FILE ...` refresh the extract of CCP's ESI spec and
//!   examples in `third_party/ccp/` (its README has the exact command)
//! - `cargo xtask advisories` check the dependencies against known advisories (a step
//!   of `test`)
//! - `cargo xtask advisories-extract <checkout>` refresh the RustSec snapshot in
//!   `third_party/rustsec/` from a checkout of rustsec/advisory-db
//! - `cargo xtask deps`     only install the system packages (Debian/Ubuntu)
//! - `cargo xtask deb`      build the .deb, install it, smoke-test the installed app, remove it
//! - `cargo xtask fuzz [--run SECONDS]` build the fuzz targets (and run each for SECONDS)
//! - `cargo xtask bench-startup` start-up time and memory against a minimal Tauri app
//! - `cargo xtask bench-hidden-cpu` the app's CPU use with its window hidden (10 min)
//! - `cargo xtask bench-idle` the app's CPU use visible and idle, on every view
//!
//! Internal: `in-session` and `bench-in-session` are what the test and benchmark
//! commands run inside their virtual display session.
//!
//! Where each lives: `dev` (run, bindings, sqlx-prepare, esi-extract), `advisories`,
//! `test`, `deb`, `fuzz`, `bench` (with the minimal app's templates in `templates/minimal-app/`), `setup`
//! (system packages, npm packages, tauri-driver, the UI build), `session` (the virtual
//! display and private D-Bus session) and `shell` (the helpers they all use).

mod advisories;
mod bench;
mod deb;
mod dev;
mod fuzz;
mod session;
mod setup;
mod shell;
mod test;

use std::env;
use std::process::exit;

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => dev::run_app(&args[1..]),
        Some("test") => test::test(),
        Some("in-session") => session::in_session(&args[1..]),
        Some("bindings") => dev::bindings(),
        Some("sqlx-prepare") => dev::sqlx_prepare(),
        Some("esi-extract") => dev::esi_extract(&args[1..]),
        Some("advisories-extract") => advisories::extract(&args[1..]),
        Some("advisories") => advisories::check(),
        Some("deps") => setup::system_packages(true),
        Some("bench-hidden-cpu") => bench::bench_hidden_cpu(),
        Some("deb") => deb::deb_smoke(),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("bench-startup") => bench::bench_startup(),
        Some("bench-idle") => bench::bench_idle(),
        Some("bench-in-session") => bench::bench_in_session(args.get(1).map(String::as_str)),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test | bindings | sqlx-prepare | deps>\n\n\
                 run       set up, build the UI and run Cynosure\n\
                 test      run the whole test suite (what CI runs)\n\
                 bindings  regenerate ui/src/bindings.ts\n\
                 sqlx-prepare  refresh .sqlx/ query data (needs sqlx-cli)\n\
                 esi-extract --spec FILE [--swagger FILE] [--example NAME=FILE]...\n\
                 \x20         refresh third_party/ccp/ from CCP's ESI material\n\
                 deps      install the system packages (Debian/Ubuntu)\n\
                 deb       build the .deb, install it, smoke-test the installed app, remove it\n\
                 fuzz [--run SECONDS]  build the fuzz targets (and run each for SECONDS)\n\
                 bench-startup  start-up time and memory against a minimal Tauri app\n\
                 bench-hidden-cpu  measure the app's CPU use with its window hidden (10 min)\n\
                 bench-idle  measure the app's CPU use visible and idle, on every view"
            );
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("\nxtask: {message}");
        exit(1);
    }
}
