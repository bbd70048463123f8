//! Contracts in the real window: turned on, Aura re-authorised for the scope, her
//! contracts with the courier she carries first, a contract's items opened, and the
//! warning for that courier on D-Bus.

use std::time::Duration;

use cynosure_sim::world::{AURA_COURIER_CONTRACT, AURA_RIFTERS_CONTRACT};
use tempfile::TempDir;

use crate::notifications::NotificationBus;
use crate::support::{app_with_aura, show_view, simulator, turn_on_feature};

#[tokio::test(flavor = "multi_thread")]
async fn contracts_turned_on_show_the_courier_first_open_items_and_warn() {
    let bus = NotificationBus::start();
    let sim = simulator().await;
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;

    turn_on_feature(&app, "contracts").await;
    assert_eq!(
        app.attr_of("[data-testid=contract-notifications]", "checked")
            .await
            .as_deref(),
        Some("true")
    );

    show_view(&app, "trade").await;
    let rows = "[data-testid=contracts-board] [data-testid=contracts] tbody tr[data-contract-id]";
    app.wait_until(
        &format!("document.querySelectorAll(\"{rows}\").length === 5"),
        "Aura's five contracts (the deleted one left out)",
    )
    .await;
    assert_eq!(
        app.attr_of(&format!("{rows}:first-child"), "data-contract-id")
            .await
            .as_deref(),
        Some(AURA_COURIER_CONTRACT.to_string().as_str())
    );
    let first = app.text_of(&format!("{rows}:first-child")).await;
    assert!(first.contains("Courier to Amarr VIII"), "{first}");
    assert!(first.contains("25,000,000 ISK"), "{first}");

    // The Rifters' items, read when opened.
    let rifters = format!("tr[data-contract-id='{AURA_RIFTERS_CONTRACT}']");
    app.eval(&format!(
        "document.querySelector(\"{rifters} [data-testid=contract-items]\").click(); return null;"
    ))
    .await;
    app.wait_until(
        &format!("document.querySelector(\"tr[data-items-of='{AURA_RIFTERS_CONTRACT}']\")?.textContent === '3 × Rifter'"),
        "the contract's items",
    )
    .await;

    let rung = bus
        .wait_for("courier contract is due", Duration::from_secs(60))
        .await;
    assert!(
        rung.summary
            .starts_with("Aura Vexx: a courier contract is due in "),
        "{}",
        rung.summary
    );
    assert!(
        rung.body
            .starts_with("Courier to Amarr VIII - Emperor Family Academy."),
        "{}",
        rung.body
    );
    drop(sim);
    app.quit().await;
}
