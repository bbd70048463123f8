//! `enumerate owners → precondition → read sync state → stale? → vend a token (or
//! resolve a role-holder) → conditional fetch → verdict → persist`.
//!
//! Rules (docs/design.md §1, §5): the stale gate comes before a token is vended, so a fresh
//! board costs neither a refresh nor a request; a 304 stamps freshness only; an error
//! stores the error and keeps the board; a fresh body replaces the board in one
//! transaction and `board-updated` is emitted only when what the user sees changed; one
//! run per owner (an in-process set, and a claim in the database for other processes);
//! a run writes only while it is the owner's newest.

use std::collections::HashSet;

use serde_json::Value;

use super::models::{BoardChange, GateState, Outcome, OwnerKind, Slice};
use crate::auth::AuthError;
use crate::esi::{Fetched, GateError, Route};
use crate::events::CoreEvent;
use crate::roster::models::{AuthState, LinkedCharacter};
use crate::store::boards::{self, BoardKey, BoardRow, Saved};
use crate::store::StoreError;
use crate::{store, Cynosure, IpcError};

/// A run older than this is dead (its process died); another may take the board.
pub const RUN_DEAD_AFTER_MS: i64 = 5 * 60_000;
/// After a failed read, the board is not retried before this much time.
pub const ERROR_RETRY_MS: i64 = 60_000;

/// Whose boards a descriptor keeps.
#[derive(Debug)]
pub enum OwnerAxis {
    /// Each linked character.
    Character,
    /// Each corporation of a linked character, read through a linked character holding
    /// one of `any_of` (read from the `roles` board, itself a character board).
    Corporation {
        roles: &'static Descriptor,
        any_of: &'static [&'static str],
    },
}

/// What a slice tells the engine. Built with [`Descriptor::character`] or
/// [`Descriptor::corporation`] and the modifiers below.
#[derive(Debug)]
pub struct Descriptor {
    pub slice: Slice,
    pub owner: OwnerAxis,
    pub route: Route,
    /// The scope the token must carry.
    pub scope: &'static str,
    /// All `X-Pages` pages (corporation jobs).
    pub paged: bool,
    /// Checks an ESI body and returns the board as stored: canonical JSON of what the user
    /// sees, so that equal boards compare equal whatever ESI's ordering or ETag.
    pub normalize: fn(Value) -> Result<String, String>,
    /// The ids on a stored board worth resolving to names (`POST /universe/names`).
    pub name_ids: fn(&str) -> Vec<i64>,
    /// The planets on a stored board, named through `/universe/planets/{planet_id}`.
    pub planet_ids: fn(&str) -> Vec<i64>,
    /// The board's items that ESI details on a route of their own.
    pub expand: Option<&'static Expand>,
    /// The board's items leave it without saying why; another route tells.
    pub endings: Option<&'static Endings>,
    /// The moments a stored board holds (owner id, board, the owner's other stored
    /// boards): what "Next" shows.
    pub deadlines: Deadlines,
    /// The user sees this board: a change emits `board-updated` (the roles board, read
    /// only to find a role-holder, does not).
    pub announce: bool,
}

/// A board whose items ESI details on a route of their own (a colony's layout on
/// `/characters/{character_id}/planets/{planet_id}`): the engine reads an item's details
/// only when the item is new or its version changed (for a colony, its `last_update`),
/// keeps the stored details of every other item, and puts them all on the board.
#[derive(Debug)]
pub struct Expand {
    /// The details' route; its path takes the owner's id, then the item's.
    pub route: Route,
    /// Every item of a canonical board: its id and its version.
    pub items: fn(&str) -> Vec<(i64, String)>,
    /// An item's details as a stored board holds them, if it holds them at this version.
    pub kept: fn(&str, i64, &str) -> Option<Value>,
    /// Checks a details body and returns what the board keeps of it.
    pub normalize: fn(Value) -> Result<Value, String>,
    /// The canonical board with each item's details put in (an item ESI no longer
    /// details, as a colony abandoned a moment ago, stays without).
    pub assemble: fn(&str, &std::collections::BTreeMap<i64, Value>) -> Result<String, String>,
}

/// A board whose items leave it without saying why (a market order filled, cancelled or
/// expired just leaves the open list) while ESI records their endings on another route.
/// The engine carries the items that left from the stored board to the fresh one, and
/// reads the record (a board of its own, with its own stale gate, so never inside its
/// cache window) only while some ending is unknown; until then the board is read whole
/// (no ETag), so that an unchanged list cannot hide the wait.
#[derive(Debug)]
pub struct Endings {
    /// Where the endings are recorded: an unannounced board of the same owner and scope.
    pub history: &'static Descriptor,
    /// The fresh canonical board with what the stored one knew of the items that left,
    /// at `now`.
    pub carry: fn(&str, Option<&str>, i64) -> Result<String, String>,
    /// Some item's ending is still unknown.
    pub unsettled: fn(&str) -> bool,
    /// The board with the endings the stored record holds.
    pub settle: fn(&str, &str) -> Result<String, String>,
}

fn no_ids(_: &str) -> Vec<i64> {
    Vec::new()
}

/// How a board finds its moments: the owner's id, the stored board, and the owner's
/// other stored boards by slice (a clone jump's cooldown comes from the skills).
pub type Deadlines = fn(i64, &str, &dyn Fn(Slice) -> Option<String>) -> Vec<super::Deadline>;

fn no_deadlines(_: i64, _: &str, _: &dyn Fn(Slice) -> Option<String>) -> Vec<super::Deadline> {
    Vec::new()
}

impl Descriptor {
    /// A board each linked character has, read with its own token.
    pub const fn character(
        slice: Slice,
        route: Route,
        scope: &'static str,
        normalize: fn(Value) -> Result<String, String>,
    ) -> Self {
        Self {
            slice,
            owner: OwnerAxis::Character,
            route,
            scope,
            paged: false,
            normalize,
            name_ids: no_ids,
            planet_ids: no_ids,
            expand: None,
            endings: None,
            deadlines: no_deadlines,
            announce: true,
        }
    }

    /// A board each corporation of a linked character has, read through a linked member
    /// holding one of `any_of` (found on the `roles` board).
    pub const fn corporation(
        slice: Slice,
        route: Route,
        scope: &'static str,
        normalize: fn(Value) -> Result<String, String>,
        roles: &'static Descriptor,
        any_of: &'static [&'static str],
    ) -> Self {
        Self {
            owner: OwnerAxis::Corporation { roles, any_of },
            ..Self::character(slice, route, scope, normalize)
        }
    }

    pub const fn named(self, name_ids: fn(&str) -> Vec<i64>) -> Self {
        Self { name_ids, ..self }
    }

    pub const fn planets_named(self, planet_ids: fn(&str) -> Vec<i64>) -> Self {
        Self { planet_ids, ..self }
    }

    pub const fn with_deadlines(self, deadlines: Deadlines) -> Self {
        Self { deadlines, ..self }
    }

    pub const fn paged(self) -> Self {
        Self {
            paged: true,
            ..self
        }
    }

    pub const fn expanded(self, expand: &'static Expand) -> Self {
        Self {
            expand: Some(expand),
            ..self
        }
    }

    pub const fn with_endings(self, endings: &'static Endings) -> Self {
        Self {
            endings: Some(endings),
            ..self
        }
    }

    /// Read only on the way to something else: its changes are not announced.
    pub const fn unannounced(self) -> Self {
        Self {
            announce: false,
            ..self
        }
    }
}

impl Descriptor {
    pub fn owner_kind(&self) -> OwnerKind {
        match self.owner {
            OwnerAxis::Character => OwnerKind::Character,
            OwnerAxis::Corporation { .. } => OwnerKind::Corporation,
        }
    }

    pub(crate) fn key(&self, owner_id: i64) -> BoardKey {
        BoardKey {
            owner_kind: self.owner_kind(),
            owner_id,
            slice: self.slice,
        }
    }

    fn change(&self, owner_id: i64) -> BoardChange {
        BoardChange {
            slice: self.slice,
            owner_kind: self.owner_kind(),
            owner_id,
        }
    }
}

/// NPC corporations' ids (CCP's id ranges: 1,000,000–1,999,999).
pub fn is_npc_corporation(id: i64) -> bool {
    (1_000_000..2_000_000).contains(&id)
}

/// The owners a descriptor covers, from the store (never from the UI).
pub async fn owners(core: &Cynosure, d: &Descriptor) -> Result<Vec<i64>, StoreError> {
    let characters = store::roster::list(core.db()).await?;
    let mut ids: Vec<i64> = match d.owner {
        OwnerAxis::Character => characters.iter().map(|c| c.character_id).collect(),
        // An NPC corporation has no readers and no jobs of its players to show.
        OwnerAxis::Corporation { .. } => characters
            .iter()
            .map(|c| c.corporation_id)
            .filter(|id| !is_npc_corporation(*id))
            .collect(),
    };
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
    Ok(ids)
}

/// Whether a board should be read again now.
pub fn is_stale(row: Option<&BoardRow>, now: i64) -> bool {
    let Some(row) = row else { return true };
    if row.gate_state != GateState::Ok {
        return true;
    }
    let fresh = row.expires_at.is_some_and(|e| e > now);
    let backing_off = row.error_at.is_some_and(|e| {
        e + ERROR_RETRY_MS > now && row.last_refreshed_at.map_or(true, |ok| e >= ok)
    });
    !(fresh || backing_off)
}

/// Runs every stale owner of a descriptor, concurrently.
#[tracing::instrument(skip(core, d), fields(slice = ?d.slice), err)]
pub async fn refresh_stale(
    core: &Cynosure,
    d: &'static Descriptor,
) -> Result<Vec<(i64, Outcome)>, StoreError> {
    let owners = owners(core, d).await?;
    let runs = owners.iter().map(|&id| async move {
        let outcome = refresh_owner(core, d, id).await;
        (id, outcome)
    });
    let mut out = Vec::new();
    for (id, outcome) in futures_util::future::join_all(runs).await {
        out.push((id, outcome?));
    }
    Ok(out)
}

/// Keeps the in-process run set honest even if the run's future is dropped.
struct InFlight<'a> {
    core: &'a Cynosure,
    key: (Slice, OwnerKind, i64),
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.core.sync_runs().remove(&self.key);
    }
}

/// One owner of one board, through the whole flow.
#[tracing::instrument(skip(core, d), fields(slice = ?d.slice), err)]
pub async fn refresh_owner(
    core: &Cynosure,
    d: &'static Descriptor,
    owner_id: i64,
) -> Result<Outcome, StoreError> {
    let outcome = run_owner(core, d, owner_id).await;
    // A full disk cannot be written down on the board itself: the core holds it, every
    // board shows it, and the first save that works again clears it.
    let change = match &outcome {
        Err(StoreError::DiskFull) => {
            core.note_store_fault(Some(IpcError::from(StoreError::DiskFull)))
        }
        Ok(Outcome::Saved | Outcome::Stamped) => core.note_store_fault(None),
        _ => false,
    };
    if change && d.announce {
        core.emit(CoreEvent::BoardUpdated(d.change(owner_id)));
    }
    outcome
}

async fn run_owner(
    core: &Cynosure,
    d: &'static Descriptor,
    owner_id: i64,
) -> Result<Outcome, StoreError> {
    let key = d.key(owner_id);
    let row = boards::get(core.db(), key).await?;

    // Precondition: who may read this board, without a request of our own.
    let reader = match precondition(core, d, owner_id).await? {
        Pre::Reader(reader) => reader,
        Pre::Gate(gate) => return gated(core, d, owner_id, row.as_ref(), gate).await,
        Pre::Busy => return Ok(Outcome::Busy),
    };
    if !is_stale(row.as_ref(), core.now_ms()) {
        return Ok(Outcome::Fresh);
    }

    let run_key = (d.slice, d.owner_kind(), owner_id);
    if !core.sync_runs().insert(run_key) {
        return Ok(Outcome::Busy);
    }
    let _in_flight = InFlight { core, key: run_key };
    let now = core.now_ms();
    let Some(generation) = boards::claim(core.db(), key, now, now - RUN_DEAD_AFTER_MS).await?
    else {
        return Ok(Outcome::Busy);
    };

    let vend = || async {
        match core.custody().vend(core, reader.character_id).await {
            Ok(token) => Ok(token),
            Err(AuthError::ReauthRequired { .. }) => {
                Err(
                    boards::set_gate(core.db(), key, generation, GateState::ReauthRequired)
                        .await
                        .map(|_| Outcome::Gated(GateState::ReauthRequired)),
                )
            }
            Err(e) => Err(failed(core, key, generation, IpcError::from(e)).await),
        }
    };
    let mut token = match vend().await {
        Ok(token) => token,
        Err(outcome) => return outcome,
    };
    let path = d.route.path_for(&[owner_id]);
    let stored = row.as_ref().and_then(|r| r.body.as_deref());
    let waiting = d.endings.is_some_and(|x| stored.is_some_and(x.unsettled));
    let etag = row
        .as_ref()
        .and_then(|r| r.etag.as_deref())
        .filter(|_| !waiting);
    let mut fetched = read(core, d, &path, reader.character_id, token.secret(), etag).await;
    if matches!(
        fetched,
        Err(GateError::Unauthorized { .. } | GateError::TokenRefused { .. })
    ) {
        // ESI refused the token itself: once more with a fresh one, never the same again.
        core.custody().forget_access(reader.character_id).await;
        token = match vend().await {
            Ok(token) => token,
            Err(outcome) => return outcome,
        };
        fetched = read(core, d, &path, reader.character_id, token.secret(), etag).await;
    }
    let now = core.now_ms();
    match fetched {
        Ok(Fetched::NotModified {
            etag,
            expires_at_ms,
        }) => {
            let written = boards::stamp(
                core.db(),
                key,
                generation,
                etag.as_deref(),
                expires_at_ms,
                now,
            )
            .await?;
            Ok(if written {
                Outcome::Stamped
            } else {
                Outcome::Superseded
            })
        }
        Ok(Fetched::Fresh {
            body,
            etag,
            expires_at_ms,
        }) => {
            let board = match (d.normalize)(body) {
                Ok(board) => board,
                Err(why) => {
                    let error = IpcError::from(GateError::Malformed(why));
                    return failed(core, key, generation, error).await;
                }
            };
            let board = match d.expand {
                None => board,
                Some(x) => {
                    let reader = reader.character_id;
                    match expand(core, x, reader, token.secret(), owner_id, &board, stored).await {
                        Ok(board) => board,
                        Err(error) => return failed(core, key, generation, error).await,
                    }
                }
            };
            let board = match d.endings {
                None => board,
                Some(x) => match endings(core, x, owner_id, &board, stored).await? {
                    Ok(board) => board,
                    Err(error) => return failed(core, key, generation, error).await,
                },
            };
            let saved = boards::save(
                core.db(),
                key,
                generation,
                &board,
                etag.as_deref(),
                expires_at_ms,
                now,
            )
            .await?;
            match saved {
                Saved::Changed if !d.announce => Ok(Outcome::Saved),
                Saved::Changed => {
                    crate::names::resolve(core, &(d.name_ids)(&board)).await;
                    crate::names::resolve_planets(core, &(d.planet_ids)(&board)).await;
                    core.emit(CoreEvent::BoardUpdated(d.change(owner_id)));
                    Ok(Outcome::Saved)
                }
                Saved::Unchanged => Ok(Outcome::Stamped),
                Saved::Superseded => Ok(Outcome::Superseded),
            }
        }
        Err(GateError::Forbidden { .. }) if d.owner_kind() == OwnerKind::Corporation => {
            if let OwnerAxis::Corporation { roles, any_of } = d.owner {
                let held: Vec<String> = boards::get(core.db(), roles.key(reader.character_id))
                    .await?
                    .and_then(|r| r.body)
                    .and_then(|b| serde_json::from_str(&b).ok())
                    .unwrap_or_default();
                if director_only(&held, any_of) {
                    // ESI asks for the route's own role (CCP's spec: Factory_Manager); a
                    // Director without it is refused. Said in words; this reader is not
                    // asked again while the board stands refused.
                    boards::set_gate(core.db(), key, generation, GateState::NeedsRole).await?;
                    let error = IpcError::new(
                        DIRECTOR_REFUSED,
                        format!(
                            "ESI did not accept {}'s Director role here: it asks for the {} role itself. Give it to a linked character in game.",
                            reader.name,
                            any_of.iter().find(|r| **r != "Director").unwrap_or(&"required").replace('_', " ")
                        ),
                    );
                    boards::fail(core.db(), key, generation, &error.code, &error.message, now)
                        .await?;
                    return Ok(Outcome::Gated(GateState::NeedsRole));
                }
                // The role was lost since the roles board was read: stop asking. The
                // reader's roles are in doubt until ESI's copy of them may have changed,
                // so the next re-open waits for a role-holder instead of asking again.
                boards::doubt(core.db(), roles.key(reader.character_id)).await?;
            }
            boards::set_gate(core.db(), key, generation, GateState::NeedsRole).await?;
            Ok(Outcome::Gated(GateState::NeedsRole))
        }
        Err(e) => failed(core, key, generation, IpcError::from(e)).await,
    }
}

/// The error code of a corporation board ESI refused to a Director-only reader.
pub const DIRECTOR_REFUSED: &str = "esi.director_refused";

/// Whether the only role in `held` that qualifies among `any_of` is Director.
fn director_only(held: &[String], any_of: &[&str]) -> bool {
    held.iter().any(|r| r == "Director")
        && !held
            .iter()
            .any(|r| r != "Director" && any_of.contains(&r.as_str()))
}

/// One read of the owner's board (every page of a paged route).
async fn read(
    core: &Cynosure,
    d: &Descriptor,
    path: &str,
    reader_id: i64,
    token: &str,
    etag: Option<&str>,
) -> Result<Fetched<Value>, GateError> {
    if !d.paged {
        return core
            .gate()
            .get::<Value>(d.route, path, Some(reader_id), Some(token), etag)
            .await;
    }
    core.gate()
        .get_all_pages::<Value>(d.route, path, Some(reader_id), Some(token), etag)
        .await
        .map(|f| match f {
            Fetched::Fresh {
                body,
                etag,
                expires_at_ms,
            } => Fetched::Fresh {
                body: Value::Array(body),
                etag,
                expires_at_ms,
            },
            Fetched::NotModified {
                etag,
                expires_at_ms,
            } => Fetched::NotModified {
                etag,
                expires_at_ms,
            },
        })
}

/// The items of a fresh board, each with its details: kept from the stored board when
/// the item's version is unchanged, read from ESI otherwise. Any failure but ESI no
/// longer knowing an item fails the run (the stored board stays, the next run retries).
async fn expand(
    core: &Cynosure,
    x: &Expand,
    reader_id: i64,
    token: &str,
    owner_id: i64,
    board: &str,
    stored: Option<&str>,
) -> Result<String, IpcError> {
    let malformed = |why: String| IpcError::from(GateError::Malformed(why));
    let mut details = std::collections::BTreeMap::new();
    for (item, version) in (x.items)(board) {
        if let Some(kept) = stored.and_then(|s| (x.kept)(s, item, &version)) {
            details.insert(item, kept);
            continue;
        }
        let path = x.route.path_for(&[owner_id, item]);
        match core
            .gate()
            .get::<Value>(x.route, &path, Some(reader_id), Some(token), None)
            .await
        {
            Ok(Fetched::Fresh { body, .. }) => {
                details.insert(item, (x.normalize)(body).map_err(malformed)?);
            }
            Ok(Fetched::NotModified { .. }) | Err(GateError::NotFound { .. }) => {}
            Err(e) => return Err(IpcError::from(e)),
        }
    }
    (x.assemble)(board, &details).map_err(malformed)
}

/// A fresh board with the items that left the stored one, their endings from the record
/// where it holds them (read first when one is unknown and the record is stale). A
/// record that cannot be read leaves the endings unknown: the next run asks again.
async fn endings(
    core: &Cynosure,
    x: &Endings,
    owner_id: i64,
    board: &str,
    stored: Option<&str>,
) -> Result<Result<String, IpcError>, StoreError> {
    let malformed = |why: String| IpcError::from(GateError::Malformed(why));
    let board = match (x.carry)(board, stored, core.now_ms()) {
        Ok(board) => board,
        Err(why) => return Ok(Err(malformed(why))),
    };
    if !(x.unsettled)(&board) {
        return Ok(Ok(board));
    }
    if let Outcome::Failed(e) = Box::pin(refresh_owner(core, x.history, owner_id)).await? {
        tracing::warn!(code = %e.code, "the record of endings could not be read; asked again later");
    }
    let Some(record) = boards::get(core.db(), x.history.key(owner_id))
        .await?
        .and_then(|r| r.body)
    else {
        return Ok(Ok(board));
    };
    Ok((x.settle)(&board, &record).map_err(malformed))
}

async fn failed(
    core: &Cynosure,
    key: BoardKey,
    generation: i64,
    error: IpcError,
) -> Result<Outcome, StoreError> {
    tracing::warn!(code = %error.code, "{}", error.message);
    let written = boards::fail(
        core.db(),
        key,
        generation,
        &error.code,
        &error.message,
        core.now_ms(),
    )
    .await?;
    Ok(if written {
        Outcome::Failed(error)
    } else {
        Outcome::Superseded
    })
}

/// Stores a gate state when it changed (so the UI can say why), without a request and
/// without taking the board from a run in progress.
async fn gated(
    core: &Cynosure,
    d: &Descriptor,
    owner_id: i64,
    row: Option<&BoardRow>,
    gate: GateState,
) -> Result<Outcome, StoreError> {
    if row.map(|r| r.gate_state) != Some(gate) {
        let now = core.now_ms();
        boards::note_gate(core.db(), d.key(owner_id), gate, now - RUN_DEAD_AFTER_MS).await?;
    }
    Ok(Outcome::Gated(gate))
}

/// What the precondition found.
enum Pre {
    /// This linked character's token reads the board.
    Reader(LinkedCharacter),
    /// No request is possible, and why.
    Gate(GateState),
    /// Another run is finding out (a role-holder's roles are being read): leave it to it.
    Busy,
}

/// The linked character whose token reads this board, or why there is none.
async fn precondition(
    core: &Cynosure,
    d: &'static Descriptor,
    owner_id: i64,
) -> Result<Pre, StoreError> {
    match d.owner {
        OwnerAxis::Character => {
            let Some(c) = store::roster::get(core.db(), owner_id).await? else {
                return Ok(Pre::Gate(GateState::ReauthRequired));
            };
            Ok(if c.auth_state == AuthState::ReauthRequired {
                Pre::Gate(GateState::ReauthRequired)
            } else if !c.scopes.iter().any(|s| s == d.scope) {
                Pre::Gate(GateState::MissingScope)
            } else {
                Pre::Reader(c)
            })
        }
        OwnerAxis::Corporation { roles, any_of } => {
            let members: Vec<LinkedCharacter> = store::roster::list(core.db())
                .await?
                .into_iter()
                .filter(|c| {
                    c.corporation_id == owner_id
                        && c.auth_state == AuthState::Ok
                        && c.scopes.iter().any(|s| s == d.scope)
                        && c.scopes.iter().any(|s| s == roles.scope)
                })
                .collect();
            // A Director the corporation's board was refused for is not asked again (until
            // a read succeeds): ESI asks for the route's own role.
            let director_refused = boards::get(core.db(), d.key(owner_id))
                .await?
                .is_some_and(|r| r.error_code.as_deref() == Some(DIRECTOR_REFUSED));
            let mut undecided = false;
            for c in members {
                // The roles board is a character board with its own stale gate.
                let outcome = Box::pin(refresh_owner(core, roles, c.character_id)).await?;
                let Some(body) = boards::get(core.db(), roles.key(c.character_id))
                    .await?
                    .and_then(|r| r.body)
                else {
                    undecided |= outcome == Outcome::Busy;
                    continue;
                };
                let held: Vec<String> = serde_json::from_str(&body).unwrap_or_default();
                if director_refused && director_only(&held, any_of) {
                    continue;
                }
                if held.iter().any(|r| any_of.contains(&r.as_str())) {
                    return Ok(Pre::Reader(c));
                }
            }
            Ok(if undecided {
                Pre::Busy
            } else {
                Pre::Gate(GateState::NeedsRole)
            })
        }
    }
}

/// The UI's view of a board's sync state. `refreshing`: a refresh was started for it.
/// A full disk the core is holding shows on every board that has no error of its own.
pub fn sync_info(core: &Cynosure, row: Option<&BoardRow>, refreshing: bool) -> super::SyncInfo {
    let now = core.now_ms();
    let info = super::SyncInfo {
        last_refreshed_at: row.and_then(|r| r.last_refreshed_at),
        expires_at: row.and_then(|r| r.expires_at),
        gate_state: row.map_or(GateState::Ok, |r| r.gate_state),
        error: row.and_then(|r| match (&r.error_code, &r.error_message) {
            (Some(code), Some(message)) => Some(IpcError::new(code.clone(), message.clone())),
            _ => None,
        }),
        refreshing: refreshing && is_stale(row, now),
    };
    match core.store_fault() {
        Some(fault) if info.error.is_none() => super::SyncInfo {
            error: Some(fault),
            ..info
        },
        _ => info,
    }
}
