//! Market orders in the real window: turned on, Aura re-authorised for the scope, her
//! open orders in the table with the soonest expiry first, and the warning for her order
//! expiring within the day on D-Bus.

use std::time::Duration;

use cynosure_sim::world::AURA_RIFTER_ORDER;
use tempfile::TempDir;

use crate::notifications::NotificationBus;
use crate::support::{app_with_aura, show_view, simulator, turn_on_feature};

#[tokio::test(flavor = "multi_thread")]
async fn market_orders_turned_on_show_the_orders_and_warn_before_one_expires() {
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;

    turn_on_feature(&app, "markets").await;
    // On by default with the feature, a day ahead.
    assert_eq!(
        app.attr_of("[data-testid=order-notifications]", "checked")
            .await
            .as_deref(),
        Some("true")
    );

    show_view(&app, "trade").await;
    let rows = "[data-testid=markets-board] [data-testid=orders] tbody tr";
    app.wait_until(
        &format!("document.querySelectorAll(\"{rows}\").length === 3"),
        "Aura's three open orders",
    )
    .await;
    let first = app
        .eval(&format!(
            "return [...document.querySelector(\"{rows}\").cells].map(c => c.textContent);"
        ))
        .await;
    let cells: Vec<String> = serde_json::from_value(first).unwrap();
    // Expires 4 hours after the simulator's start, a little while ago.
    assert!(
        cells[0].starts_with("3h ") || cells[0] == "4h 00m",
        "{cells:?}"
    );
    assert_eq!(&cells[1..4], ["Rifter", "Sell", "449,900 ISK"]);
    assert_eq!(cells[4], "4 / 10");
    assert_eq!(
        app.attr_of(&format!("{rows}:first-child"), "data-order-id")
            .await
            .as_deref(),
        Some(AURA_RIFTER_ORDER.to_string().as_str())
    );
    app.screenshot("markets").await;

    let rung = bus
        .wait_for("market order expires", Duration::from_secs(60))
        .await;
    assert!(
        rung.summary == "Aura Vexx: a market order expires in 4 h"
            || rung
                .summary
                .starts_with("Aura Vexx: a market order expires in 3 h "),
        "{}",
        rung.summary
    );
    assert!(rung.body.starts_with("Rifter (sell)."), "{}", rung.body);
    drop(sim);
    app.quit().await;
}
