//! Token custody (DESIGN.md §3). So far: validation of EVE SSO access tokens (JWTs)
//! against the SSO's JWKS. Login, the keychain vault and refresh come next.

pub mod error;
pub mod jwt;
pub mod models;

pub use error::AuthError;
pub use jwt::JwtVerifier;
pub use models::VerifiedCharacter;
