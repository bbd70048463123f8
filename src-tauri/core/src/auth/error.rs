use crate::error::ErrorCode;
use crate::roster::RosterError;
use crate::store::StoreError;

/// Everything that can go wrong in token custody. Messages are for players and never
/// carry a token, a code or a response body.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("EVE's login sent a token that is not a valid signed token.")]
    MalformedToken,
    #[error("EVE's login sent a token whose signature does not check out.")]
    BadSignature,
    #[error("EVE's login sent a token signed with a key it does not publish.")]
    UnknownKey,
    #[error("EVE's login sent a token meant for another application.")]
    WrongAudience,
    #[error("The token was not issued by EVE's login.")]
    WrongIssuer,
    #[error("The token from EVE's login has already expired.")]
    Expired,
    #[error("The token from EVE's login is not valid yet (is this computer's clock right?).")]
    NotYetValid,
    #[error("Cannot fetch EVE's login keys: {0}.")]
    Jwks(String),

    #[error("No EVE application is set up yet: enter its client id in Settings (see the README for how to register one).")]
    NoClientId,
    #[error("Cannot listen for EVE's answer on port {port}: {reason}. Another program may use it; choose another callback port in Settings (and in your EVE application).")]
    CallbackPort { port: u16, reason: String },
    #[error("Cannot open the browser for EVE's login: {0}.")]
    Browser(String),
    #[error("The sign-in was cancelled.")]
    LoginCancelled,
    #[error("The sign-in took too long (over {minutes} minutes); start it again.")]
    LoginTimedOut { minutes: u64 },
    #[error("EVE's login was declined ({0}). Nothing was changed.")]
    Denied(String),
    #[error("EVE's login answered without an authorisation code. Nothing was changed.")]
    MissingCode,
    #[error("EVE's login did not send a refresh token, so Cynosure could not keep the sign-in. Nothing was changed.")]
    NoRefreshToken,
    #[error("EVE's login refused the sign-in: {0}. Nothing was changed.")]
    Exchange(String),
    #[error("Cannot reach EVE's login: {0}.")]
    Sso(String),
    #[error("Could not look up the character's corporation: {0}.")]
    Affiliation(String),
    #[error(
        "EVE is in its daily downtime until {until}: sign-ins and reads wait until it is over."
    )]
    Downtime { until: String },

    #[error(
        "{name} needs to be authorised again: EVE no longer accepts Cynosure's sign-in for it."
    )]
    ReauthRequired { character_id: i64, name: String },
    #[error("The token vault failed: {0}.")]
    Vault(String),
    #[error("Your keychain is locked or not answering, so Cynosure cannot keep or use sign-ins. Unlock it (Cynosure asks it again within a minute), or choose to keep sign-ins in a file readable only by you.")]
    KeychainLocked,
    #[error("This build keeps sign-ins where CYNOSURE_VAULT says; that cannot be changed while it runs.")]
    VaultFixed,
    #[error("EVE's login refused {name}'s sign-in once (invalid_token), as it sometimes does for a good one around downtime. Cynosure tries again at {retry_at}; only if EVE keeps refusing will {name} need to be authorised again.")]
    RefusedOnce { name: String, retry_at: String },
    #[error("EVE's login says Cynosure's EVE application is set up wrong ({0}): check the client id in Settings and the application on developers.eveonline.com. Cynosure asks again later, less and less often.")]
    Application(String),

    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for AuthError {
    fn code(&self) -> &'static str {
        match self {
            Self::MalformedToken => "auth.malformed_token",
            Self::BadSignature => "auth.bad_signature",
            Self::UnknownKey => "auth.unknown_key",
            Self::WrongAudience => "auth.wrong_audience",
            Self::WrongIssuer => "auth.wrong_issuer",
            Self::Expired => "auth.expired",
            Self::NotYetValid => "auth.not_yet_valid",
            Self::Jwks(_) => "auth.jwks_unavailable",
            Self::NoClientId => "auth.no_client_id",
            Self::CallbackPort { .. } => "auth.callback_port",
            Self::Browser(_) => "auth.browser",
            Self::LoginCancelled => "auth.login_cancelled",
            Self::LoginTimedOut { .. } => "auth.login_timed_out",
            Self::Denied(_) => "auth.denied",
            Self::MissingCode => "auth.missing_code",
            Self::NoRefreshToken => "auth.no_refresh_token",
            Self::Exchange(_) => "auth.exchange_refused",
            Self::Sso(_) => "auth.sso_unreachable",
            Self::Affiliation(_) => "auth.affiliation",
            Self::Downtime { .. } => "auth.downtime",
            Self::ReauthRequired { .. } => "auth.reauth_required",
            Self::Vault(_) => "auth.vault",
            Self::KeychainLocked => "auth.keychain_locked",
            Self::VaultFixed => "auth.vault_fixed",
            Self::RefusedOnce { .. } => "auth.refused_once",
            Self::Application(_) => "auth.application",
            Self::Roster(e) => e.code(),
            Self::Store(e) => e.code(),
        }
    }
}
