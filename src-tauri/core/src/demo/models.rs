use cynosure_sim::world::{AURA, BRAKK, CORA};
use cynosure_sim::Sim;

/// `cynosure --demo` starts in demo mode.
pub const DEMO_FLAG: &str = "--demo";

/// The demo's folder inside the real data folder; it is started afresh each time.
pub const DEMO_DIR: &str = "demo";

/// The characters the demo links, in sign-in order (two share an account).
pub const DEMO_CHARACTERS: [i64; 3] = [AURA, BRAKK, CORA];

/// The accounts the demo groups them into (as the simulated world has them).
pub const DEMO_ACCOUNTS: &[(&str, &[i64])] =
    &[("Account A", &[AURA, BRAKK]), ("Account B", &[CORA])];

/// The simulated EVE the demo's core talks to; dropping it stops the server.
pub struct DemoWorld {
    pub(crate) sim: Sim,
}

impl DemoWorld {
    pub fn base_url(&self) -> &str {
        self.sim.base_url()
    }
}

impl std::fmt::Debug for DemoWorld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoWorld")
            .field("base_url", &self.sim.base_url())
            .finish()
    }
}
