//! The `characters` table.

use super::{Db, StoreError};
use crate::roster::models::{AuthState, LinkedCharacter};

struct Row {
    character_id: i64,
    name: String,
    corporation_id: i64,
    owner_hash: String,
    scopes: String,
    auth_state: AuthState,
    added_at: i64,
    account_id: Option<i64>,
}

impl From<Row> for LinkedCharacter {
    fn from(r: Row) -> Self {
        Self {
            character_id: r.character_id,
            name: r.name,
            corporation_id: r.corporation_id,
            owner_hash: r.owner_hash,
            scopes: r.scopes.split_whitespace().map(str::to_owned).collect(),
            auth_state: r.auth_state,
            added_at: r.added_at,
            account_id: r.account_id,
        }
    }
}

/// The linked characters, in the order they were added (from memory while unchanged).
pub async fn list(db: &Db) -> Result<Vec<LinkedCharacter>, StoreError> {
    let characters = super::memo::memoised(db, "characters", |_| read_all(db)).await?;
    Ok(characters.as_ref().clone())
}

async fn read_all(db: &Db) -> Result<Vec<LinkedCharacter>, StoreError> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT character_id, name, corporation_id, owner_hash, scopes,
                  auth_state AS "auth_state: AuthState", added_at, account_id
           FROM characters ORDER BY added_at, character_id"#
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn get(db: &Db, character_id: i64) -> Result<Option<LinkedCharacter>, StoreError> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT character_id, name, corporation_id, owner_hash, scopes,
                  auth_state AS "auth_state: AuthState", added_at, account_id
           FROM characters WHERE character_id = ?"#,
        character_id
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Into::into))
}

/// Links a character, or updates a linked one in place (keeping when it was first added
/// and the account the player put it in).
pub async fn upsert(db: &Db, c: &LinkedCharacter) -> Result<(), StoreError> {
    let scopes = c.scopes.join(" ");
    sqlx::query!(
        "INSERT INTO characters
            (character_id, name, corporation_id, owner_hash, scopes, auth_state, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (character_id) DO UPDATE SET
            name = excluded.name,
            corporation_id = excluded.corporation_id,
            owner_hash = excluded.owner_hash,
            scopes = excluded.scopes,
            auth_state = excluded.auth_state",
        c.character_id,
        c.name,
        c.corporation_id,
        c.owner_hash,
        scopes,
        c.auth_state,
        c.added_at
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn set_auth_state(
    db: &Db,
    character_id: i64,
    state: AuthState,
) -> Result<(), StoreError> {
    sqlx::query!(
        "UPDATE characters SET auth_state = ? WHERE character_id = ?",
        state,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Puts a character in an account (`None`: in none). `false`: no such character.
pub async fn set_account(
    db: &Db,
    character_id: i64,
    account_id: Option<i64>,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE characters SET account_id = ? WHERE character_id = ?",
        account_id,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A character moved to another corporation; its old corporation's boards go when no
/// linked character is left in it (a trigger). `false`: no change.
pub async fn set_corporation(
    db: &Db,
    character_id: i64,
    corporation_id: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE characters SET corporation_id = ? WHERE character_id = ? AND corporation_id <> ?",
        corporation_id,
        character_id,
        corporation_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a character; every mirrored row of it goes with it (foreign keys cascade).
pub async fn delete(db: &Db, character_id: i64) -> Result<(), StoreError> {
    sqlx::query!(
        "DELETE FROM characters WHERE character_id = ?",
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(())
}
