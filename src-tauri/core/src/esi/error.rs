use crate::error::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    #[error("ESI asked Cynosure to slow down; it will try again after {}.", crate::esi::error::clock_time(*retry_at_ms))]
    BudgetExhausted { retry_at_ms: i64 },

    #[error("ESI is in its daily downtime until {}.", crate::esi::error::clock_time(*until_ms))]
    Downtime { until_ms: i64 },

    #[error("ESI did not accept the sign-in of this character (HTTP {status}).")]
    Unauthorized { status: u16 },

    #[error("ESI refused: {message}.")]
    Forbidden { message: String },

    /// A 403 about the token itself (ESI has answered so, with `sso_status`, when EVE's
    /// login could not vouch for a token), not about a role.
    #[error("ESI did not accept this character's sign-in ({message}).")]
    TokenRefused { message: String },

    #[error("ESI says the sign-in lacks a permission ({message}): re-authorise the character.")]
    ScopeRefused { message: String },

    #[error("ESI has no such thing: {message}.")]
    NotFound { message: String },

    #[error("ESI answered HTTP {status}: {message}.")]
    Status { status: u16, message: String },

    #[error("ESI is failing (HTTP {status}) after {attempts} attempts.")]
    ServerError { status: u16, attempts: u32 },

    #[error("ESI did not answer in time after {attempts} attempts.")]
    Timeout { attempts: u32 },

    #[error("Cannot reach ESI: {0}.")]
    Network(String),

    #[error("ESI sent an answer Cynosure cannot read ({0}).")]
    Malformed(String),
}

impl ErrorCode for GateError {
    fn code(&self) -> &'static str {
        match self {
            Self::BudgetExhausted { .. } => "esi.budget_exhausted",
            Self::Downtime { .. } => "esi.downtime",
            Self::Unauthorized { .. } => "esi.unauthorized",
            Self::Forbidden { .. } => "esi.forbidden",
            Self::TokenRefused { .. } => "esi.token_refused",
            Self::ScopeRefused { .. } => "esi.scope_refused",
            Self::NotFound { .. } => "esi.not_found",
            Self::Status { .. } => "esi.status",
            Self::ServerError { .. } => "esi.server_error",
            Self::Timeout { .. } => "esi.timeout",
            Self::Network(_) => "esi.network",
            Self::Malformed(_) => "esi.malformed",
        }
    }
}

/// `HH:MM UTC` for messages.
pub(crate) fn clock_time(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{:02}:{:02} UTC", minutes / 60, minutes % 60)
}
