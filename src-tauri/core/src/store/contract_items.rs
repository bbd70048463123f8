//! The contract items cache: a contract's items as read once from ESI.

use super::{Db, StoreError};

pub async fn get(db: &Db, contract_id: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query!(
        "SELECT items FROM contract_items WHERE contract_id = ?",
        contract_id
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.items))
}

pub async fn put(
    db: &Db,
    contract_id: i64,
    character_id: i64,
    items: &str,
    read_at: i64,
) -> Result<(), StoreError> {
    sqlx::query!(
        "INSERT INTO contract_items (contract_id, character_id, items, read_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (contract_id) DO NOTHING",
        contract_id,
        character_id,
        items,
        read_at
    )
    .execute(db.pool())
    .await?;
    Ok(())
}
