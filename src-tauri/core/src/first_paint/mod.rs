//! The first paint in one round trip (#22): what the window's first view (the Overview)
//! shows, read at once — the roster, its accounts, the stored skill, job and slot boards,
//! online state, the first lines of "Next" and the app's identity — so that the page
//! paints after one IPC call instead of a dozen. Each part is the same read its own
//! command makes (with the same refresh behind the answer), so a view that asks again
//! later gets the same thing.

pub mod commands;
pub mod models;
