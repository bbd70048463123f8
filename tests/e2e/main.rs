//! End-to-end tests of the real app in a real window (see `harness.rs`), one module per
//! concern:
//!
//! - `harness`: starts the app under tauri-driver and drives it over WebDriver (`App`).
//! - `support`: what several tests share: seeding a store before a start, the simulator
//!   and its environment for the app, an app with Aura linked, `xdotool`, the close
//!   button and the tray menu (`desktop.py`).
//! - `roster`: first start, the stored roster, a garbage database, sign-in and unlink
//!   through the UI (with the token leak check).
//! - `boards`: the skills and industry boards, a countdown, a job flipping to Ready.
//! - `online`: online polling only while the window is visible, the tray icon.
//! - `notifications`: a ready job as a desktop notification, once, even closed to the tray.
//! - `crowd`: twenty pilots: the Overview's cards and the All pilots table at that size.
//! - `demo`: the demo walk (README screenshots, 200 % zoom) and `cynosure --demo`.
//! - `window`: closed to the tray with no web view left and opened again, waiting in the
//!   tray after a start at login, a window saved off screen.
//! - `update`: the update feed and a download with a bad signature.
//! - `prefs`: the window's own preferences kept between starts.
//! - `planets`: planetary industry turned on, its warnings, and "Next" by account.
//! - `slots`: free industry slots, the idle-slot alarm, the whole skill queue.
//! - `clones`: clones and jumps turned on, shown, "clone jump available" on D-Bus.
//! - `markets`: market orders turned on, shown, the expiry warning on D-Bus.
//! - `contracts`: contracts turned on, shown, items opened, the courier warning on D-Bus.
//! - `installed`: the smoke test `cargo xtask deb` runs against the installed package
//!   (ignored in the normal run).
//!
//! Helpers shared with other crates' tests (ports, files, token scanning) are in
//! `cynosure-testkit`.

mod harness;
mod support;

mod boards;
mod clones;
mod contracts;
mod crowd;
mod demo;
mod installed;
mod markets;
mod notifications;
mod online;
mod planets;
mod prefs;
mod roster;
mod slots;
mod update;
mod window;
