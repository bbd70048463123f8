//! Token custody: sign-in (PKCE through the system browser and the loopback listener),
//! vending access tokens with single-flight refresh, re-authorisation and unlink.
//!
//! Invariants:
//! - a refresh token is written to the vault before the access token that came with it
//!   is used or the character row is touched;
//! - at most one refresh per character is in flight: vends for one character queue on
//!   its slot and the second finds the fresh token the first one got;
//! - `invalid_grant` (or `invalid_token`, which EVE's SSO also sends for a revoked
//!   token) marks the character `reauth_required` and keeps its data.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse as _,
    TokenUrl,
};
use serde::Deserialize;

use super::loopback::{callback_url, Loopback};
use super::models::{AccessToken, LoginOutcome, UnlinkOutcome};
use super::{AuthError, JwtVerifier, Vault, VaultKind, VerifiedCharacter};
use crate::esi::GateError;
use crate::esi::{routes, EsiGate};
use crate::roster::models::{AuthState, LinkedCharacter};
use crate::store;
use crate::Cynosure;

/// A token is refreshed when it has less than this left.
const REFRESH_MARGIN_MS: i64 = 60_000;
pub const LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

type SsoClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

struct Held {
    token: AccessToken,
    expires_at_ms: i64,
}

/// What custody holds in memory for a character.
#[derive(Default)]
struct SlotState {
    held: Option<Held>,
    /// A rotated refresh token the vault could not keep (a full disk): the one that
    /// works now, so it must not be lost. Stored before the next refresh.
    unsaved_refresh: Option<String>,
    /// When EVE's login first answered `invalid_token` for this character since its
    /// last good refresh (it has done so for good tokens, around downtime).
    refused_since: Option<i64>,
    /// No refresh is tried before this, after such a refusal.
    retry_at: Option<i64>,
}

/// After one `invalid_token`, the next refresh is tried this much later…
const REFUSED_RETRY_MS: i64 = 5 * 60_000;
/// …and a refusal this long after the first, outside the daily downtime, is believed.
const REFUSED_CONFIRM_MS: i64 = 10 * 60_000;

/// EVE's login said the application itself is set up wrong (`invalid_client`,
/// `unauthorized_client`, `unsupported_grant_type`): until when nothing is asked, and how
/// many times in a row it said so.
#[derive(Debug, Clone)]
struct ApplicationRefusal {
    until: i64,
    strikes: u32,
    error: String,
}

/// The wait after the `strikes`-th application refusal in a row: 1, 4, 16, 64 minutes,
/// then 4 hours.
fn application_wait_ms(strikes: u32) -> i64 {
    60_000 * 4_i64.saturating_pow(strikes.saturating_sub(1)).min(240)
}

/// What a refusal from EVE's token endpoint means.
enum Refusal {
    /// `invalid_grant`: the refresh token is dead (revoked, expired).
    DeadGrant,
    /// `invalid_token`: maybe dead, maybe EVE's login having a bad moment.
    Doubtful,
    /// The application is set up wrong; no character's fault.
    Application(String),
    Other,
}

fn refusal(e: &TokenRequestError) -> Refusal {
    let RequestTokenError::ServerResponse(r) = e else {
        return Refusal::Other;
    };
    match r.error() {
        BasicErrorResponseType::InvalidGrant => Refusal::DeadGrant,
        BasicErrorResponseType::InvalidClient
        | BasicErrorResponseType::UnauthorizedClient
        | BasicErrorResponseType::UnsupportedGrantType => {
            Refusal::Application(r.error().to_string())
        }
        BasicErrorResponseType::Extension(other) if other == "invalid_token" => Refusal::Doubtful,
        _ => Refusal::Other,
    }
}

/// One per character: holding its lock is holding the right to refresh it.
type Slot = Arc<tokio::sync::Mutex<SlotState>>;

pub struct Custody {
    vault: Vault,
    verifier: JwtVerifier,
    sso_url: String,
    login_timeout: Duration,
    slots: Mutex<HashMap<i64, Slot>>,
    /// The sign-in waiting for the browser; a new one or a cancel wakes it.
    pending_login: Mutex<Option<Arc<tokio::sync::Notify>>>,
    /// Held by the running sign-in: a newer one waits for it to free the callback port.
    login_turn: tokio::sync::Mutex<()>,
    application_refused: Mutex<Option<ApplicationRefusal>>,
    /// Refreshes in flight at once: a start with many characters (every board due)
    /// does not send EVE's login a burst.
    refreshing: tokio::sync::Semaphore,
}

/// How many token refreshes go to EVE's login at once.
const REFRESHES_AT_ONCE: usize = 2;

impl std::fmt::Debug for Custody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Custody")
            .field("vault", &self.vault.kind())
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Affiliation {
    character_id: i64,
    corporation_id: i64,
}

impl Custody {
    pub fn new(vault: Vault, gate: &EsiGate, login_timeout: Duration) -> Self {
        let sso_url = gate.config().sso_url.clone();
        Self {
            verifier: JwtVerifier::new(
                gate.sso_http().clone(),
                format!("{sso_url}/.well-known/oauth-authorization-server"),
                gate.clock(),
            )
            .learning_into(gate.server_clock_handle()),
            vault,
            sso_url,
            login_timeout,
            slots: Mutex::default(),
            pending_login: Mutex::default(),
            login_turn: tokio::sync::Mutex::new(()),
            application_refused: Mutex::default(),
            refreshing: tokio::sync::Semaphore::new(REFRESHES_AT_ONCE),
        }
    }

    pub fn vault_kind(&self) -> VaultKind {
        self.vault.kind()
    }

    pub(crate) fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn login_pending(&self) -> bool {
        self.pending_login
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    fn slot(&self, character_id: i64) -> Slot {
        self.slots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(character_id)
            .or_default()
            .clone()
    }

    fn oauth_client(&self, client_id: &str, port: u16) -> Result<SsoClient, AuthError> {
        let url_error = |e: url::ParseError| AuthError::Sso(format!("bad SSO address: {e}"));
        Ok(BasicClient::new(ClientId::new(client_id.to_owned()))
            .set_auth_type(AuthType::RequestBody)
            .set_auth_uri(
                AuthUrl::new(format!("{}/v2/oauth/authorize", self.sso_url)).map_err(url_error)?,
            )
            .set_token_uri(
                TokenUrl::new(format!("{}/v2/oauth/token", self.sso_url)).map_err(url_error)?,
            )
            .set_redirect_uri(RedirectUrl::new(callback_url(port)).map_err(url_error)?))
    }

    /// Cancels the sign-in waiting for the browser, if any.
    pub fn cancel_login(&self) -> bool {
        match self
            .pending_login
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            Some(cancel) => {
                cancel.notify_one();
                true
            }
            None => false,
        }
    }

    /// Signs a character in: opens `authorize` in the browser through `open`, waits for
    /// the redirect on the loopback listener, exchanges the code, checks the token and
    /// links the character. A newer sign-in or [`Custody::cancel_login`] ends a waiting
    /// one; so does [`LOGIN_TIMEOUT`].
    pub async fn login(
        &self,
        core: &Cynosure,
        open: impl FnOnce(&str) -> Result<(), String>,
    ) -> Result<LoginOutcome, AuthError> {
        let client_id = core.client_id().ok_or(AuthError::NoClientId)?;
        downtime(core)?;
        // A sign-in the vault could not keep would be wasted: say so before any browser.
        self.vault.run(Vault::ready).await?;
        let port = core.settings_snapshot().callback_port;
        let client = self.oauth_client(&client_id, port)?;

        let cancel = Arc::new(tokio::sync::Notify::new());
        if let Some(previous) = self
            .pending_login
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(cancel.clone())
        {
            previous.notify_one();
        }
        let turn = self.login_turn.lock().await;
        let result = self
            .login_inner(core, &client, &client_id, port, &cancel, open)
            .await;
        let mut pending = self.pending_login.lock().unwrap_or_else(|p| p.into_inner());
        if pending.as_ref().is_some_and(|p| Arc::ptr_eq(p, &cancel)) {
            *pending = None;
        }
        drop(turn);
        result
    }

    async fn login_inner(
        &self,
        core: &Cynosure,
        client: &SsoClient,
        client_id: &str,
        port: u16,
        cancel: &tokio::sync::Notify,
        open: impl FnOnce(&str) -> Result<(), String>,
    ) -> Result<LoginOutcome, AuthError> {
        let loopback = Loopback::bind(port).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (authorize_url, state) = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(
                crate::catalog::wanted_scopes(&core.settings_snapshot())
                    .into_iter()
                    .map(|s| Scope::new(s.to_owned())),
            )
            .set_pkce_challenge(challenge)
            .url();
        open(authorize_url.as_str()).map_err(AuthError::Browser)?;
        tracing::info!(port, "waiting for EVE's login in the browser");

        let redirect = tokio::select! {
            r = loopback.redirect(state.secret()) => r?,
            () = cancel.notified() => return Err(AuthError::LoginCancelled),
            () = tokio::time::sleep(self.login_timeout) => {
                return Err(AuthError::LoginTimedOut { minutes: self.login_timeout.as_secs().div_ceil(60) })
            }
        };
        drop(loopback);
        // From here on the sign-in is not cancellable: it either links or changes nothing.
        let outcome = self
            .complete(core, client, client_id, &redirect.code, verifier)
            .await;
        redirect
            .finish(
                outcome
                    .as_ref()
                    .map(|o| o.character.name.as_str())
                    .map_err(ToString::to_string),
            )
            .await;
        outcome
    }

    async fn complete(
        &self,
        core: &Cynosure,
        client: &SsoClient,
        client_id: &str,
        code: &str,
        verifier: oauth2::PkceCodeVerifier,
    ) -> Result<LoginOutcome, AuthError> {
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(verifier)
            .request_async(core.gate().sso_http())
            .await
            .map_err(token_error)?;
        let refresh = response
            .refresh_token()
            .ok_or(AuthError::NoRefreshToken)?
            .secret()
            .clone();
        let who = self
            .verifier
            .verify(response.access_token().secret(), client_id)
            .await?;
        let corporation_id = affiliation(core, who.character_id).await?;
        crate::names::resolve(core, &[corporation_id]).await;
        // The token named the character: its jobs show it as installer without asking ESI.
        if let Err(e) =
            crate::store::names::upsert(core.db(), who.character_id, &who.name, "character").await
        {
            tracing::warn!(error = %e, "cannot store the character's name");
        }
        self.link(
            core,
            who,
            corporation_id,
            refresh,
            response.access_token().secret().clone(),
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(character_id = who.character_id), err)]
    async fn link(
        &self,
        core: &Cynosure,
        who: VerifiedCharacter,
        corporation_id: i64,
        refresh: String,
        access: String,
    ) -> Result<LoginOutcome, AuthError> {
        let id = who.character_id;
        let slot = self.slot(id);
        let mut held = slot.lock().await;
        let existing = store::roster::get(core.db(), id).await?;
        let transferred = existing
            .as_ref()
            .is_some_and(|c| c.owner_hash != who.owner_hash);
        if transferred {
            tracing::info!("the character changed owner; its old data goes");
            store::roster::delete(core.db(), id).await?;
        }
        // The refresh token this sign-in replaces (or one the vault could not keep).
        let replaced = match held.unsaved_refresh.take() {
            Some(unsaved) => Some(unsaved),
            None => self.vault.run(move |v| v.load(id)).await.ok().flatten(),
        };
        let kept = refresh.clone();
        self.vault.run(move |v| v.store(id, &kept)).await?;
        held.unsaved_refresh = None;
        // The old sign-in must not stay valid at EVE's login: revoke it (best effort).
        if let (Some(old), Some(client_id)) =
            (replaced.filter(|old| *old != refresh), core.client_id())
        {
            if let Err(reason) = self.revoke(core, &client_id, &old).await {
                tracing::warn!(%reason, "could not revoke the replaced refresh token");
            }
        }
        let character = LinkedCharacter {
            character_id: id,
            name: who.name,
            corporation_id,
            owner_hash: who.owner_hash,
            scopes: who.scopes,
            auth_state: AuthState::Ok,
            added_at: match &existing {
                Some(c) if !transferred => c.added_at,
                _ => core.now_ms(),
            },
            account_id: existing
                .as_ref()
                .filter(|_| !transferred)
                .and_then(|c| c.account_id),
        };
        store::roster::upsert(core.db(), &character).await?;
        core.emit(crate::events::CoreEvent::RosterChanged);
        tracing::info!(
            relinked = existing.is_some() && !transferred,
            "character linked"
        );
        held.held = Some(Held {
            token: AccessToken::new(access),
            expires_at_ms: who.expires_at_ms,
        });
        drop(held);
        let entry = crate::roster::commands::roster_entry(core, character).await?;
        Ok(LoginOutcome {
            character: entry,
            relinked: existing.is_some() && !transferred,
            transferred,
        })
    }

    /// An access token for a linked character, refreshed only when it is near expiry.
    #[tracing::instrument(skip(self, core), err)]
    pub async fn vend(&self, core: &Cynosure, character_id: i64) -> Result<AccessToken, AuthError> {
        crate::roster::commands::linked_character(core, character_id).await?;
        let slot = self.slot(character_id);
        let mut held = slot.lock().await;
        let now = core.now_ms();
        if let Some(h) = held
            .held
            .as_ref()
            .filter(|h| h.expires_at_ms - REFRESH_MARGIN_MS > now)
        {
            return Ok(h.token.clone());
        }
        // Re-read under the lock: a concurrent unlink or re-authorisation may have won.
        let character = crate::roster::commands::linked_character(core, character_id).await?;
        if character.auth_state == AuthState::ReauthRequired {
            return Err(reauth(&character));
        }
        if let Some(unsaved) = held.unsaved_refresh.clone() {
            // Keep it first: a refresh would spend it.
            self.vault
                .run(move |v| v.store(character_id, &unsaved))
                .await?;
            held.unsaved_refresh = None;
        }
        let Some(refresh) = self.vault.run(move |v| v.load(character_id)).await? else {
            tracing::warn!("no refresh token in the vault");
            store::roster::set_auth_state(core.db(), character_id, AuthState::ReauthRequired)
                .await?;
            return Err(reauth(&character));
        };
        let client_id = core.client_id().ok_or(AuthError::NoClientId)?;
        if let Some(refused) = self.application_refused(now) {
            return Err(AuthError::Application(refused.error));
        }
        if let Some(retry_at) = held.retry_at.filter(|at| *at > now) {
            return Err(AuthError::RefusedOnce {
                name: character.name.clone(),
                retry_at: crate::esi::error::clock_time(retry_at),
            });
        }
        let client = self.oauth_client(&client_id, core.settings_snapshot().callback_port)?;
        let refresh = RefreshToken::new(refresh);
        // During the downtime a refresh is the day's one probe, or does not go.
        if let Err(GateError::Downtime { until_ms }) =
            core.gate().downtime_admit(Some(Some(character_id)))
        {
            return Err(AuthError::Downtime {
                until: crate::esi::error::clock_time(until_ms),
            });
        }
        let turn = self.refreshing.acquire().await;
        let answer = client
            .exchange_refresh_token(&refresh)
            .request_async(core.gate().sso_http())
            .await;
        drop(turn);
        let response = match answer {
            Ok(r) => r,
            Err(e) => {
                let now = core.now_ms();
                let dead = match refusal(&e) {
                    Refusal::DeadGrant => true,
                    Refusal::Doubtful => {
                        let first = *held.refused_since.get_or_insert(now);
                        let believed = now - first >= REFUSED_CONFIRM_MS
                            && crate::esi::downtime_until(now).is_none();
                        if !believed {
                            tracing::warn!(
                                "EVE's login refused the refresh token; trying again later"
                            );
                            let retry_at = now + REFUSED_RETRY_MS;
                            held.retry_at = Some(retry_at);
                            return Err(AuthError::RefusedOnce {
                                name: character.name.clone(),
                                retry_at: crate::esi::error::clock_time(retry_at),
                            });
                        }
                        true
                    }
                    Refusal::Application(error) => {
                        self.note_application_refused(now, &error);
                        return Err(AuthError::Application(error));
                    }
                    Refusal::Other => false,
                };
                if dead {
                    tracing::warn!("EVE's login no longer accepts this character's refresh token");
                    held.held = None;
                    held.refused_since = None;
                    held.retry_at = None;
                    store::roster::set_auth_state(
                        core.db(),
                        character_id,
                        AuthState::ReauthRequired,
                    )
                    .await?;
                    return Err(reauth(&character));
                }
                return Err(token_error(e));
            }
        };
        held.refused_since = None;
        held.retry_at = None;
        *self
            .application_refused
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
        // The old refresh token is spent: keep the new one before anything else.
        if let Some(rotated) = response.refresh_token() {
            let rotated = rotated.secret().clone();
            let keep = rotated.clone();
            if let Err(e) = self.vault.run(move |v| v.store(character_id, &keep)).await {
                held.unsaved_refresh = Some(rotated);
                return Err(e);
            }
        }
        let who = self
            .verifier
            .verify(response.access_token().secret(), &client_id)
            .await?;
        if who.character_id != character_id || who.owner_hash != character.owner_hash {
            tracing::warn!(
                "the refreshed token is for another owner; the character must sign in again"
            );
            held.held = None;
            store::roster::set_auth_state(core.db(), character_id, AuthState::ReauthRequired)
                .await?;
            return Err(reauth(&character));
        }
        let token = AccessToken::new(response.access_token().secret().clone());
        held.held = Some(Held {
            token: token.clone(),
            expires_at_ms: who.expires_at_ms,
        });
        Ok(token)
    }

    /// Drops the held access token (ESI refused it): the next `vend` refreshes.
    pub async fn forget_access(&self, character_id: i64) {
        self.slot(character_id).lock().await.held = None;
    }

    /// Revokes the character's refresh token at EVE's login, deletes it from the vault,
    /// and removes the character and every stored row of it.
    #[tracing::instrument(skip(self, core), err)]
    pub async fn unlink(
        &self,
        core: &Cynosure,
        character_id: i64,
    ) -> Result<UnlinkOutcome, AuthError> {
        crate::roster::commands::linked_character(core, character_id).await?;
        let slot = self.slot(character_id);
        let mut held = slot.lock().await;
        let refresh = match held.unsaved_refresh.clone() {
            Some(unsaved) => Some(unsaved),
            None => self.vault.run(move |v| v.load(character_id)).await?,
        };
        let mut revoked = false;
        if let (Some(refresh), Some(client_id)) = (refresh, core.client_id()) {
            match self.revoke(core, &client_id, &refresh).await {
                Ok(()) => revoked = true,
                Err(reason) => {
                    tracing::warn!(%reason, "could not revoke the refresh token at EVE's login")
                }
            }
        }
        self.vault.run(move |v| v.delete(character_id)).await?;
        store::roster::delete(core.db(), character_id).await?;
        core.emit(crate::events::CoreEvent::RosterChanged);
        *held = SlotState::default();
        drop(held);
        self.slots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&character_id);
        Ok(UnlinkOutcome {
            character_id,
            revoked,
        })
    }
}

impl Custody {
    /// The application refusal still standing at `now`, if any.
    fn application_refused(&self, now: i64) -> Option<ApplicationRefusal> {
        self.application_refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .filter(|r| r.until > now)
    }

    fn note_application_refused(&self, now: i64, error: &str) {
        let mut refused = self
            .application_refused
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let strikes = refused.as_ref().map_or(0, |r| r.strikes) + 1;
        tracing::warn!(%error, strikes, "EVE's login says the application is set up wrong");
        *refused = Some(ApplicationRefusal {
            until: now + application_wait_ms(strikes),
            strikes,
            error: error.to_owned(),
        });
    }

    /// RFC 7009 revocation, as EVE's SSO documents it (the `oauth2` crate insists on an
    /// HTTPS endpoint, which the loopback simulator cannot offer, so this one request is
    /// written out).
    async fn revoke(&self, core: &Cynosure, client_id: &str, refresh: &str) -> Result<(), String> {
        let response = core
            .gate()
            .sso_http()
            .post(format!("{}/v2/oauth/revoke", self.sso_url))
            .form(&[
                ("token", refresh),
                ("token_type_hint", "refresh_token"),
                ("client_id", client_id),
            ])
            .send()
            .await
            .map_err(|e| describe(&e.without_url()))?;
        match response.status() {
            s if s.is_success() => Ok(()),
            s => Err(format!("HTTP {}", s.as_u16())),
        }
    }
}

/// No request to EVE's login during the daily downtime (but the gate's one probe).
fn downtime(core: &Cynosure) -> Result<(), AuthError> {
    match core.gate().downtime_check() {
        Err(GateError::Downtime { until_ms }) => Err(AuthError::Downtime {
            until: crate::esi::error::clock_time(until_ms),
        }),
        _ => Ok(()),
    }
}

fn reauth(character: &LinkedCharacter) -> AuthError {
    AuthError::ReauthRequired {
        character_id: character.character_id,
        name: character.name.clone(),
    }
}

type TokenRequestError = RequestTokenError<
    oauth2::HttpClientError<reqwest::Error>,
    oauth2::StandardErrorResponse<BasicErrorResponseType>,
>;

/// A token endpoint failure in plain words. Never includes a response body (it may hold
/// a token).
fn token_error(e: TokenRequestError) -> AuthError {
    match e {
        // A 5xx from the token endpoint comes with an OAuth error body: the login is
        // failing, not refusing.
        RequestTokenError::ServerResponse(r)
            if matches!(
                r.error().to_string().as_str(),
                "server_error" | "temporarily_unavailable"
            ) =>
        {
            AuthError::Sso(format!("it is failing ({})", r.error()))
        }
        RequestTokenError::ServerResponse(r) => AuthError::Exchange(match r.error_description() {
            Some(d) => format!("{} ({d})", r.error()),
            None => r.error().to_string(),
        }),
        other => AuthError::Sso(describe(&other)),
    }
}

fn describe<E: std::error::Error>(e: &E) -> String {
    // Walk to the innermost cause (reqwest's "connection refused" and the like); a
    // parse error's body is never shown because only `Display` is used.
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message = s.to_string();
        source = s.source();
    }
    message
}

/// The character's corporation, from ESI's affiliation (noted as checked, so that the
/// roster's next check does not ask the same inside its cache time).
async fn affiliation(core: &Cynosure, character_id: i64) -> Result<i64, AuthError> {
    let (rows, until): (Vec<Affiliation>, i64) = core
        .gate()
        .post_until(
            routes::AFFILIATION,
            routes::AFFILIATION.path,
            &[character_id],
        )
        .await
        .map_err(|e| AuthError::Affiliation(e.to_string()))?;
    core.db()
        .save_affiliation_checked(&character_id.to_string(), until)
        .await?;
    rows.into_iter()
        .find(|a| a.character_id == character_id)
        .map(|a| a.corporation_id)
        .ok_or_else(|| AuthError::Affiliation("ESI does not know the character".into()))
}
