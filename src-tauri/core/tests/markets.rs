//! Market orders against the simulator, on a controllable clock: the open list with each
//! order's expiry, an order that leaves it ended through the order history (read only
//! then, and never inside its cache window), the expiries in Next, and the alarms: a
//! warning before an order expires, and "filled", at most once an hour per character.

mod common;

use common::{Rig, TestVault, NOW};
use cynosure_core::alarms::models::{Notice, NoticeKind};
use cynosure_core::alarms::task::Alarms;
use cynosure_core::features::commands::feature_set;
use cynosure_core::features::Feature;
use cynosure_core::markets::commands::orders_read;
use cynosure_core::markets::descriptors::MARKET_ORDERS;
use cynosure_core::markets::models::{OrderEnd, OrdersView};
use cynosure_core::next::commands::next_view;
use cynosure_core::settings::commands::settings_update;
use cynosure_core::settings::models::SettingsPatch;
use cynosure_core::sync::owner_sync::refresh_stale;
use cynosure_core::sync::{DeadlineKind, GateState};
use cynosure_sim::world::{
    MarketOrder, AURA, AURA_DAMAGE_CONTROL_ORDER, AURA_RIFTER_ORDER, AURA_TRITANIUM_ORDER, DAY_MS,
};

const HOUR: i64 = 3_600_000;
const MINUTE: i64 = 60_000;

async fn with_markets() -> Rig {
    let rig = Rig::start(TestVault::File).await;
    feature_set(&rig.core, Feature::Markets, true)
        .await
        .unwrap();
    rig.login(AURA).await.0.unwrap();
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    rig.sim.clear_log();
    rig
}

fn aura(view: &OrdersView) -> &cynosure_core::markets::models::CharacterOrders {
    view.characters
        .iter()
        .find(|c| c.character_id == AURA)
        .unwrap()
}

/// Past the open list's cache window (20 minutes).
fn later(rig: &Rig, minutes: i64) {
    rig.sim.clock().advance_ms(minutes * MINUTE);
}

#[tokio::test]
async fn the_board_waits_for_the_feature_and_its_scope() {
    let rig = Rig::start(TestVault::File).await;
    rig.login(AURA).await.0.unwrap();
    feature_set(&rig.core, Feature::Markets, true)
        .await
        .unwrap();
    rig.sim.clear_log();
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    assert!(rig.requests_of("esi.orders").is_empty());
    let view = orders_read(&rig.core).await.unwrap();
    assert_eq!(aura(&view).sync.gate_state, GateState::MissingScope);
}

#[tokio::test]
async fn open_orders_with_item_place_side_and_expiry_and_their_expiries_in_next() {
    let rig = with_markets().await;
    let view = orders_read(&rig.core).await.unwrap();
    assert!(view.on);
    let open = aura(&view).open.as_ref().unwrap();
    assert_eq!(open.len(), 3, "the cancelled order is not open");
    let rifter = open
        .iter()
        .find(|o| o.order_id == AURA_RIFTER_ORDER)
        .unwrap();
    assert_eq!(rifter.item.name.as_deref(), Some("Rifter"));
    assert_eq!(
        rifter.location.name.as_deref(),
        Some("Jita IV - Moon 4 - Caldari Navy Assembly Plant")
    );
    assert!(!rifter.is_buy);
    assert_eq!((rifter.volume_remain, rifter.volume_total), (4, 10));
    // Issued 90 days less 4 hours ago, for 90 days.
    assert_eq!(rifter.expires_at, NOW + 4 * HOUR);
    let tritanium = open
        .iter()
        .find(|o| o.order_id == AURA_TRITANIUM_ORDER)
        .unwrap();
    assert!(tritanium.is_buy);
    assert_eq!(tritanium.escrow, Some(3.92 * 250_000.0));
    assert!(aura(&view).ended.is_empty());
    assert!(rig.requests_of("esi.order_history").is_empty());

    let next = next_view(&rig.core).await.unwrap();
    let line = &next.lines[0];
    assert!(line
        .deadlines
        .iter()
        .any(|d| d.kind == DeadlineKind::OrderExpires && d.at == NOW + 4 * HOUR));
    assert!(line.text.contains("1 order expires"), "{}", line.text);
}

#[tokio::test]
async fn an_order_that_leaves_the_list_is_ended_by_the_history_read_only_then() {
    let rig = with_markets().await;
    // Filled in game.
    rig.sim
        .with_world(|w| w.fill_order(AURA, AURA_DAMAGE_CONTROL_ORDER));
    later(&rig, 21);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    assert_eq!(rig.requests_of("esi.order_history").len(), 1);
    let view = orders_read(&rig.core).await.unwrap();
    let a = aura(&view);
    assert_eq!(a.open.as_ref().unwrap().len(), 2);
    assert_eq!(a.ended.len(), 1);
    assert_eq!(a.ended[0].order_id, AURA_DAMAGE_CONTROL_ORDER);
    assert_eq!(a.ended[0].end, Some(OrderEnd::Filled));
    assert_eq!(a.ended[0].item.name.as_deref(), Some("Damage Control I"));

    // Cancelled in game 10 minutes later: the history read above is ESI's for an hour,
    // so the ending waits rather than asking inside the window.
    rig.sim
        .with_world(|w| w.cancel_order(AURA, AURA_TRITANIUM_ORDER));
    later(&rig, 21);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    assert_eq!(rig.requests_of("esi.order_history").len(), 1, "not asked");
    let view = orders_read(&rig.core).await.unwrap();
    let cancelled = aura(&view)
        .ended
        .iter()
        .find(|o| o.order_id == AURA_TRITANIUM_ORDER)
        .cloned()
        .unwrap();
    assert_eq!(cancelled.end, None, "not known yet");
    assert_eq!(cancelled.left_at, Some(rig.core.now_ms()));

    // Once the history's hour is over, the next read of the list asks it again (the
    // unchanged list is read whole: a 304 cannot hide the wait).
    later(&rig, 40);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    assert_eq!(rig.requests_of("esi.order_history").len(), 2);
    let view = orders_read(&rig.core).await.unwrap();
    let ended: Vec<_> = aura(&view)
        .ended
        .iter()
        .map(|o| (o.order_id, o.end))
        .collect();
    assert!(
        ended.contains(&(AURA_TRITANIUM_ORDER, Some(OrderEnd::Cancelled))),
        "{ended:?}"
    );
    assert!(rig.sim.breaches().is_empty(), "{:?}", rig.sim.breaches());

    // Settled: the history is not asked again, and the ended orders stay a week.
    later(&rig, 90);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    assert_eq!(rig.requests_of("esi.order_history").len(), 2);
    rig.sim.clock().advance_ms(7 * DAY_MS);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    let view = orders_read(&rig.core).await.unwrap();
    let ended: Vec<_> = aura(&view)
        .ended
        .iter()
        .map(|o| (o.order_id, o.end))
        .collect();
    // The two gone after their week; the Rifter order expired meanwhile, with units left.
    assert_eq!(ended, [(AURA_RIFTER_ORDER, Some(OrderEnd::Expired))]);
}

fn of(notices: &[Notice], kind: NoticeKind) -> Vec<Notice> {
    notices.iter().filter(|n| n.kind == kind).cloned().collect()
}

#[tokio::test]
async fn a_warning_before_an_order_expires_once_and_at_most_hourly() {
    let rig = with_markets().await;
    let alarms = Alarms::new(NOW);

    // The Rifter order expires in 4 hours: within the default day's warning.
    let tick = alarms.tick(&rig.core).await.unwrap();
    let warned = of(&tick.notices, NoticeKind::OrdersExpiring);
    assert_eq!(warned.len(), 1, "{:?}", tick.notices);
    assert_eq!(warned[0].title, "Aura Vexx: a market order expires in 4 h");
    assert!(
        warned[0].body.starts_with("Rifter (sell)."),
        "{}",
        warned[0].body
    );
    let again = alarms.tick(&rig.core).await.unwrap();
    assert!(
        of(&again.notices, NoticeKind::OrdersExpiring).is_empty(),
        "once"
    );

    // Two orders placed in game that come within the day's warning 30 and 50 minutes
    // from now.
    rig.sim.with_world(|w| {
        let aura = w.characters.get_mut(&AURA).unwrap();
        for (id, minutes) in [(6_500_000_010, 30), (6_500_000_011, 50)] {
            aura.orders.push(MarketOrder {
                issued_ms: NOW + 24 * HOUR + minutes * MINUTE - 90 * DAY_MS,
                ..MarketOrder::sell(id, 222, 31.0, 1_000, 1_000)
            });
        }
    });
    later(&rig, 21);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(tick.notices.is_empty(), "{:?}", tick.notices);
    assert_eq!(tick.next_at, Some(NOW + 30 * MINUTE));

    // The first is due, but the last warning was under an hour ago: held.
    later(&rig, 10);
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(tick.notices.is_empty(), "{:?}", tick.notices);
    assert_eq!(tick.next_at, Some(NOW + 50 * MINUTE));
    later(&rig, 20);
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(tick.notices.is_empty(), "{:?}", tick.notices);
    assert_eq!(tick.next_at, Some(NOW + HOUR));

    // An hour after the last: one notice for both.
    later(&rig, 10);
    let tick = alarms.tick(&rig.core).await.unwrap();
    let warned = of(&tick.notices, NoticeKind::OrdersExpiring);
    assert_eq!(warned.len(), 1, "{:?}", tick.notices);
    assert_eq!(warned[0].title, "Aura Vexx: 2 market orders expire soon");
    assert!(
        warned[0]
            .body
            .starts_with("Antimatter Charge S (sell), Antimatter Charge S (sell). The first at"),
        "{}",
        warned[0].body
    );
    assert!(rig.sim.breaches().is_empty(), "{:?}", rig.sim.breaches());
}

#[tokio::test]
async fn an_order_filled_is_told_once_and_not_while_off() {
    let rig = with_markets().await;
    let alarms = Alarms::new(NOW);
    alarms.tick(&rig.core).await.unwrap();
    // Filled in game; the background refresh learns it.
    rig.sim
        .with_world(|w| w.fill_order(AURA, AURA_DAMAGE_CONTROL_ORDER));
    later(&rig, 21);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    let tick = alarms.tick(&rig.core).await.unwrap();
    let filled = of(&tick.notices, NoticeKind::OrdersFilled);
    assert_eq!(filled.len(), 1, "{:?}", tick.notices);
    assert_eq!(filled[0].title, "Aura Vexx: market order filled");
    assert_eq!(filled[0].body, "Damage Control I (sell)");
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(
        of(&tick.notices, NoticeKind::OrdersFilled).is_empty(),
        "once"
    );

    // Turned off: a fill passes silently, and stays silent when turned on again.
    let off = SettingsPatch {
        order_notifications: Some(false),
        ..SettingsPatch::default()
    };
    settings_update(&rig.core, off).await.unwrap();
    rig.sim
        .with_world(|w| w.fill_order(AURA, AURA_TRITANIUM_ORDER));
    later(&rig, 90);
    refresh_stale(&rig.core, &MARKET_ORDERS).await.unwrap();
    let view = orders_read(&rig.core).await.unwrap();
    assert!(aura(&view)
        .ended
        .iter()
        .any(|o| o.order_id == AURA_TRITANIUM_ORDER && o.end == Some(OrderEnd::Filled)));
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(tick.notices.is_empty(), "{:?}", tick.notices);
    let on = SettingsPatch {
        order_notifications: Some(true),
        ..SettingsPatch::default()
    };
    settings_update(&rig.core, on).await.unwrap();
    let tick = alarms.tick(&rig.core).await.unwrap();
    assert!(of(&tick.notices, NoticeKind::OrdersFilled).is_empty());
}
