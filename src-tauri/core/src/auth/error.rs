use crate::error::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    #[error("Cannot fetch EVE's login keys: {0}.")]
    Jwks(String),
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
            Self::Jwks(_) => "auth.jwks_unavailable",
        }
    }
}
