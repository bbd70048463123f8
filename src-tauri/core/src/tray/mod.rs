//! What the tray menu says: the next login, how many jobs are ready, and each pilot with
//! the skill in training and its time left, grouped by account. From the stored boards
//! only (no request); the shell turns it into menu items.

pub mod commands;
pub mod models;
