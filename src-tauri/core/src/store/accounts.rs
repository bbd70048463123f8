//! The `accounts` table: the player's own grouping of characters.

use super::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub account_id: i64,
    pub name: String,
    pub added_at: i64,
}

/// The accounts, in the order they were made (from memory while unchanged).
pub async fn list(db: &Db) -> Result<Vec<AccountRow>, StoreError> {
    let accounts = super::memo::memoised(db, "accounts", |_| async {
        Ok(sqlx::query_as!(
            AccountRow,
            "SELECT account_id, name, added_at FROM accounts ORDER BY added_at, account_id"
        )
        .fetch_all(db.pool())
        .await?)
    })
    .await?;
    Ok(accounts.as_ref().clone())
}

/// A new account; `None` when the name is taken.
pub async fn create(db: &Db, name: &str, now: i64) -> Result<Option<i64>, StoreError> {
    let id = sqlx::query_scalar!(
        "INSERT INTO accounts (name, added_at) VALUES (?, ?)
         ON CONFLICT (name) DO NOTHING RETURNING account_id",
        name,
        now
    )
    .fetch_all(db.pool())
    .await?;
    Ok(id.into_iter().next())
}

/// `Ok(false)`: no such account, or the name is another account's.
pub async fn rename(db: &Db, account_id: i64, name: &str) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE OR IGNORE accounts SET name = ? WHERE account_id = ?",
        name,
        account_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes an account; its characters stay, each on its own.
pub async fn delete(db: &Db, account_id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query!("DELETE FROM accounts WHERE account_id = ?", account_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}
