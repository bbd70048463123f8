use std::time::Duration;

/// Where the gate sends requests and how patiently. Base URLs come from the
/// environment (`CYNOSURE_ESI_URL`, `CYNOSURE_SSO_URL`, `CYNOSURE_IMAGES_URL`) so tests
/// and the demo can point at the simulator.
#[derive(Debug, Clone)]
pub struct GateConfig {
    pub esi_url: String,
    pub sso_url: String,
    pub images_url: String,
    pub user_agent: String,
    pub timeout: Duration,
    pub max_concurrency: usize,
    /// Retries after the first attempt, for 5xx and timeouts only.
    pub max_retries: u32,
    pub backoff_base: Duration,
    /// Only `https://` addresses (EVE's own hosts); off where the simulator serves.
    pub https_only: bool,
}

/// The project's address (Cargo.toml's `repository`).
pub const SOURCE_URL: &str = env!("CARGO_PKG_REPOSITORY");

/// What every request says about who sends it, as CCP asks (ESI's best practices): the
/// application and version, and a contact that reaches a person — the maintainers'
/// e-mail when a build sets `CYNOSURE_CONTACT_EMAIL` (the release workflow does, from
/// a repository secret), and always the issue tracker. Never a no-reply address.
pub fn user_agent() -> String {
    user_agent_with(option_env!("CYNOSURE_CONTACT_EMAIL"))
}

fn user_agent_with(email: Option<&str>) -> String {
    let email = email.map(str::trim).filter(|e| {
        let lower = e.to_ascii_lowercase();
        e.contains('@')
            && !e.contains([';', '(', ')', ' '])
            && ![
                "noreply",
                "no-reply",
                "no_reply",
                "donotreply",
                "do-not-reply",
            ]
            .iter()
            .any(|n| lower.contains(n))
    });
    let tracker = format!("+{SOURCE_URL}/issues");
    match email {
        Some(email) => format!("Cynosure/{} ({email}; {tracker})", crate::VERSION),
        None => format!("Cynosure/{} ({tracker})", crate::VERSION),
    }
}

impl Default for GateConfig {
    fn default() -> Self {
        Self {
            esi_url: "https://esi.evetech.net".into(),
            sso_url: "https://login.eveonline.com".into(),
            images_url: "https://images.evetech.net".into(),
            user_agent: user_agent(),
            timeout: Duration::from_secs(20),
            max_concurrency: 8,
            max_retries: 2,
            backoff_base: Duration::from_millis(500),
            https_only: true,
        }
    }
}

impl GateConfig {
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok(), crate::TEST_SWITCHES)
    }

    /// As [`Self::from_env`], from `var`; the overrides count only where `switches`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>, switches: bool) -> Self {
        let mut config = Self::default();
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        for (name, field) in [
            ("CYNOSURE_ESI_URL", &mut config.esi_url),
            ("CYNOSURE_SSO_URL", &mut config.sso_url),
            ("CYNOSURE_IMAGES_URL", &mut config.images_url),
        ] {
            let Some(url) = var(name) else { continue };
            if switches {
                *field = url;
            } else {
                tracing::warn!(
                    variable = name,
                    "ignored: this build talks to EVE's own servers only"
                );
            }
        }
        config.https_only = [&config.esi_url, &config.sso_url, &config.images_url]
            .iter()
            .all(|u| u.starts_with("https://"));
        config.esi_url = config.esi_url.trim_end_matches('/').to_owned();
        config.sso_url = config.sso_url.trim_end_matches('/').to_owned();
        config.images_url = config.images_url.trim_end_matches('/').to_owned();
        config
    }

    /// Everything at one base URL (the simulator serves ESI, SSO and images together).
    pub fn at(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/').to_owned();
        Self {
            esi_url: base.clone(),
            sso_url: base.clone(),
            images_url: base,
            https_only: false,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{user_agent_with, GateConfig};

    #[test]
    fn a_shipped_build_ignores_endpoints_from_the_environment() {
        let planted = |name: &str| Some(format!("http://127.0.0.1:9/{name}"));
        let shipped = GateConfig::from_vars(planted, false);
        assert_eq!(shipped.sso_url, "https://login.eveonline.com");
        assert_eq!(shipped.esi_url, "https://esi.evetech.net");
        assert!(shipped.https_only);
        let test = GateConfig::from_vars(planted, true);
        assert_eq!(test.sso_url, "http://127.0.0.1:9/CYNOSURE_SSO_URL");
        assert!(!test.https_only);
        // Blank is unset.
        let blank = GateConfig::from_vars(|_| Some(" ".into()), true);
        assert_eq!(blank.sso_url, "https://login.eveonline.com");
    }

    #[test]
    fn the_user_agent_gives_a_contact_that_reaches_a_person() {
        let v = crate::VERSION;
        assert_eq!(
            user_agent_with(None),
            format!("Cynosure/{v} (+https://github.com/cynosure-app/cynosure/issues)")
        );
        assert_eq!(
            user_agent_with(Some("pilots@example.org")),
            format!("Cynosure/{v} (pilots@example.org; +https://github.com/cynosure-app/cynosure/issues)")
        );
        for unusable in [
            "cynosure@users.noreply.github.com",
            "no-reply@example.org",
            "not an address",
            "a@b); x",
        ] {
            assert_eq!(
                user_agent_with(Some(unusable)),
                user_agent_with(None),
                "{unusable}"
            );
        }
    }
}
