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
        }
    }
}

impl GateConfig {
    pub fn from_env() -> Self {
        let mut config = Self::default();
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(url) = var("CYNOSURE_ESI_URL") {
            config.esi_url = url;
        }
        if let Some(url) = var("CYNOSURE_SSO_URL") {
            config.sso_url = url;
        }
        if let Some(url) = var("CYNOSURE_IMAGES_URL") {
            config.images_url = url;
        }
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
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::user_agent_with;

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
