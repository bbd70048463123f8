//! The one slow refresh that runs unwatched (docs/design.md §1): the boards the alarms
//! ring from, so that they learn what changed in game — the job boards while job
//! notifications are on, the colonies while planetary industry and its notifications are
//! on, the market orders and contracts while their feature and notifications are on. At
//! most every `job_refresh_minutes`, and through the same stale gate as an
//! on-view read (never inside ESI's cache window).

use std::sync::Arc;
use std::time::Duration;

use crate::contracts::descriptors::CONTRACTS;
use crate::features::Feature;
use crate::industry::commands::refresh_jobs;
use crate::markets::descriptors::MARKET_ORDERS;
use crate::planets::descriptors::PLANETS;
use crate::sync::owner_sync::refresh_stale;
use crate::Cynosure;

/// How often the loop wakes to check whether a pass is due.
const WAKE: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct BackgroundRefresh {
    last_pass_at: Option<i64>,
}

impl BackgroundRefresh {
    /// Runs a pass if one is due; returns whether it did.
    #[tracing::instrument(skip_all)]
    pub async fn tick(&mut self, core: &Cynosure) -> bool {
        let settings = core.settings_snapshot();
        let jobs = settings.job_notifications;
        let planets =
            settings.extractor_notifications && settings.features.contains(&Feature::Planets);
        let orders = settings.order_notifications && settings.features.contains(&Feature::Markets);
        let contracts =
            settings.contract_notifications && settings.features.contains(&Feature::Contracts);
        if !(jobs || planets || orders || contracts) {
            return false;
        }
        let now = core.now_ms();
        let cadence = i64::from(settings.job_refresh_minutes) * 60_000;
        if self.last_pass_at.is_some_and(|last| now - last < cadence) {
            return false;
        }
        self.last_pass_at = Some(now);
        // Who is in which corporation first: a move changes whose jobs are read.
        if let Err(e) = crate::roster::commands::refresh_affiliations(core).await {
            tracing::warn!(error = %e, "could not check the characters' corporations");
        }
        let colonies = async {
            if planets {
                let _ = refresh_stale(core, &PLANETS).await;
            }
        };
        let jobs = async {
            if jobs {
                refresh_jobs(core).await;
            }
        };
        let orders = async {
            if orders {
                let _ = refresh_stale(core, &MARKET_ORDERS).await;
            }
        };
        let contracts = async {
            if contracts {
                let _ = refresh_stale(core, &CONTRACTS).await;
            }
        };
        tokio::join!(jobs, colonies, orders, contracts);
        true
    }
}

/// The loop the app runs for its whole life.
pub async fn run(core: Arc<Cynosure>) {
    let mut jobs = BackgroundRefresh::default();
    loop {
        jobs.tick(&core).await;
        tokio::time::sleep(WAKE).await;
    }
}
