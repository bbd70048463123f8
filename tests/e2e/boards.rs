//! The boards: skills and industry jobs from the simulator, a countdown that ticks, a job
//! that flips to Ready on screen at its end, and the Overview's summary of both.

use tempfile::TempDir;

use crate::support::{app_with_aura, simulator};

/// Both boards render the simulator's data; a countdown ticks; a job ending a few seconds
/// after start flips to Ready on screen with no request made for it.
#[tokio::test(flavor = "multi_thread")]
async fn the_boards_show_skills_and_jobs_and_a_job_flips_to_ready() {
    const AURA: i64 = cynosure_sim::world::AURA;
    const SOON: i64 = 500_000_099;

    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    // A job that ends 60 s from now, there when the boards are first read (at sign-in): a
    // margin for a sign-in slowed by a loaded machine, which once took past 35 s.
    let now = sim.clock().now_ms();
    sim.with_world(|w| {
        w.characters
            .get_mut(&AURA)
            .unwrap()
            .jobs
            .push(cynosure_sim::world::job(
                SOON,
                AURA,
                691,
                587,
                7,
                now - 3_600_000,
                now + 60_000,
            ));
    });
    let app = app_with_aura(&sim, data.path()).await;
    app.click("[data-testid=nav-industry]").await;
    let row = format!("tr[data-job-id='{SOON}']");
    let product = app.text_of(&format!("{row} td:nth-child(3)")).await;
    assert!(
        product.contains("Rifter") && product.contains("7"),
        "{product}"
    );
    assert_eq!(
        app.attr_of(&row, "data-ready").await.as_deref(),
        Some("false")
    );
    let location = app.text_of(&format!("{row} td:nth-child(5)")).await;
    assert!(location.contains("Jita IV - Moon 4"), "{location}");
    let corp_row = app.text_of("tr[data-job-id='500000101']").await;
    assert!(corp_row.contains("Brave Industries"), "{corp_row}");
    let jobs_reads = |sim: &cynosure_sim::Sim| {
        sim.requests()
            .iter()
            .filter(|r| r.route == "esi.character_jobs")
            .count()
    };
    let reads = jobs_reads(&sim);
    assert!(reads >= 1);

    // The countdown ticks.
    let first = app.text_of(&format!("{row} .countdown")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let again = app.text_of(&format!("{row} .countdown")).await;
        if again != first {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the countdown did not move from {first}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.screenshot("industry-board").await;

    // At its end date the job shows Ready, derived on screen.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(65);
    while app.attr_of(&row, "data-ready").await.as_deref() != Some("true") {
        assert!(
            std::time::Instant::now() < deadline,
            "the job never flipped to Ready"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(app.text_of(&row).await.contains("Ready"));
    assert_eq!(jobs_reads(&sim), reads, "no request was made for the flip");
    app.screenshot("industry-ready").await;

    app.click("[data-testid=nav-skills]").await;
    let training = app
        .text_of("[data-character-id='2112000001'] .training-skill")
        .await;
    assert_eq!(training, "Small Hybrid Turret IV");
    let countdown = app
        .text_of("[data-character-id='2112000001'] [data-testid=skill-countdown]")
        .await;
    assert!(countdown.contains('h'), "{countdown}");
    app.screenshot("skills-board").await;

    // The Overview sums the same boards up: Aura's card shows her training and her jobs,
    // the ready one among them.
    app.click("[data-testid=nav-overview]").await;
    let card = "[data-testid=overview] .overview-card[data-character-id='2112000001']";
    let training = app.text_of(&format!("{card} .training-skill")).await;
    assert_eq!(training, "Small Hybrid Turret IV");
    let jobs = app
        .text_of(&format!("{card} [data-testid=overview-jobs]"))
        .await;
    let counts: Vec<u32> = jobs
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        counts.len() == 2 && counts[0] + counts[1] == 3 && counts[1] >= 1,
        "three personal jobs, at least one ready: {jobs}"
    );
    let summary = app.text_of("[data-testid=overview-summary]").await;
    assert!(summary.contains("of 1 online"), "{summary}");
    assert!(summary.contains("ready"), "{summary}");
    app.screenshot("overview").await;
    app.quit().await;
}
