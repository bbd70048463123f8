//! The `boards` table: each (owner, slice) board with its sync state. Every write of a
//! run is conditional on the run's generation, so a superseded run (declared dead, or
//! its owner unlinked meanwhile) writes nothing.

use std::sync::Arc;

use super::memo::{memoised, SliceBoards};
use super::{Db, StoreError};
use crate::sync::{GateState, OwnerKind, Slice};

/// Which board: `(owner_kind, owner_id, slice)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BoardKey {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    pub slice: Slice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    pub slice: Slice,
    pub body: Option<String>,
    pub etag: Option<String>,
    pub last_refreshed_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub gate_state: GateState,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub error_at: Option<i64>,
    pub run_started_at: Option<i64>,
    pub run_generation: i64,
}

pub async fn get(db: &Db, key: BoardKey) -> Result<Option<BoardRow>, StoreError> {
    sqlx::query_as!(
        BoardRow,
        r#"SELECT owner_kind AS "owner_kind: OwnerKind", owner_id, slice AS "slice: Slice",
                  body, etag, last_refreshed_at, expires_at,
                  gate_state AS "gate_state: GateState", error_code, error_message, error_at,
                  run_started_at, run_generation
           FROM boards WHERE owner_kind = ? AND owner_id = ? AND slice = ?"#,
        key.owner_kind,
        key.owner_id,
        key.slice
    )
    .fetch_optional(db.pool())
    .await
    .map_err(StoreError::from)
}

/// Every board of a slice, ordered by owner.
pub async fn list(db: &Db, slice: Slice) -> Result<Vec<BoardRow>, StoreError> {
    let boards = by_owner(db, slice).await?;
    let mut rows: Vec<BoardRow> = boards.values().cloned().collect();
    rows.sort_unstable_by_key(|r| (r.owner_kind, r.owner_id));
    Ok(rows)
}

/// Every board of a slice, by owner id (a slice keeps one owner kind), from memory while
/// the slice is unchanged, each body parsed once ([`SliceBoards::parsed`]).
pub async fn by_owner(db: &Db, slice: Slice) -> Result<Arc<SliceBoards>, StoreError> {
    memoised(db, &format!("boards:{slice}"), |before| async move {
        let rows = read_slice(db, slice)
            .await?
            .into_iter()
            .map(|r| (r.owner_id, r))
            .collect();
        Ok(SliceBoards::new(rows, before.as_deref()))
    })
    .await
}

async fn read_slice(db: &Db, slice: Slice) -> Result<Vec<BoardRow>, StoreError> {
    sqlx::query_as!(
        BoardRow,
        r#"SELECT owner_kind AS "owner_kind: OwnerKind", owner_id, slice AS "slice: Slice",
                  body, etag, last_refreshed_at, expires_at,
                  gate_state AS "gate_state: GateState", error_code, error_message, error_at,
                  run_started_at, run_generation
           FROM boards WHERE slice = ? ORDER BY owner_kind, owner_id"#,
        slice
    )
    .fetch_all(db.pool())
    .await
    .map_err(StoreError::from)
}

/// Starts a run unless a live one holds the board (started after `dead_before`).
/// Returns the run's generation, or `None` when another run is in progress.
pub async fn claim(
    db: &Db,
    key: BoardKey,
    now: i64,
    dead_before: i64,
) -> Result<Option<i64>, StoreError> {
    // Two single-statement writes (no read-then-write transaction, which SQLite would
    // refuse at once under concurrency instead of waiting).
    sqlx::query!(
        "INSERT INTO boards (owner_kind, owner_id, slice) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING",
        key.owner_kind,
        key.owner_id,
        key.slice
    )
    .execute(db.pool())
    .await?;
    sqlx::query_scalar!(
        "UPDATE boards SET run_started_at = ?, run_generation = run_generation + 1
         WHERE owner_kind = ? AND owner_id = ? AND slice = ?
           AND (run_started_at IS NULL OR run_started_at < ?)
         RETURNING run_generation",
        now,
        key.owner_kind,
        key.owner_id,
        key.slice,
        dead_before
    )
    // Every row, not the first: SQLite commits when the statement finishes, and a
    // failed commit (a full disk) is reported only to a caller that steps to the end.
    .fetch_all(db.pool())
    .await
    .map(|rows| rows.into_iter().next())
    .map_err(StoreError::from)
}

/// Records why no request was made (or that the way is clear again) and ends the run.
pub async fn set_gate(
    db: &Db,
    key: BoardKey,
    generation: i64,
    gate_state: GateState,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE boards SET gate_state = ?, run_started_at = NULL
         WHERE owner_kind = ? AND owner_id = ? AND slice = ? AND run_generation = ?",
        gate_state,
        key.owner_kind,
        key.owner_id,
        key.slice,
        generation
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// ESI contradicted what this board says: forget its body and ETag (so the next read,
/// once its cache window has passed, fetches it whole), keeping its expiry.
pub async fn doubt(db: &Db, key: BoardKey) -> Result<(), StoreError> {
    sqlx::query!(
        "UPDATE boards SET body = NULL, etag = NULL
         WHERE owner_kind = ? AND owner_id = ? AND slice = ?",
        key.owner_kind,
        key.owner_id,
        key.slice
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records a gate state found without a run (no request was made), unless a live run
/// holds the board: that run's outcome is newer.
pub async fn note_gate(
    db: &Db,
    key: BoardKey,
    gate_state: GateState,
    dead_before: i64,
) -> Result<(), StoreError> {
    sqlx::query!(
        "INSERT INTO boards (owner_kind, owner_id, slice, gate_state) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET gate_state = excluded.gate_state
         WHERE run_started_at IS NULL OR run_started_at < ?",
        key.owner_kind,
        key.owner_id,
        key.slice,
        gate_state,
        dead_before
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A 304, or a body equal to the stored one: freshness only, no payload write.
pub async fn stamp(
    db: &Db,
    key: BoardKey,
    generation: i64,
    etag: Option<&str>,
    expires_at: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE boards SET etag = COALESCE(?, etag), expires_at = ?, last_refreshed_at = ?,
                gate_state = 'ok', error_code = NULL, error_message = NULL, error_at = NULL,
                run_started_at = NULL
         WHERE owner_kind = ? AND owner_id = ? AND slice = ? AND run_generation = ?",
        etag,
        expires_at,
        now,
        key.owner_kind,
        key.owner_id,
        key.slice,
        generation
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The board changed: the user sees something new.
    Changed,
    /// Same board (a new ETag over identical data): only freshness was stamped.
    Unchanged,
    /// The run was superseded: nothing written.
    Superseded,
}

/// A fresh body: replaces the board (one statement, so atomically) if it differs from
/// the stored one; otherwise stamps freshness only.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &Db,
    key: BoardKey,
    generation: i64,
    body: &str,
    etag: Option<&str>,
    expires_at: i64,
    now: i64,
) -> Result<Saved, StoreError> {
    let replaced = sqlx::query!(
        "UPDATE boards SET body = ?, etag = ?, expires_at = ?, last_refreshed_at = ?,
                gate_state = 'ok', error_code = NULL, error_message = NULL, error_at = NULL,
                run_started_at = NULL
         WHERE owner_kind = ? AND owner_id = ? AND slice = ? AND run_generation = ?
           AND body IS NOT ?",
        body,
        etag,
        expires_at,
        now,
        key.owner_kind,
        key.owner_id,
        key.slice,
        generation,
        body
    )
    .execute(db.pool())
    .await?;
    if replaced.rows_affected() == 1 {
        return Ok(Saved::Changed);
    }
    Ok(
        if stamp(db, key, generation, etag, expires_at, now).await? {
            Saved::Unchanged
        } else {
            Saved::Superseded
        },
    )
}

/// A failed read: the error is kept for display, the board stays as it was.
pub async fn fail(
    db: &Db,
    key: BoardKey,
    generation: i64,
    code: &str,
    message: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "UPDATE boards SET error_code = ?, error_message = ?, error_at = ?, run_started_at = NULL
         WHERE owner_kind = ? AND owner_id = ? AND slice = ? AND run_generation = ?",
        code,
        message,
        now,
        key.owner_kind,
        key.owner_id,
        key.slice,
        generation
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}
