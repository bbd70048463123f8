//! Paged corporation jobs (issue #18, case 6): a `304` on page 1 does not prove the later
//! pages unchanged, so every page is checked with its own ETag; and pages read across a
//! refresh of ESI's cache (different `Last-Modified`) are read again, as CCP's guidance
//! says.

mod common;

use common::{Rig, TestVault};
use cynosure_core::industry::commands::{jobs_read, refresh_jobs};
use cynosure_core::sync::OwnerKind;
use cynosure_sim::world::{job, AURA, CORP_BRAVE, HOUR_MS};
use cynosure_sim::{Fault, FaultKind, Sim};

const JOBS: i64 = 5;

/// Aura (Factory_Manager) linked; Brave Industries runs five jobs, two to a page.
async fn rig() -> Rig {
    let rig = Rig::start_on(TestVault::File, |sim| sim.options.page_size = 2, |_| {}).await;
    let now = rig.sim.clock().now_ms();
    rig.sim.with_world(|w| {
        w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs = (0..JOBS)
            .map(|i| {
                job(
                    650_000_000 + i,
                    AURA,
                    691,
                    587,
                    1,
                    now,
                    now + (i + 1) * HOUR_MS,
                )
            })
            .collect();
    });
    rig.login(AURA).await.0.unwrap();
    rig
}

fn pages_asked(sim: &Sim) -> Vec<(Option<i64>, u16)> {
    sim.requests()
        .iter()
        .filter(|r| r.route == "esi.corporation_jobs")
        .map(|r| (r.page, r.status))
        .collect()
}

async fn corporation_jobs(rig: &Rig) -> Vec<(i64, i64)> {
    let view = jobs_read(&rig.core).await.unwrap();
    let corp = view
        .owners
        .into_iter()
        .find(|o| o.owner_kind == OwnerKind::Corporation && o.owner_id == CORP_BRAVE)
        .unwrap();
    let mut jobs: Vec<(i64, i64)> = corp
        .jobs
        .unwrap_or_default()
        .iter()
        .map(|j| (j.job_id, j.end_at))
        .collect();
    jobs.sort_unstable();
    jobs
}

#[tokio::test]
async fn a_304_on_page_1_does_not_hide_a_change_on_page_3() {
    let rig = rig().await;
    refresh_jobs(&rig.core).await;
    assert_eq!(corporation_jobs(&rig).await.len(), JOBS as usize);
    assert_eq!(
        pages_asked(&rig.sim),
        vec![(Some(1), 200), (Some(2), 200), (Some(3), 200)]
    );

    // In game, the last job (on page 3) is given more time; pages 1 and 2 are as before.
    let later = rig.sim.with_world(|w| {
        let jobs = &mut w.corporations.get_mut(&CORP_BRAVE).unwrap().jobs;
        let last = jobs.last_mut().unwrap();
        last.end_ms += HOUR_MS;
        last.end_ms
    });
    rig.sim.clear_log();
    rig.sim.clock().advance_ms(301_000);
    refresh_jobs(&rig.core).await;
    assert_eq!(
        pages_asked(&rig.sim),
        vec![
            (Some(1), 304),
            (Some(2), 304),
            (Some(3), 200),
            (Some(1), 200),
            (Some(2), 200),
        ],
        "every page checked; the unchanged ones read whole once one changed"
    );
    let jobs = corporation_jobs(&rig).await;
    assert_eq!(jobs.len(), JOBS as usize);
    assert!(jobs.iter().any(|(_, end)| *end == later), "{jobs:?}");

    // Nothing changes: three 304s.
    rig.sim.clear_log();
    rig.sim.clock().advance_ms(301_000);
    refresh_jobs(&rig.core).await;
    assert_eq!(
        pages_asked(&rig.sim),
        vec![(Some(1), 304), (Some(2), 304), (Some(3), 304)]
    );
}

#[tokio::test]
async fn pages_read_across_a_refresh_of_esis_cache_are_read_again() {
    let rig = rig().await;
    // ESI's cache is rebuilt just as page 2 is asked for.
    rig.sim.add_fault(Fault {
        route: "esi.corporation_jobs page=2".into(),
        kind: FaultKind::Regenerated,
        times: Some(1),
    });
    refresh_jobs(&rig.core).await;
    assert_eq!(
        pages_asked(&rig.sim),
        vec![
            (Some(1), 200),
            (Some(2), 200),
            (Some(3), 200),
            (Some(1), 200),
            (Some(2), 200),
            (Some(3), 200),
        ],
        "page 1 came from another moment than pages 2 and 3: all read again"
    );
    let jobs = corporation_jobs(&rig).await;
    assert_eq!(jobs.len(), JOBS as usize, "each job once: {jobs:?}");
}
