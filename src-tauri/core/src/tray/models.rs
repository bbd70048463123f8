use serde::{Deserialize, Serialize};

/// The tray menu's lines, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrayMenu {
    /// The first "Next" line: which login is due soonest.
    pub next: Option<String>,
    /// Jobs ready to deliver, personal and corporation.
    pub jobs_ready: usize,
    /// One group per account (by name), then the pilots on none (`account: None`).
    pub groups: Vec<TrayGroup>,
    /// Pilots left out past the cap (`TRAY_PILOTS`): the menu says "N more pilots…".
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrayGroup {
    pub account: Option<String>,
    pub pilots: Vec<TrayPilot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrayPilot {
    pub character_id: i64,
    /// "● Aura Vexx — Small Hybrid Turret IV, 3h 05m".
    pub label: String,
}
