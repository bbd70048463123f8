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

/// The client id of Cynosure's own EVE application, built in by the release workflow
/// (`CYNOSURE_BUILT_IN_CLIENT_ID` at build time; a PKCE client id is public, no secret
/// goes with it): the players' one-click sign-in. Its registered callback is
/// `http://localhost:<default callback port>/callback`.
pub const BUILT_IN_CLIENT_ID: Option<&str> = option_env!("CYNOSURE_BUILT_IN_CLIENT_ID");
/// The same at run time, where test switches count ([`crate::TEST_SWITCHES`]): the
/// end-to-end tests sign in as a player of a release build does.
pub const BUILT_IN_CLIENT_ID_ENV: &str = "CYNOSURE_BUILT_IN_CLIENT_ID";

/// Where a player registers an EVE application of their own.
pub const DEVELOPERS_SITE: &str = "https://developers.eveonline.com/applications";

/// The built-in client id of this build (blank counts as none).
pub fn built_in_client_id(runtime: Option<String>, switches: bool) -> Option<String> {
    let usable = |id: &str| Some(id.trim().to_owned()).filter(|id| !id.is_empty());
    runtime
        .filter(|_| switches)
        .and_then(|id| usable(&id))
        .or_else(|| BUILT_IN_CLIENT_ID.and_then(usable))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_run_time_built_in_id_counts_only_where_test_switches_do() {
        let id = |v: &str| Some(v.to_owned());
        assert_eq!(super::built_in_client_id(id("abc"), true), id("abc"));
        assert_eq!(
            super::built_in_client_id(id("abc"), false),
            super::BUILT_IN_CLIENT_ID.map(str::to_owned)
        );
        assert_eq!(
            super::built_in_client_id(id("  "), true),
            super::BUILT_IN_CLIENT_ID.map(str::to_owned)
        );
    }
}
