//! The notified ledger: which jobs and skill-queue ends have been alerted about.
//! Durable truth (docs/design.md §8): a rebuild of the boards never clears it.

use std::collections::{HashMap, HashSet};

use super::{Db, StoreError};
use crate::slots::models::SlotKind;
use crate::sync::OwnerKind;

/// A job about to be written to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobMark {
    pub job_id: i64,
    pub owner_kind: OwnerKind,
    pub owner_id: i64,
    pub end_at: i64,
}

/// Every job in the ledger, with its owner.
pub async fn jobs(db: &Db) -> Result<Vec<(i64, OwnerKind, i64)>, StoreError> {
    let rows = sqlx::query!(
        r#"SELECT job_id, owner_kind AS "owner_kind: OwnerKind", owner_id FROM notified_jobs"#
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.job_id, r.owner_kind, r.owner_id))
        .collect())
}

/// Records jobs as notified (`notified_at`) or passed over (`None`). Returns the ids
/// this call recorded: a job another process recorded first is not this call's to
/// announce.
pub async fn mark_jobs(
    db: &Db,
    marks: &[JobMark],
    notified_at: Option<i64>,
) -> Result<HashSet<i64>, StoreError> {
    let mut recorded = HashSet::new();
    let mut tx = db.pool().begin_with("BEGIN IMMEDIATE").await?;
    for m in marks {
        let done = sqlx::query!(
            "INSERT INTO notified_jobs (job_id, owner_kind, owner_id, end_at, notified_at)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING",
            m.job_id,
            m.owner_kind,
            m.owner_id,
            m.end_at,
            notified_at
        )
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            recorded.insert(m.job_id);
        }
    }
    tx.commit().await?;
    Ok(recorded)
}

/// Forgets jobs (`ids`, a JSON array): delivered, cancelled or gone from their board.
pub async fn forget_jobs(db: &Db, ids: &str) -> Result<u64, StoreError> {
    let done = sqlx::query!(
        "DELETE FROM notified_jobs WHERE job_id IN (SELECT value FROM json_each(?))",
        ids
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// The queue end each character was last alerted about, by (character, kind).
pub async fn queue_marks(db: &Db) -> Result<HashMap<(i64, String), i64>, StoreError> {
    let rows = sqlx::query!("SELECT character_id, kind, queue_end_at FROM notified_queues")
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.character_id, r.kind), r.queue_end_at))
        .collect())
}

/// Records an alert about a queue end; `false` when that very end was already recorded
/// (by another process, say).
pub async fn mark_queue(
    db: &Db,
    character_id: i64,
    kind: &str,
    queue_end_at: i64,
    notified_at: Option<i64>,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "INSERT INTO notified_queues (character_id, kind, queue_end_at, notified_at)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM characters WHERE character_id = ?)
         ON CONFLICT (character_id, kind) DO UPDATE SET
            queue_end_at = excluded.queue_end_at, notified_at = excluded.notified_at
         WHERE queue_end_at != excluded.queue_end_at",
        character_id,
        kind,
        queue_end_at,
        notified_at,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets an alert (the queue is training again).
pub async fn forget_queue(db: &Db, character_id: i64, kind: &str) -> Result<(), StoreError> {
    sqlx::query!(
        "DELETE FROM notified_queues WHERE character_id = ? AND kind = ?",
        character_id,
        kind
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The extractor ledger: (character, planet, pin, kind) → the expiry rung.
pub async fn extractor_marks(db: &Db) -> Result<HashMap<(i64, i64, i64, String), i64>, StoreError> {
    let rows = sqlx::query!(
        "SELECT character_id, planet_id, pin_id, kind, expiry_at FROM notified_extractors"
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.character_id, r.planet_id, r.pin_id, r.kind), r.expiry_at))
        .collect())
}

/// An extractor's cycle to record as rung (`notified_at`) or passed over (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractorMark {
    pub character_id: i64,
    pub planet_id: i64,
    pub pin_id: i64,
    pub expiry_at: i64,
}

/// Records cycles under `kind`; returns how many this call recorded (another process
/// may have recorded the same cycles first: then this one does not ring).
pub async fn mark_extractors(
    db: &Db,
    marks: &[ExtractorMark],
    kind: &str,
    notified_at: Option<i64>,
) -> Result<usize, StoreError> {
    let mut recorded = 0;
    let mut tx = db.pool().begin_with("BEGIN IMMEDIATE").await?;
    for m in marks {
        let done = sqlx::query!(
            "INSERT INTO notified_extractors
                (character_id, planet_id, pin_id, kind, expiry_at, notified_at)
             SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS
                (SELECT 1 FROM characters WHERE character_id = ?)
             ON CONFLICT (character_id, planet_id, pin_id, kind) DO UPDATE SET
                expiry_at = excluded.expiry_at, notified_at = excluded.notified_at
             WHERE expiry_at != excluded.expiry_at",
            m.character_id,
            m.planet_id,
            m.pin_id,
            kind,
            m.expiry_at,
            notified_at,
            m.character_id
        )
        .execute(&mut *tx)
        .await?;
        recorded += done.rows_affected() as usize;
    }
    tx.commit().await?;
    Ok(recorded)
}

/// Forgets the ledger rows of extractors no longer on their colony boards: `read` holds
/// the characters whose boards were read, `keep` (character, planet, pin) of every
/// extractor still on them.
pub async fn forget_extractors(
    db: &Db,
    read: &[i64],
    keep: &[(i64, i64, i64)],
) -> Result<(), StoreError> {
    let read = serde_json::to_string(read).unwrap_or_else(|_| "[]".into());
    let keep = serde_json::to_string(keep).unwrap_or_else(|_| "[]".into());
    sqlx::query!(
        "DELETE FROM notified_extractors
         WHERE character_id IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (
             SELECT 1 FROM json_each(?) AS k
             WHERE json_extract(k.value, '$[0]') = notified_extractors.character_id
               AND json_extract(k.value, '$[1]') = notified_extractors.planet_id
               AND json_extract(k.value, '$[2]') = notified_extractors.pin_id)",
        read,
        keep
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// One row of the idle-slot ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotMark {
    pub freed_at: i64,
    /// Announced, or passed over while the notification was off.
    pub settled: bool,
}

/// The idle-slot ledger: (character, kind) → the last job end seen and whether its
/// idle spell is settled.
pub async fn slot_marks(db: &Db) -> Result<HashMap<(i64, SlotKind), SlotMark>, StoreError> {
    let rows = sqlx::query!(
        r#"SELECT character_id, kind AS "kind: SlotKind", freed_at, settled FROM notified_slots"#
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mark = SlotMark {
                freed_at: r.freed_at,
                settled: r.settled != 0,
            };
            ((r.character_id, r.kind), mark)
        })
        .collect())
}

/// Records that a slot of `kind` was freed at `freed_at` (a later moment replaces an
/// earlier one, never the reverse), settled or not. Returns whether this call settled
/// it (another process may have settled it first: then this one does not ring).
pub async fn mark_slot(
    db: &Db,
    character_id: i64,
    kind: SlotKind,
    mark: SlotMark,
    notified_at: Option<i64>,
) -> Result<bool, StoreError> {
    let settled = i64::from(mark.settled);
    let done = sqlx::query!(
        "INSERT INTO notified_slots (character_id, kind, freed_at, settled, notified_at)
         SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM characters WHERE character_id = ?)
         ON CONFLICT (character_id, kind) DO UPDATE SET
            freed_at = excluded.freed_at, settled = excluded.settled,
            notified_at = excluded.notified_at
         WHERE excluded.freed_at > freed_at
            OR (excluded.freed_at = freed_at AND excluded.settled > settled)",
        character_id,
        kind,
        mark.freed_at,
        settled,
        notified_at,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The moments ledger: (character, kind) → the moment announced (or passed over).
pub async fn moment_marks(db: &Db) -> Result<HashMap<(i64, String), i64>, StoreError> {
    let rows = sqlx::query!("SELECT character_id, kind, at FROM notified_moments")
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.character_id, r.kind), r.at))
        .collect())
}

/// Records `at` as announced (`notified_at`) or passed over (`None`) for a character and
/// kind; returns whether this call recorded it (another process may have first).
pub async fn mark_moment(
    db: &Db,
    character_id: i64,
    kind: &str,
    at: i64,
    notified_at: Option<i64>,
) -> Result<bool, StoreError> {
    let done = sqlx::query!(
        "INSERT INTO notified_moments (character_id, kind, at, notified_at)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM characters WHERE character_id = ?)
         ON CONFLICT (character_id, kind) DO UPDATE SET
            at = excluded.at, notified_at = excluded.notified_at
         WHERE at != excluded.at",
        character_id,
        kind,
        at,
        notified_at,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The items ledger: every (kind, item) recorded, and the last notice of each
/// (character, kind).
pub async fn item_marks(
    db: &Db,
) -> Result<(HashSet<(String, i64)>, HashMap<(i64, String), i64>), StoreError> {
    let rows = sqlx::query!("SELECT character_id, kind, item_id, notified_at FROM notified_items")
        .fetch_all(db.pool())
        .await?;
    let mut marks = HashSet::new();
    let mut last: HashMap<(i64, String), i64> = HashMap::new();
    for r in rows {
        if let Some(at) = r.notified_at {
            let e = last.entry((r.character_id, r.kind.clone())).or_insert(at);
            *e = (*e).max(at);
        }
        marks.insert((r.kind, r.item_id));
    }
    Ok((marks, last))
}

/// Records a character's items under `kind`, announced (`notified_at`) or passed over
/// (`None`); returns how many this call recorded (another process may have first).
pub async fn mark_items(
    db: &Db,
    character_id: i64,
    kind: &str,
    item_ids: &[i64],
    notified_at: Option<i64>,
) -> Result<u64, StoreError> {
    let ids = serde_json::to_string(item_ids).unwrap_or_else(|_| "[]".into());
    let done = sqlx::query!(
        "INSERT INTO notified_items (character_id, kind, item_id, notified_at)
         SELECT ?, ?, value, ? FROM json_each(?)
         WHERE EXISTS (SELECT 1 FROM characters WHERE character_id = ?)
         ON CONFLICT (kind, item_id) DO NOTHING",
        character_id,
        kind,
        notified_at,
        ids,
        character_id
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// Forgets a character's items of these kinds that left its board (`keep`: every item
/// on it), in one statement.
pub async fn forget_items(
    db: &Db,
    character_id: i64,
    kinds: &[&str],
    keep: &[i64],
) -> Result<u64, StoreError> {
    let kinds = serde_json::to_string(kinds).unwrap_or_else(|_| "[]".into());
    let keep = serde_json::to_string(keep).unwrap_or_else(|_| "[]".into());
    let done = sqlx::query!(
        "DELETE FROM notified_items WHERE character_id = ?
         AND kind IN (SELECT value FROM json_each(?))
         AND item_id NOT IN (SELECT value FROM json_each(?))",
        character_id,
        kinds,
        keep
    )
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
