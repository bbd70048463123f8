//! Clones and jumps in the real window: turned on, Aura re-authorised for its scopes,
//! her clones shown with the next jump counting down, and "clone jump available" on
//! D-Bus when the cooldown ends.

use std::time::Duration;

use cynosure_sim::world::AURA;
use tempfile::TempDir;

use crate::notifications::NotificationBus;
use crate::support::{app_with_aura, seed_settings, show_view, simulator, turn_on_feature};

const HOUR_MS: i64 = 3_600_000;

#[tokio::test(flavor = "multi_thread")]
async fn clones_turned_on_show_the_next_jump_and_ring_when_it_is_available() {
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    // The notification on before the start (off by default).
    let on = cynosure_core::settings::models::SettingsPatch {
        clone_jump_notifications: Some(true),
        ..Default::default()
    };
    seed_settings(data.path(), on).await;
    let app = app_with_aura(&sim, data.path()).await;

    turn_on_feature(&app, "clones").await;
    // Aura's cooldown is 22 h (Infomorph Synchronizing II): her last jump was long enough
    // ago that the next is available a minute from now (her clones are first read when
    // the Clones view opens, below).
    let available = sim.clock().now_ms() / 1000 * 1000 + 60_000;
    sim.with_world(|w| {
        let aura = w.characters.get_mut(&AURA).unwrap();
        aura.clones.last_clone_jump_ms = Some(available - 22 * HOUR_MS);
    });
    assert_eq!(
        app.attr_of("[data-testid=clone-jump-notifications]", "checked")
            .await
            .as_deref(),
        Some("true")
    );

    show_view(&app, "clones").await;
    let card = format!("[data-testid=clones-board] .card[data-character-id='{AURA}']");
    app.wait_until(
        &format!("document.querySelector(\"{card} [data-testid=clone-jump]\")?.textContent.startsWith('Next clone jump')"),
        "the next clone jump counting down",
    )
    .await;
    let home = app.text_of(&format!("{card} [data-testid=home]")).await;
    assert_eq!(home, "Home: Jita IV - Moon 4 - Caldari Navy Assembly Plant");
    let active = app
        .text_of(&format!("{card} [data-testid=active-implants]"))
        .await;
    assert_eq!(
        active,
        "Active clone: Neural Boost - Basic, Cybernetic Subprocessor - Basic"
    );
    app.wait_until(
        &format!("document.querySelector(\"{card} [data-testid=jump-fatigue]\") !== null"),
        "jump fatigue",
    )
    .await;
    app.screenshot("clones").await;

    let rung = bus
        .wait_for("clone jump available", Duration::from_secs(150))
        .await;
    assert_eq!(rung.summary, "Aura Vexx: clone jump available");
    assert!(
        sim.clock().now_ms() >= available,
        "not before the cooldown ends"
    );
    app.wait_until(
        &format!("document.querySelector(\"{card} [data-testid=clone-jump]\")?.textContent.startsWith('Clone jump available')"),
        "available on screen",
    )
    .await;
    app.quit().await;
}
