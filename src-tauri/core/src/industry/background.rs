//! The one slow refresh that runs unwatched (docs/design.md §1): the job boards, so that
//! job-ready notifications learn about jobs started in game. Only while job
//! notifications are on, at most every `job_refresh_minutes`, and through the same stale
//! gate as an on-view read (never inside ESI's cache window).

use std::sync::Arc;
use std::time::Duration;

use super::commands::refresh_jobs;
use crate::Cynosure;

/// How often the loop wakes to check whether a pass is due.
const WAKE: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct BackgroundJobs {
    last_pass_at: Option<i64>,
}

impl BackgroundJobs {
    /// Runs a pass if one is due; returns whether it did.
    #[tracing::instrument(skip_all)]
    pub async fn tick(&mut self, core: &Cynosure) -> bool {
        let settings = core.settings_snapshot();
        if !settings.job_notifications {
            return false;
        }
        let now = core.now_ms();
        let cadence = i64::from(settings.job_refresh_minutes) * 60_000;
        if self.last_pass_at.is_some_and(|last| now - last < cadence) {
            return false;
        }
        self.last_pass_at = Some(now);
        refresh_jobs(core).await;
        true
    }
}

/// The loop the app runs for its whole life.
pub async fn run(core: Arc<Cynosure>) {
    let mut jobs = BackgroundJobs::default();
    loop {
        jobs.tick(&core).await;
        tokio::time::sleep(WAKE).await;
    }
}
