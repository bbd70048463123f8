//! Token custody (docs/design.md §3): EVE SSO login through the system browser and a
//! loopback listener (PKCE), JWT validation against the SSO's JWKS, refresh tokens in
//! the keychain vault, access tokens vended from memory with single-flight refresh, and
//! unlink with revocation.

pub mod commands;
pub mod custody;
pub mod error;
pub mod jwt;
pub mod loopback;
pub mod models;
pub mod vault;

pub use custody::Custody;
pub use error::AuthError;
pub use jwt::JwtVerifier;
pub use models::{AccessToken, VerifiedCharacter};
pub use vault::{Vault, VaultChoice, VaultKind};

/// `CYNOSURE_CLIENT_ID`: the EVE application's client id, overriding Settings.
pub const CLIENT_ID_ENV: &str = "CYNOSURE_CLIENT_ID";
