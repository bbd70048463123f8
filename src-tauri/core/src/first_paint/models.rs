use serde::{Deserialize, Serialize};

use crate::industry::models::JobsView;
use crate::next::models::NextView;
use crate::online::models::OnlineState;
use crate::roster::models::{Account, RosterEntry};
use crate::settings::models::AppInfo;
use crate::skills::models::SkillsView;
use crate::slots::models::SlotsView;

/// What the Overview paints first; each field is what its own command answers
/// (`roster_list`, `accounts_list`, `skills_on_view(false)`, `jobs_on_view`, `slots_read`,
/// `online_state`, `next_view`, `app_info`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FirstPaint {
    /// What was stored when this was read (`changed_since` tells whether it still is).
    pub stored: i64,
    pub roster: Vec<RosterEntry>,
    pub accounts: Vec<Account>,
    pub skills: SkillsView,
    pub jobs: JobsView,
    pub slots: SlotsView,
    pub online: OnlineState,
    pub next: NextView,
    pub app_info: AppInfo,
}
