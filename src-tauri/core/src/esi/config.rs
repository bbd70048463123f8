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

pub const CONTACT: &str = "cynosure@users.noreply.github.com";
pub const SOURCE_URL: &str = "https://github.com/cynosure-app/cynosure";

impl Default for GateConfig {
    fn default() -> Self {
        Self {
            esi_url: "https://esi.evetech.net".into(),
            sso_url: "https://login.eveonline.com".into(),
            images_url: "https://images.evetech.net".into(),
            user_agent: format!("Cynosure/{} ({CONTACT}; +{SOURCE_URL})", crate::VERSION),
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
