use serde::{Deserialize, Serialize};

use super::SettingsError;

/// The callback port suggested in the README for the EVE application's callback URL.
pub const DEFAULT_CALLBACK_PORT: u16 = 8471;

/// Every setting, with its value or its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Closing the window hides it to the tray instead of quitting.
    pub close_to_tray: bool,
    /// The EVE application's client id (public: PKCE needs no secret).
    /// `CYNOSURE_CLIENT_ID` overrides it.
    pub client_id: Option<String>,
    /// The port of the callback URL registered with the EVE application,
    /// `http://localhost:<port>/callback`.
    pub callback_port: u16,
    /// Job-ready notifications; also what keeps the job boards refreshed in the
    /// background.
    pub job_notifications: bool,
    /// How often the job boards are refreshed in the background, in minutes (never more
    /// often than ESI's cache allows).
    pub job_refresh_minutes: u32,
    /// Job-ready notifications also for corporation jobs.
    pub corporation_job_notifications: bool,
    /// A notification when a character's skill queue runs out.
    pub skill_queue_notifications: bool,
    /// Also a notification when a queue ends within this many hours (0: never).
    pub skill_queue_warning_hours: u32,
    /// Keep the tray's online indicator current while the window is hidden, at a slow
    /// cadence.
    pub tray_live: bool,
    /// That cadence, in minutes (never below ESI's cache time).
    pub tray_live_minutes: u32,
}

/// The fastest background job refresh: ESI caches corporation jobs for 5 minutes.
pub const MIN_JOB_REFRESH_MINUTES: u32 = 5;

/// The earliest skill-queue warning: two weeks ahead.
pub const MAX_QUEUE_WARNING_HOURS: u32 = 14 * 24;

impl Default for Settings {
    fn default() -> Self {
        Self {
            close_to_tray: true,
            client_id: None,
            callback_port: DEFAULT_CALLBACK_PORT,
            job_notifications: true,
            job_refresh_minutes: 15,
            corporation_job_notifications: true,
            skill_queue_notifications: true,
            skill_queue_warning_hours: 24,
            tray_live: false,
            tray_live_minutes: 5,
        }
    }
}

/// A change to some settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsPatch {
    #[specta(optional)]
    pub close_to_tray: Option<bool>,
    /// An empty string clears the client id.
    #[specta(optional)]
    pub client_id: Option<String>,
    #[specta(optional)]
    pub callback_port: Option<u16>,
    #[specta(optional)]
    pub job_notifications: Option<bool>,
    #[specta(optional)]
    pub job_refresh_minutes: Option<u32>,
    #[specta(optional)]
    pub corporation_job_notifications: Option<bool>,
    #[specta(optional)]
    pub skill_queue_notifications: Option<bool>,
    #[specta(optional)]
    pub skill_queue_warning_hours: Option<u32>,
    #[specta(optional)]
    pub tray_live: Option<bool>,
    #[specta(optional)]
    pub tray_live_minutes: Option<u32>,
}

/// EVE client ids are 32 hexadecimal characters; accept any short plain token so other
/// SSO deployments (and the simulator) work, but nothing that could break a URL.
fn valid_client_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The stored (key, JSON value) pairs a patch changes.
pub type ChangedKeys = Vec<(&'static str, String)>;

impl Settings {
    /// The settings after `patch`, and the stored (key, JSON value) pairs it changes.
    /// A patch with an invalid value changes nothing.
    pub fn apply(&self, patch: &SettingsPatch) -> Result<(Settings, ChangedKeys), SettingsError> {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(v) = patch.close_to_tray {
            next.close_to_tray = v;
            changed.push(("closeToTray", v.to_string()));
        }
        if let Some(id) = &patch.client_id {
            let id = id.trim();
            if !id.is_empty() && !valid_client_id(id) {
                return Err(SettingsError::Invalid(
                    "The client id should be the one EVE's developer site shows for your application (letters and digits).".into(),
                ));
            }
            next.client_id = (!id.is_empty()).then(|| id.to_owned());
            changed.push((
                "clientId",
                serde_json::to_string(&next.client_id).unwrap_or_else(|_| "null".into()),
            ));
        }
        if let Some(port) = patch.callback_port {
            if port < 1024 {
                return Err(SettingsError::Invalid(
                    "The callback port must be between 1024 and 65535.".into(),
                ));
            }
            next.callback_port = port;
            changed.push(("callbackPort", port.to_string()));
        }
        if let Some(v) = patch.job_notifications {
            next.job_notifications = v;
            changed.push(("jobNotifications", v.to_string()));
        }
        if let Some(minutes) = patch.job_refresh_minutes {
            if !(MIN_JOB_REFRESH_MINUTES..=24 * 60).contains(&minutes) {
                return Err(SettingsError::Invalid(format!(
                    "The background job refresh must be between {MIN_JOB_REFRESH_MINUTES} minutes and a day."
                )));
            }
            next.job_refresh_minutes = minutes;
            changed.push(("jobRefreshMinutes", minutes.to_string()));
        }
        if let Some(v) = patch.corporation_job_notifications {
            next.corporation_job_notifications = v;
            changed.push(("corporationJobNotifications", v.to_string()));
        }
        if let Some(v) = patch.skill_queue_notifications {
            next.skill_queue_notifications = v;
            changed.push(("skillQueueNotifications", v.to_string()));
        }
        if let Some(hours) = patch.skill_queue_warning_hours {
            if hours > MAX_QUEUE_WARNING_HOURS {
                return Err(SettingsError::Invalid(format!(
                    "The skill-queue warning must be at most {MAX_QUEUE_WARNING_HOURS} hours ahead (0 turns it off)."
                )));
            }
            next.skill_queue_warning_hours = hours;
            changed.push(("skillQueueWarningHours", hours.to_string()));
        }
        if let Some(v) = patch.tray_live {
            next.tray_live = v;
            changed.push(("trayLive", v.to_string()));
        }
        if let Some(minutes) = patch.tray_live_minutes {
            if !(1..=24 * 60).contains(&minutes) {
                return Err(SettingsError::Invalid(
                    "The tray's slow cadence must be between 1 minute and a day.".into(),
                ));
            }
            next.tray_live_minutes = minutes;
            changed.push(("trayLiveMinutes", minutes.to_string()));
        }
        Ok((next, changed))
    }
}

/// What Settings → About shows: this build and where its files are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The folder holding the database (and, unless set apart, the logs).
    pub data_dir: String,
    pub log_dir: String,
    /// Demo mode: the characters and their data are simulated.
    pub demo: bool,
}
