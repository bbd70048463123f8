//! The `names` table: EVE ids resolved to names, kept forever.

use super::Db;

pub async fn upsert(db: &Db, id: i64, name: &str, category: &str) -> Result<(), sqlx::Error> {
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

pub async fn get(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("SELECT name FROM names WHERE id = ?", id)
        .fetch_optional(db.pool())
        .await
}
