use serde::{Deserialize, Serialize};

use super::SettingsError;
use crate::features::Feature;

/// The callback port suggested in the README for the EVE application's callback URL.
pub const DEFAULT_CALLBACK_PORT: u16 = 8471;

/// Declares every setting once: its documentation, type (in brackets), default and (optionally) the
/// check a new value passes. From that come [`Settings`], its `Default`, the
/// [`SettingsPatch`] the UI sends (every field optional) and [`Settings::apply`]; the
/// stored keys are the fields' serialised names.
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident: [$($ty:tt)+] = $default:expr $(, checked by $check:path)?;
    )*) => {
        /// Every setting, with its value or its default.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
        #[serde(rename_all = "camelCase", default)]
        pub struct Settings {
            $($(#[doc = $doc])* pub $field: $($ty)+,)*
        }

        impl Default for Settings {
            fn default() -> Self {
                Self { $($field: $default,)* }
            }
        }

        /// A change to some settings; absent fields stay as they are.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
        #[serde(rename_all = "camelCase", default)]
        pub struct SettingsPatch {
            $($(#[doc = $doc])* #[specta(optional)] pub $field: Option<$($ty)+>,)*
        }

        impl Settings {
            /// The settings after `patch`; a patch with an invalid value is refused whole.
            fn patched(&self, patch: &SettingsPatch) -> Result<Settings, SettingsError> {
                let mut next = self.clone();
                $(if let Some(value) = patch.$field.clone() {
                    next.$field = settings!(@check value $(, $check)?)?;
                })*
                Ok(next)
            }
        }
    };
    (@check $value:ident) => { Ok::<_, SettingsError>($value) };
    (@check $value:ident, $check:path) => { $check($value) };
}

settings! {
    /// Closing the window hides it to the tray instead of quitting.
    close_to_tray: [bool] = true;
    /// The EVE application's client id (public: PKCE needs no secret).
    /// `CYNOSURE_CLIENT_ID` overrides it. An empty string clears it.
    client_id: [Option<String>] = None, checked by client_id;
    /// The port of the callback URL registered with the EVE application,
    /// `http://localhost:<port>/callback`.
    callback_port: [u16] = DEFAULT_CALLBACK_PORT, checked by callback_port;
    /// Job-ready notifications; also what keeps the job boards refreshed in the
    /// background.
    job_notifications: [bool] = true;
    /// How often the job boards are refreshed in the background, in minutes (never more
    /// often than ESI's cache allows).
    job_refresh_minutes: [u32] = 15, checked by job_refresh_minutes;
    /// Job-ready notifications also for corporation jobs.
    corporation_job_notifications: [bool] = true;
    /// A notification when a character's skill queue runs out.
    skill_queue_notifications: [bool] = true;
    /// Also a notification when a queue ends within this many hours (0: never).
    skill_queue_warning_hours: [u32] = 24, checked by skill_queue_warning_hours;
    /// Keep the tray's online indicator current while the window is hidden, at a slow
    /// cadence.
    tray_live: [bool] = false;
    /// That cadence, in minutes (never below ESI's cache time).
    tray_live_minutes: [u32] = 5, checked by tray_live_minutes;
    /// The features turned on (Settings → Features); sign-in asks for their scopes.
    features: [Vec<Feature>] = Vec::new(), checked by features;
    /// Notifications when a planet's extractors are about to stop and when they stop.
    extractor_notifications: [bool] = true;
    /// How many hours before an extractor stops to warn (0: only when it stops).
    extractor_warning_hours: [u32] = 2, checked by extractor_warning_hours;
    /// A notification when an industry slot stays idle after its job ended.
    slot_idle_notifications: [bool] = false;
    /// How long a slot may stay idle before that notification, in hours.
    slot_idle_hours: [u32] = 2, checked by slot_idle_hours;
    /// A notification when a character's next clone jump is available (the `clones`
    /// feature).
    clone_jump_notifications: [bool] = false;
    /// Notifications when market orders are about to expire and when they are filled
    /// (the `markets` feature).
    order_notifications: [bool] = true;
    /// How many hours before an order expires to warn (0: never).
    order_warning_hours: [u32] = 24, checked by order_warning_hours;
    /// Notifications when a contract of the character's is accepted or completed, and
    /// before one expires or a courier contract is due (the `contracts` feature).
    contract_notifications: [bool] = true;
    /// How many hours before a contract expires or a courier is due to warn (0: never).
    contract_warning_hours: [u32] = 24, checked by contract_warning_hours;
}

/// The fastest background job refresh: ESI caches corporation jobs for 5 minutes.
pub const MIN_JOB_REFRESH_MINUTES: u32 = 5;

/// The earliest skill-queue warning: two weeks ahead.
pub const MAX_QUEUE_WARNING_HOURS: u32 = 14 * 24;

fn invalid<T>(why: impl Into<String>) -> Result<T, SettingsError> {
    Err(SettingsError::Invalid(why.into()))
}

/// EVE client ids are 32 hexadecimal characters; accept any short plain token so other
/// SSO deployments (and the simulator) work, but nothing that could break a URL.
fn client_id(id: Option<String>) -> Result<Option<String>, SettingsError> {
    let id = id.as_deref().map(str::trim).unwrap_or_default();
    let plain = (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match id {
        "" => Ok(None),
        _ if plain => Ok(Some(id.to_owned())),
        _ => invalid("The client id should be the one EVE's developer site shows for your application (letters and digits)."),
    }
}

fn callback_port(port: u16) -> Result<u16, SettingsError> {
    if port < 1024 {
        return invalid("The callback port must be between 1024 and 65535.");
    }
    Ok(port)
}

fn job_refresh_minutes(minutes: u32) -> Result<u32, SettingsError> {
    if !(MIN_JOB_REFRESH_MINUTES..=24 * 60).contains(&minutes) {
        return invalid(format!(
            "The background job refresh must be between {MIN_JOB_REFRESH_MINUTES} minutes and a day."
        ));
    }
    Ok(minutes)
}

fn skill_queue_warning_hours(hours: u32) -> Result<u32, SettingsError> {
    if hours > MAX_QUEUE_WARNING_HOURS {
        return invalid(format!(
            "The skill-queue warning must be at most {MAX_QUEUE_WARNING_HOURS} hours ahead (0 turns it off)."
        ));
    }
    Ok(hours)
}

/// Each feature once, in a fixed order (so equal sets are stored alike).
fn features(mut on: Vec<Feature>) -> Result<Vec<Feature>, SettingsError> {
    on.sort();
    on.dedup();
    Ok(on)
}

fn extractor_warning_hours(hours: u32) -> Result<u32, SettingsError> {
    if hours > 7 * 24 {
        return invalid("The extractor warning must be at most a week ahead (0 turns it off).");
    }
    Ok(hours)
}

/// The earliest market order warning: two weeks ahead (orders last up to 90 days).
pub const MAX_ORDER_WARNING_HOURS: u32 = 14 * 24;

fn order_warning_hours(hours: u32) -> Result<u32, SettingsError> {
    if hours > MAX_ORDER_WARNING_HOURS {
        return invalid(format!(
            "The market order warning must be at most {MAX_ORDER_WARNING_HOURS} hours ahead (0 turns it off)."
        ));
    }
    Ok(hours)
}

fn contract_warning_hours(hours: u32) -> Result<u32, SettingsError> {
    if hours > MAX_ORDER_WARNING_HOURS {
        return invalid(format!(
            "The contract warning must be at most {MAX_ORDER_WARNING_HOURS} hours ahead (0 turns it off)."
        ));
    }
    Ok(hours)
}

fn slot_idle_hours(hours: u32) -> Result<u32, SettingsError> {
    if !(1..=7 * 24).contains(&hours) {
        return invalid(
            "An idle slot is announced after 1 hour at the soonest and a week at the latest.",
        );
    }
    Ok(hours)
}

fn tray_live_minutes(minutes: u32) -> Result<u32, SettingsError> {
    if !(1..=24 * 60).contains(&minutes) {
        return invalid("The tray's slow cadence must be between 1 minute and a day.");
    }
    Ok(minutes)
}

/// The stored (key, JSON value) pairs a patch changes.
pub type ChangedKeys = Vec<(String, String)>;

impl Settings {
    /// The settings after `patch`, and the stored (key, JSON value) pairs it changes.
    /// A patch with an invalid value changes nothing.
    pub fn apply(&self, patch: &SettingsPatch) -> Result<(Settings, ChangedKeys), SettingsError> {
        let next = self.patched(patch)?;
        let (before, after) = (serde_json::to_value(self), serde_json::to_value(&next));
        let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
            (before, after)
        else {
            return invalid("The settings could not be written down.");
        };
        let changed = after
            .into_iter()
            .filter(|(key, value)| before.get(key) != Some(value))
            .map(|(key, value)| (key, value.to_string()))
            .collect();
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
    /// EVE's servers' time minus this computer's, in milliseconds: the window's countdowns
    /// run on server time.
    pub server_offset_ms: i64,
}
