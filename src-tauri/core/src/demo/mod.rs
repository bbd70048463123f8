//! Demo mode: EVE's login and ESI simulated in-process (`cynosure-sim`, seeded with
//! three characters on two accounts and a corporation), and a core of its own in
//! `<data>/demo`. Everything else is the real thing: the characters are linked through
//! custody's PKCE sign-in (an in-process browser follows the redirects), and the gate,
//! the engines and the alarms run unchanged; only the base URLs differ.

pub mod commands;
pub mod error;
pub mod models;

pub use error::DemoError;
pub use models::{DemoWorld, DEMO_FLAG};
