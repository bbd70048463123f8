//! Planetary industry in the real window: turned on, a character re-authorised for it,
//! its colonies shown, one grouped warning before extractors stop (on D-Bus), no stale
//! alarm after a colony is restarted in game, and two characters grouped into an account
//! in "Next" and on the tray menu's first line (read over D-Bus).

use std::time::Duration;

use cynosure_sim::world::{AURA, AURA_PLASMA, CORA};
use tempfile::TempDir;

use crate::notifications::NotificationBus;
use crate::support::{
    app_with_aura, open_store, show_view, simulator, tray_menu, turn_on_feature, wait_for_tray_item,
};

const HOUR_MS: i64 = 3_600_000;

#[tokio::test(flavor = "multi_thread")]
async fn extractors_warn_before_they_stop_and_next_gathers_an_account() {
    let bus = NotificationBus::start();
    let sim = simulator().await;
    // Real time here: a colony changed in game shows within seconds, not ESI's ten minutes.
    sim.with_options(|o| o.max_cache_secs = Some(3));
    // The plasma colony's warning (2 h ahead) falls due two minutes after the start.
    let start = sim.clock().now_ms();
    let plasma_warning = start + 120_000;
    sim.set_extractor_expiry(AURA, AURA_PLASMA, None, plasma_warning + 2 * HOUR_MS)
        .expect("Aura's plasma colony");
    let data = TempDir::new().unwrap();
    let app = app_with_aura(&sim, data.path()).await;

    // Planetary industry on: Aura signed in without its scope, so she is re-authorised.
    turn_on_feature(&app, "planets").await;

    // Her colonies, with countdowns and the stopped extractor flagged.
    show_view(&app, "planets").await;
    app.wait_until(
        "document.querySelectorAll('[data-testid=planets-board] .colony').length === 3",
        "Aura's three colonies",
    )
    .await;
    app.wait_until(
        "document.querySelector('.colony[data-stopped=true]') !== null",
        "the lava colony's stopped extractor",
    )
    .await;
    app.screenshot("planets").await;

    // One notification for both barren extractors (they stop within the hour).
    let warned = bus
        .wait_for("Aura Vexx: 2 extractors stop at", Duration::from_secs(30))
        .await;
    assert!(warned.body.contains("Sim-379 III"), "{warned:?}");

    // The plasma colony restarted in game before its warning: no stale alarm. Its new
    // program shows once the alarm read the colonies again, just before it would ring.
    assert!(
        sim.clock().now_ms() < plasma_warning - 10_000,
        "the restart comes before the plasma warning is due"
    );
    sim.reset_colony(AURA, AURA_PLASMA, 10.0).expect("restart");
    let deadline = std::time::Instant::now() + Duration::from_secs(180);
    while !app
        .eval("return [...document.querySelectorAll(\"[data-planet-id='40023691'] .countdown\")].some((c) => /^(9|10)h/.test(c.textContent))")
        .await
        .as_bool()
        .unwrap_or(false)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the plasma colony's new program never showed"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Cora joins; both go into one account, which Next shows.
    sim.login_as(CORA);
    show_view(&app, "characters").await;
    app.click("[data-testid=add-character]").await;
    app.wait_until(
        "document.querySelectorAll('.roster-item').length === 2",
        "Cora linked",
    )
    .await;
    app.eval(
        "const i = document.querySelector('[data-testid=account-name]'); \
         i.value = 'Account B'; i.dispatchEvent(new Event('input', { bubbles: true })); return null;",
    )
    .await;
    app.click("[data-testid=account-create]").await;
    for c in [AURA, CORA] {
        app.wait_until(
            &format!("document.querySelector('[data-testid=account-of-{c}]') !== null"),
            "the account picker",
        )
        .await;
        app.eval(&format!(
            "const s = document.querySelector('[data-testid=account-of-{c}]'); \
             s.value = s.options[1].value; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return null;"
        ))
        .await;
    }
    show_view(&app, "next").await;
    app.wait_until(
        "[...document.querySelectorAll('[data-testid=next-line] .next-text')].some((t) => t.textContent.startsWith('Account B — log in'))",
        "Account B's next login",
    )
    .await;
    // Aura's boards were read when she was linked: her jobs join her extractors.
    app.wait_until(
        "(() => { const t = document.querySelector('[data-testid=next-line] .next-text')?.textContent ?? ''; return t.includes('job') && t.includes('extractor'); })()",
        "jobs and extractors in Account B's line",
    )
    .await;
    app.screenshot("next").await;
    // The tray menu's first line is the same next login (read over D-Bus, as a desktop's
    // tray shows it).
    let line = wait_for_tray_item(&app, "Account B's next login", |l| {
        l.starts_with("Next: Account B — log in")
    })
    .await;
    assert!(
        line.contains("extractor"),
        "the tray's Next line names the extractors: {line}"
    );
    assert_eq!(
        tray_menu(&app).first().map(String::as_str),
        Some(line.as_str()),
        "Next is the menu's first item"
    );
    // Then the pilots under their account, each with the skill in training and its time
    // left (or "not training").
    let aura = wait_for_tray_item(&app, "Aura under Account B", |l| {
        l.trim_start().contains("Aura Vexx — ")
    })
    .await;
    let menu = tray_menu(&app);
    let account = menu
        .iter()
        .position(|l| l == "Account B")
        .expect("the account's name");
    // By name: the time left may have moved on since the line above was read.
    let aura_at = menu
        .iter()
        .position(|l| l.trim_start().contains("Aura Vexx — "))
        .expect("Aura's line");
    assert!(
        account < aura_at,
        "Aura is listed under her account: {menu:?}"
    );
    assert!(
        aura.ends_with('m') || aura.ends_with('h') || aura.ends_with("not training"),
        "{aura}"
    );
    app.quit().await;

    let seen = bus.calls();
    assert_eq!(
        seen.iter()
            .filter(|c| c.summary.contains("2 extractors stop at"))
            .count(),
        1,
        "the barren warning rang once: {seen:?}"
    );
    assert!(
        !seen
            .iter()
            .any(|c| c.body.contains("Sim-379 II") && !c.body.contains("III")),
        "no warning for the restarted plasma colony: {seen:?}"
    );
    let core = open_store(data.path()).await;
    let marks = cynosure_core::store::notified::extractor_marks(core.db())
        .await
        .unwrap();
    assert!(
        !marks
            .keys()
            .any(|(_, planet, _, kind)| *planet == AURA_PLASMA && kind == "warning"),
        "the plasma colony never rang: {marks:?}"
    );
    core.close().await;
}
