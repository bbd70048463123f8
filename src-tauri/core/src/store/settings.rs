//! The `settings` table: one JSON value per key, keys named as the fields of
//! [`Settings`] are serialised.

use super::{Db, StoreError};
use crate::settings::models::Settings;

/// The stored settings over their defaults. A value that no longer parses (say, written
/// by a newer version) falls back to the default for that key rather than failing.
pub async fn load(db: &Db) -> Result<Settings, StoreError> {
    let rows = sqlx::query!("SELECT key, value FROM settings")
        .fetch_all(db.pool())
        .await?;
    let mut merged = serde_json::to_value(Settings::default()).unwrap_or_default();
    if let Some(object) = merged.as_object_mut() {
        for row in rows {
            if let (Some(slot), Ok(value)) = (
                object.get_mut(&row.key),
                serde_json::from_str::<serde_json::Value>(&row.value),
            ) {
                *slot = value;
            }
        }
    }
    Ok(serde_json::from_value(merged.clone()).unwrap_or_else(|_| {
        tracing::warn!("stored settings did not parse; using defaults");
        Settings::default()
    }))
}

pub async fn save(db: &Db, changed: &[(String, String)]) -> Result<(), StoreError> {
    let mut tx = db.pool().begin().await?;
    for (key, value) in changed {
        sqlx::query!(
            "INSERT INTO settings (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            key,
            value
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
