//! One poll of the live subject: every linked character with the online scope, read
//! conditionally, and Tranquility's status. A 304 or an error writes nothing; a new body
//! writes the row, and a flip of `online` (or a new server status) is announced.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::models::{OnlineChange, ServerStatus};
use crate::esi::{routes, Fetched};
use crate::events::CoreEvent;
use crate::roster::models::AuthState;
use crate::store::online::OnlineRow;
use crate::sync::live::Polled;
use crate::{store, Cynosure, IpcError};

pub const SCOPE: &str = "esi-location.read_online.v1";

/// `GET /status` (CCP's `StatusGet`; `vip` is absent from some spec versions).
#[derive(Deserialize)]
struct EsiStatus {
    players: i64,
    start_time: DateTime<Utc>,
    #[serde(default)]
    vip: Option<bool>,
}

#[derive(Deserialize)]
struct EsiOnline {
    online: bool,
    #[serde(default)]
    last_login: Option<DateTime<Utc>>,
    #[serde(default)]
    last_logout: Option<DateTime<Utc>>,
}

/// The poll the live engine runs.
pub fn poll(
    core: &Cynosure,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Polled> + Send + '_>> {
    Box::pin(poll_all(core))
}

#[tracing::instrument(skip_all)]
async fn poll_all(core: &Cynosure) -> Polled {
    // Re-enumerated from the store every run: the UI's hint never grants anything.
    let (characters, rows) = match (
        store::roster::list(core.db()).await,
        store::online::list(core.db()).await,
    ) {
        (Ok(c), Ok(r)) => (c, r),
        (Err(e), _) | (_, Err(e)) => {
            return Polled {
                expires_at: None,
                error: Some(IpcError::from(e)),
            }
        }
    };
    let watched = characters
        .into_iter()
        .filter(|c| c.auth_state == AuthState::Ok && c.scopes.iter().any(|s| s == SCOPE));
    let reads = watched.map(|c| {
        let etag = rows
            .iter()
            .find(|r| r.character_id == c.character_id)
            .and_then(|r| r.etag.clone());
        async move { (c.character_id, read_one(core, c.character_id, etag).await) }
    });
    // Tranquility's status is for someone looking at the window: not for the tray's slow
    // polls while it is hidden.
    let watched = core.live().status(core).warm;
    let server = async move {
        match watched {
            true => Some(read_server(core).await),
            false => None,
        }
    };
    let (server, reads) =
        futures_util::future::join(server, futures_util::future::join_all(reads)).await;
    let mut polled = Polled::default();
    match server {
        None => {}
        Some(Ok(expires_at)) => polled.expires_at = Some(expires_at),
        Some(Err(e)) => {
            tracing::warn!(code = %e.code, "Tranquility's status: {}", e.message);
            if core.note_server_status(None) {
                core.emit(CoreEvent::ServerStatusChanged(None));
            }
        }
    }
    let mut changes = Vec::new();
    for (character_id, result) in reads {
        match result {
            Ok((expires_at, flipped)) => {
                polled.expires_at =
                    Some(polled.expires_at.map_or(expires_at, |e| e.min(expires_at)));
                if let Some(online) = flipped {
                    changes.push(OnlineChange {
                        character_id,
                        online,
                    });
                }
            }
            Err(e) => {
                tracing::warn!(character_id, code = %e.code, "{}", e.message);
                polled.error = Some(e);
            }
        }
    }
    if !changes.is_empty() {
        core.emit(CoreEvent::OnlineChanged(changes));
    }
    polled
}

/// Reads Tranquility's status (conditionally); returns when its cache expires.
async fn read_server(core: &Cynosure) -> Result<i64, IpcError> {
    let etag = core.server_etag();
    let fetched = core
        .gate()
        .get::<EsiStatus>(
            routes::STATUS,
            routes::STATUS.path,
            None,
            None,
            etag.as_deref(),
        )
        .await?;
    match fetched {
        Fetched::NotModified { expires_at_ms, .. } => {
            if let Some(mut status) = core.server_status() {
                status.as_of = core.now_ms();
                core.note_server_status(Some((status, etag)));
            }
            Ok(expires_at_ms)
        }
        Fetched::Fresh {
            body,
            etag,
            expires_at_ms,
        } => {
            let status = ServerStatus {
                players: body.players,
                started_at: body.start_time.timestamp_millis(),
                vip: body.vip.unwrap_or(false),
                as_of: core.now_ms(),
            };
            if core.note_server_status(Some((status.clone(), etag))) {
                core.emit(CoreEvent::ServerStatusChanged(Some(status)));
            }
            Ok(expires_at_ms)
        }
    }
}

/// Reads one character; returns when its cache expires and its new `online` if it
/// flipped.
async fn read_one(
    core: &Cynosure,
    character_id: i64,
    etag: Option<String>,
) -> Result<(i64, Option<bool>), IpcError> {
    let token = core.custody().vend(core, character_id).await?;
    let fetched = core
        .gate()
        .get::<EsiOnline>(
            routes::ONLINE,
            &routes::ONLINE.path_for(&[character_id]),
            Some(character_id),
            Some(token.secret()),
            etag.as_deref(),
        )
        .await?;
    match fetched {
        Fetched::NotModified { expires_at_ms, .. } => Ok((expires_at_ms, None)),
        Fetched::Fresh {
            body,
            etag,
            expires_at_ms,
        } => {
            let flipped = store::online::write(
                core.db(),
                &OnlineRow {
                    character_id,
                    online: body.online,
                    last_login: body.last_login.map(|d| d.timestamp_millis()),
                    last_logout: body.last_logout.map(|d| d.timestamp_millis()),
                    etag,
                    changed_at: core.now_ms(),
                },
            )
            .await
            .map_err(IpcError::from)?;
            Ok((expires_at_ms, flipped.then_some(body.online)))
        }
    }
}
