//! The `names` table: EVE ids resolved to names, kept forever.

use std::collections::HashMap;

use super::{Db, StoreError};

pub async fn upsert(db: &Db, id: i64, name: &str, category: &str) -> Result<(), StoreError> {
    sqlx::query!(
        "INSERT INTO names (id, name, category) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category",
        id,
        name,
        category
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar!("SELECT name FROM names WHERE id = ?", id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The stored names of those of `ids` that have one.
pub async fn known(db: &Db, ids: &[i64]) -> Result<HashMap<i64, String>, StoreError> {
    let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", name AS "name!" FROM names
           WHERE id IN (SELECT value FROM json_each(?))"#,
        ids_json
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}
