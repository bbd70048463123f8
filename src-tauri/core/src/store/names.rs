//! The `names` table: EVE ids resolved to names, kept forever; `unnamed_ids`: ids ESI
//! could not name, and when to ask again.

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
    sqlx::query!("DELETE FROM unnamed_ids WHERE id = ?", id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Every stored name (from memory while unchanged): views join names on every read.
async fn all(db: &Db) -> Result<std::sync::Arc<HashMap<i64, String>>, StoreError> {
    super::memo::memoised(db, "names", |_| async {
        let rows = sqlx::query!(r#"SELECT id AS "id!", name FROM names"#)
            .fetch_all(db.pool())
            .await?;
        Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
    })
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    Ok(all(db).await?.get(&id).cloned())
}

/// The stored names of those of `ids` that have one.
pub async fn known(db: &Db, ids: &[i64]) -> Result<HashMap<i64, String>, StoreError> {
    let names = all(db).await?;
    Ok(ids
        .iter()
        .filter_map(|id| Some((*id, names.get(id)?.clone())))
        .collect())
}

/// How long an id ESI could not name waits before it is asked for again, by how many
/// times it failed: an hour (ESI names a new character within about an hour), a day, a
/// week, then a month.
pub fn unnamed_wait_ms(failures: i64) -> i64 {
    const HOUR: i64 = 3_600_000;
    match failures {
        ..=1 => HOUR,
        2 => 24 * HOUR,
        3 => 7 * 24 * HOUR,
        _ => 30 * 24 * HOUR,
    }
}

/// Those of `ids` that ESI could not name and that wait until after `now`.
pub async fn waiting(
    db: &Db,
    ids: &[i64],
    now: i64,
) -> Result<std::collections::HashSet<i64>, StoreError> {
    let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let rows = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM unnamed_ids
           WHERE retry_at > ? AND id IN (SELECT value FROM json_each(?))"#,
        now,
        ids_json
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().collect())
}

/// ESI could not name `id` (alone in its batch): it waits longer each time.
pub async fn mark_unnamed(db: &Db, id: i64, now: i64) -> Result<(), StoreError> {
    let failures: i64 = sqlx::query_scalar!("SELECT failures FROM unnamed_ids WHERE id = ?", id)
        .fetch_optional(db.pool())
        .await?
        .unwrap_or(0)
        + 1;
    let retry_at = now.saturating_add(unnamed_wait_ms(failures));
    sqlx::query!(
        "INSERT INTO unnamed_ids (id, failures, retry_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, retry_at = excluded.retry_at",
        id,
        failures,
        retry_at
    )
    .execute(db.pool())
    .await?;
    Ok(())
}
