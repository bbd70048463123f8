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

/// The ESI scopes the features need, asked for at every sign-in.
pub const REQUIRED_SCOPES: &[&str] = &[
    "esi-location.read_online.v1",
    "esi-skills.read_skills.v1",
    "esi-skills.read_skillqueue.v1",
    "esi-industry.read_character_jobs.v1",
    "esi-industry.read_corporation_jobs.v1",
    "esi-characters.read_corporation_roles.v1",
];

/// `CYNOSURE_CLIENT_ID`: the EVE application's client id, overriding Settings.
pub const CLIENT_ID_ENV: &str = "CYNOSURE_CLIENT_ID";
