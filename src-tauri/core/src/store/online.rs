//! The `character_online` table.

use super::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineRow {
    pub character_id: i64,
    pub online: bool,
    pub last_login: Option<i64>,
    pub last_logout: Option<i64>,
    pub etag: Option<String>,
    pub changed_at: i64,
}

pub async fn list(db: &Db) -> Result<Vec<OnlineRow>, StoreError> {
    sqlx::query_as!(
        OnlineRow,
        r#"SELECT character_id, online AS "online: bool", last_login, last_logout, etag, changed_at
           FROM character_online ORDER BY character_id"#
    )
    .fetch_all(db.pool())
    .await
    .map_err(StoreError::from)
}

/// Writes a character's status; returns whether `online` flipped (or was unknown).
pub async fn write(db: &Db, row: &OnlineRow) -> Result<bool, StoreError> {
    let mut tx = db.pool().begin_with("BEGIN IMMEDIATE").await?;
    let before = sqlx::query_scalar!(
        r#"SELECT online AS "online: bool" FROM character_online WHERE character_id = ?"#,
        row.character_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO character_online
            (character_id, online, last_login, last_logout, etag, changed_at)
         SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS
            (SELECT 1 FROM characters WHERE character_id = ?)
         ON CONFLICT (character_id) DO UPDATE SET
            online = excluded.online, last_login = excluded.last_login,
            last_logout = excluded.last_logout, etag = excluded.etag,
            changed_at = excluded.changed_at",
        row.character_id,
        row.online,
        row.last_login,
        row.last_logout,
        row.etag,
        row.changed_at,
        row.character_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(before != Some(row.online))
}
