//! What the views read, kept in memory: the roster, the accounts, the names and each
//! slice's boards (their rows, and each body parsed once). Every view reads these on
//! open, and at 100 characters reading them from SQLite and parsing their JSON each time
//! cost 7–17 ms a view. The `table_versions` counters (bumped by triggers on every
//! change, whoever makes it) say with one small read whether what is in memory is still
//! what is stored; when it is not, the table is read again.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;

use super::boards::BoardRow;
use super::{Db, StoreError};

type Shared = Arc<dyn Any + Send + Sync>;
/// A derived value with the slice reads it was made from.
type Derived = (Vec<Arc<SliceBoards>>, Shared);

/// The tables in memory, each with the version it was read at.
#[derive(Default)]
pub struct Memo {
    tables: Mutex<HashMap<String, (i64, Shared)>>,
    derived: Mutex<HashMap<&'static str, Derived>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // What is kept is only ever replaced whole: a panic elsewhere leaves it consistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `table` as stored: from memory when its version has not moved since it was read,
/// otherwise from `load` (given what was kept before, to carry over what did not change).
pub(crate) async fn memoised<T, F, Fut>(db: &Db, table: &str, load: F) -> Result<Arc<T>, StoreError>
where
    T: Send + Sync + 'static,
    F: FnOnce(Option<Arc<T>>) -> Fut,
    Fut: Future<Output = Result<T, StoreError>>,
{
    // The version first, then the rows: what is loaded is at least as new as the version
    // it is kept under, so a change made in between is read again next time.
    let version = sqlx::query_scalar!("SELECT version FROM table_versions WHERE name = ?", table)
        .fetch_optional(db.pool())
        .await?
        .unwrap_or(0);
    let kept = lock(&db.memo().tables)
        .get(table)
        .and_then(|(v, value)| Some((*v, value.clone().downcast::<T>().ok()?)));
    if let Some((kept_version, value)) = &kept {
        if *kept_version == version {
            return Ok(value.clone());
        }
    }
    let loaded = Arc::new(load(kept.map(|(_, value)| value)).await?);
    lock(&db.memo().tables).insert(table.to_owned(), (version, loaded.clone() as Shared));
    Ok(loaded)
}

/// A number that moves whenever anything a view reads is stored: the sum of every
/// table's counter (each only ever goes up).
pub async fn stored_version(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(SUM(version), 0) AS "version!: i64" FROM table_versions"#
    )
    .fetch_one(db.pool())
    .await?)
}

/// What `compute` makes of `inputs`, kept while every one of them is the same read of
/// its slice (nothing in them changed since).
pub(crate) fn derived<T: Send + Sync + 'static>(
    db: &Db,
    name: &'static str,
    inputs: Vec<Arc<SliceBoards>>,
    compute: impl FnOnce(&[Arc<SliceBoards>]) -> T,
) -> Arc<T> {
    let same = |kept: &[Arc<SliceBoards>]| {
        kept.len() == inputs.len() && kept.iter().zip(&inputs).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    if let Some((kept, value)) = lock(&db.memo().derived).get(name) {
        if same(kept) {
            if let Ok(value) = value.clone().downcast::<T>() {
                return value;
            }
        }
    }
    let value = Arc::new(compute(&inputs));
    lock(&db.memo().derived).insert(name, (inputs, value.clone() as Shared));
    value
}

/// Every board of one slice, by owner id, with each body parsed at most once.
pub struct SliceBoards {
    rows: HashMap<i64, BoardRow>,
    parsed: Mutex<HashMap<(i64, TypeId), Shared>>,
}

impl SliceBoards {
    /// `rows` as read, keeping the parsed bodies of `before` whose body is unchanged.
    pub(crate) fn new(rows: HashMap<i64, BoardRow>, before: Option<&SliceBoards>) -> Self {
        let parsed = before
            .map(|before| {
                lock(&before.parsed)
                    .iter()
                    .filter(|((owner, _), _)| {
                        rows.get(owner).map(|r| &r.body) == before.rows.get(owner).map(|r| &r.body)
                    })
                    .map(|(k, v)| (*k, v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            rows,
            parsed: Mutex::new(parsed),
        }
    }

    /// The body of `owner`'s board as a `T`, parsed once per stored body; `None` when
    /// there is no board, no body yet, or a body that is not a `T`.
    pub fn parsed<T>(&self, owner: i64) -> Option<Arc<T>>
    where
        T: DeserializeOwned + Send + Sync + 'static,
    {
        let key = (owner, TypeId::of::<T>());
        if let Some(value) = lock(&self.parsed).get(&key) {
            return value.clone().downcast::<T>().ok();
        }
        let body = self.rows.get(&owner)?.body.as_deref()?;
        let value = Arc::new(serde_json::from_str::<T>(body).ok()?);
        lock(&self.parsed).insert(key, value.clone() as Shared);
        Some(value)
    }
}

impl SliceBoards {
    /// The owners with a board, in order.
    pub fn owners(&self) -> Vec<i64> {
        let mut owners: Vec<i64> = self.rows.keys().copied().collect();
        owners.sort_unstable();
        owners
    }

    /// [`SliceBoards::parsed`], as the caller's own value (to fill in names, say).
    pub fn body<T>(&self, owner: i64) -> Option<T>
    where
        T: DeserializeOwned + Clone + Send + Sync + 'static,
    {
        self.parsed::<T>(owner).map(Arc::unwrap_or_clone)
    }
}

impl std::ops::Deref for SliceBoards {
    type Target = HashMap<i64, BoardRow>;

    fn deref(&self) -> &Self::Target {
        &self.rows
    }
}

#[cfg(test)]
mod tests {
    use sqlx::{Connection as _, SqliteConnection};

    use super::*;
    use crate::paths::Paths;
    use crate::store::{boards, names, roster};
    use crate::sync::Slice;

    const NOW: i64 = 1_790_000_000_000;

    /// Another writer on the same file (the CLI, another build): it knows nothing of this
    /// core's memory.
    async fn elsewhere(db: &Db, sql: &str) {
        let url = format!("sqlite://{}", db.path().display());
        let mut other = SqliteConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut other).await.unwrap();
        other.close().await.unwrap();
    }

    async fn fresh() -> (tempfile::TempDir, Db) {
        let dir = tempfile::TempDir::new().unwrap();
        let db = Db::open(&Paths::in_dir(dir.path()), NOW).await.unwrap();
        (dir, db)
    }

    async fn skills_total(db: &Db) -> Option<i64> {
        let skills = boards::by_owner(db, Slice::Skills).await.unwrap();
        let board = skills.parsed::<serde_json::Value>(7)?;
        board["total_sp"].as_i64()
    }

    #[tokio::test]
    async fn what_is_kept_in_memory_follows_every_change_to_the_file() {
        let (_dir, db) = fresh().await;
        elsewhere(
            &db,
            "INSERT INTO characters (character_id, name, corporation_id, owner_hash, added_at)
             VALUES (7, 'Aura Vexx', 98000001, 'h', 1);
             INSERT INTO boards (owner_kind, owner_id, slice, body)
             VALUES ('character', 7, 'skills', '{\"total_sp\": 100}');",
        )
        .await;
        assert_eq!(roster::list(&db).await.unwrap()[0].name, "Aura Vexx");
        assert_eq!(skills_total(&db).await, Some(100));

        // Unchanged: the same parsed body, not a new parse.
        let first = boards::by_owner(&db, Slice::Skills).await.unwrap();
        let again = boards::by_owner(&db, Slice::Skills).await.unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(Arc::ptr_eq(
            &first.parsed::<serde_json::Value>(7).unwrap(),
            &again.parsed::<serde_json::Value>(7).unwrap()
        ));

        // Written by another connection: seen at the next read.
        elsewhere(
            &db,
            "UPDATE boards SET body = '{\"total_sp\": 250}' WHERE owner_id = 7;
             UPDATE characters SET name = 'Aura Vexx II' WHERE character_id = 7;
             INSERT INTO names (id, name, category) VALUES (98000001, 'Vexx Works', 'corporation');",
        )
        .await;
        assert_eq!(skills_total(&db).await, Some(250));
        assert_eq!(roster::list(&db).await.unwrap()[0].name, "Aura Vexx II");
        assert_eq!(
            names::get(&db, 98000001).await.unwrap().as_deref(),
            Some("Vexx Works")
        );

        // A slice's change leaves another slice's memory alone; its own is read again.
        let skills_before = boards::by_owner(&db, Slice::Skills).await.unwrap();
        let queue_before = boards::by_owner(&db, Slice::Skillqueue).await.unwrap();
        elsewhere(
            &db,
            "INSERT INTO boards (owner_kind, owner_id, slice, body)
             VALUES ('character', 7, 'skillqueue', '[]');",
        )
        .await;
        let skills_after = boards::by_owner(&db, Slice::Skills).await.unwrap();
        assert!(Arc::ptr_eq(&skills_before, &skills_after));
        let queue_after = boards::by_owner(&db, Slice::Skillqueue).await.unwrap();
        assert!(queue_before.is_empty() && queue_after.contains_key(&7));

        // A cascade (unlinking removes the boards by trigger) is seen too.
        roster::delete(&db, 7).await.unwrap();
        assert!(roster::list(&db).await.unwrap().is_empty());
        assert_eq!(skills_total(&db).await, None);
        assert!(boards::by_owner(&db, Slice::Skillqueue)
            .await
            .unwrap()
            .is_empty());
        db.close().await;
    }

    #[tokio::test]
    async fn a_body_is_parsed_again_only_when_it_changed() {
        let (_dir, db) = fresh().await;
        elsewhere(
            &db,
            "INSERT INTO boards (owner_kind, owner_id, slice, body) VALUES
             ('character', 1, 'skills', '{\"total_sp\": 1}'),
             ('character', 2, 'skills', '{\"total_sp\": 2}');",
        )
        .await;
        let before = boards::by_owner(&db, Slice::Skills).await.unwrap();
        let one = before.parsed::<serde_json::Value>(1).unwrap();
        let two = before.parsed::<serde_json::Value>(2).unwrap();
        elsewhere(
            &db,
            "UPDATE boards SET body = '{\"total_sp\": 22}' WHERE owner_id = 2;",
        )
        .await;
        let after = boards::by_owner(&db, Slice::Skills).await.unwrap();
        assert!(!Arc::ptr_eq(&before, &after));
        assert!(Arc::ptr_eq(
            &one,
            &after.parsed::<serde_json::Value>(1).unwrap()
        ));
        let two_after = after.parsed::<serde_json::Value>(2).unwrap();
        assert!(!Arc::ptr_eq(&two, &two_after));
        assert_eq!(two_after["total_sp"], 22);
        // A body that is not the type asked for reads as none, and stays readable as
        // what it is.
        assert!(after.parsed::<Vec<i64>>(1).is_none());
        assert_eq!(after.parsed::<serde_json::Value>(1).unwrap()["total_sp"], 1);
        db.close().await;
    }
}
