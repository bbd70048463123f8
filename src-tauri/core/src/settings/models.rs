use serde::{Deserialize, Serialize};

/// Every setting, with its value or its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Closing the window hides it to the tray instead of quitting.
    pub close_to_tray: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            close_to_tray: true,
        }
    }
}

/// A change to some settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsPatch {
    #[specta(optional)]
    pub close_to_tray: Option<bool>,
}

impl Settings {
    /// The settings after `patch`, and the stored (key, JSON value) pairs it changes.
    pub fn apply(&self, patch: &SettingsPatch) -> (Settings, Vec<(&'static str, String)>) {
        let mut next = self.clone();
        let mut changed = Vec::new();
        if let Some(v) = patch.close_to_tray {
            next.close_to_tray = v;
            changed.push(("closeToTray", v.to_string()));
        }
        (next, changed)
    }
}
