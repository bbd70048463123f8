//! Free industry slots and the whole skill queue in the real window: slots on the
//! Overview and Industry from the skills and jobs read at sign-in, the idle-slot alarm
//! turned on in Settings and observed on D-Bus, the Skills view's queue entry by entry
//! with the attributes and the next remap.

use tempfile::TempDir;

use crate::notifications::NotificationBus;
use crate::support::{app_with_aura, seed_settings, show_view, simulator};

const AURA: i64 = cynosure_sim::world::AURA;
const HOUR: i64 = 3_600_000;

#[tokio::test(flavor = "multi_thread")]
async fn free_slots_show_and_an_idle_slot_rings_once_turned_on() {
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    // Aura (Mass Production IV: five manufacturing slots) has one job running since
    // before and one that ended three hours ago, not delivered; nothing installed since.
    let now = sim.clock().now_ms() / 1000 * 1000;
    sim.with_world(|w| {
        for corp in w.corporations.values_mut() {
            corp.jobs.clear();
        }
        let jobs = &mut w.characters.get_mut(&AURA).unwrap().jobs;
        jobs.clear();
        jobs.push(cynosure_sim::world::job(
            500_000_201,
            AURA,
            691,
            587,
            3,
            now - 8 * HOUR,
            now - 3 * HOUR,
        ));
        jobs.push(cynosure_sim::world::job(
            500_000_202,
            AURA,
            2047,
            2046,
            5,
            now - 10 * HOUR,
            now + 9 * HOUR,
        ));
    });
    // The idle-slot notification on before the first start (off by default): an idle
    // spell found while it is off is passed over for good, as every alarm does.
    let on = cynosure_core::settings::models::SettingsPatch {
        slot_idle_notifications: Some(true),
        ..Default::default()
    };
    seed_settings(data.path(), on).await;
    let app = app_with_aura(&sim, data.path()).await;
    show_view(&app, "overview").await;
    let card = format!(".overview-card[data-character-id='{AURA}'] [data-testid=free-slots]");
    assert_eq!(
        app.text_of(&card).await,
        "4 manufacturing · 3 science slots free"
    );
    show_view(&app, "industry").await;
    let line = app.text_of("[data-testid=industry-slots] li").await;
    assert_eq!(line, "Aura Vexx: 4 manufacturing · 3 science slots free");
    // Found idle at sign-in: the job ended before this start, and nothing was installed
    // since (the jobs were read again just before).
    let rung = bus
        .wait_for("slots went idle", std::time::Duration::from_secs(60))
        .await;
    assert_eq!(
        rung.summary,
        "While you were away: Aura Vexx's 4 manufacturing slots went idle"
    );
    // Three hours and the minutes the sign-in took.
    assert!(
        rung.body.starts_with("4 manufacturing slots idle for 3 h"),
        "{}",
        rung.body
    );
    // Settings shows it on, its hours editable; off, they wait for the switch.
    show_view(&app, "settings").await;
    let hours = "input[data-testid=slot-idle-hours]";
    assert_eq!(app.attr_of(hours, "disabled").await, None);
    app.click("[data-testid=slot-idle-notifications]").await;
    app.wait_until(
        &format!("document.querySelector('{hours}').disabled"),
        "the hours disabled with the switch off",
    )
    .await;
    app.quit().await;
    let idle: Vec<_> = bus
        .calls()
        .into_iter()
        .filter(|c| c.summary.contains("idle"))
        .collect();
    assert_eq!(idle.len(), 1, "once: {idle:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_skills_view_lists_the_queue_entry_by_entry_with_the_attributes() {
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;
    show_view(&app, "skills").await;
    let card = format!("[data-testid=skills-board] .card[data-character-id='{AURA}']");
    // The attributes are read when the Skills view opens (the Overview does not show them).
    app.wait_until(
        &format!("!!document.querySelector(\"{card} [data-testid=attributes]\")"),
        "Aura's attributes",
    )
    .await;
    assert_eq!(
        app.text_of(&format!("{card} [data-testid=attributes]"))
            .await,
        "Int 27 · Mem 21 · Per 17 · Wil 17 · Cha 17 · remap in 165 days · 1 bonus remap"
    );
    app.click(&format!(
        "{card} details[data-section='skills-queue-{AURA}'] summary"
    ))
    .await;
    let first = app
        .text_of(&format!(
            "{card} [data-testid=queue-entries] tbody tr:nth-child(1)"
        ))
        .await;
    assert!(first.starts_with("Small Hybrid Turret IV"), "{first}");
    assert!(first.contains("training"), "{first}");
    let second = app
        .text_of(&format!(
            "{card} [data-testid=queue-entries] tbody tr:nth-child(2)"
        ))
        .await;
    assert!(second.starts_with("Power Grid Management V"), "{second}");
    // SP to train: level V's end less where it starts.
    assert!(second.contains("210,745"), "{second}");
    app.screenshot("skills-queue").await;
    app.quit().await;
}
