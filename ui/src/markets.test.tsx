import { afterEach, describe, expect, it, vi } from "vitest";
import { act } from "preact/test-utils";
import type { CharacterOrders, OrderRow, OrdersView } from "./bindings";
import { MarketsBoard } from "./markets";
import { fresh, H, T0 } from "./fixtures";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";
import { FIRST_SECTIONS } from "./progressive";
import { markPainted } from "./startup";

afterEach(cleanup);

function order(orderId: number, item: string, expiresAt: number, more: Partial<OrderRow> = {}): OrderRow {
  return {
    orderId,
    item: { id: orderId, name: item },
    location: { id: 60003760, name: "Jita IV - Moon 4 - Caldari Navy Assembly Plant" },
    isBuy: false,
    price: 449_900,
    volumeRemain: 4,
    volumeTotal: 10,
    issuedAt: T0 - 80 * 24 * H,
    expiresAt,
    escrow: null,
    isCorporation: false,
    leftAt: null,
    end: null,
    ...more,
  };
}

function aura(): CharacterOrders {
  return {
    characterId: 1,
    name: "Aura Vexx",
    open: [
      order(11, "Tritanium", T0 + 80 * 24 * H, { isBuy: true, price: 3.92, volumeRemain: 250_000, volumeTotal: 1_000_000 }),
      order(10, "Rifter", T0 + 4 * H),
    ],
    ended: [
      order(12, "Damage Control I", T0, { price: 61_000, volumeRemain: 0, volumeTotal: 50, leftAt: T0 - 2 * H, end: "filled" }),
      order(13, "Antimatter Charge S", T0, { leftAt: T0 - 10 * 60_000, end: null }),
    ],
    sync: fresh,
  };
}

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLTableRowElement>("[data-testid=orders] tbody tr")].map((tr) =>
    [...tr.cells].map((td) => td.textContent),
  );

describe("MarketsBoard", () => {
  it("says it is off until the feature is on", async () => {
    mockCore({ ordersOnView: () => ({ on: false, characters: [] }) });
    const root = await mount(<MarketsBoard />);
    expect(root.querySelector("[data-testid=markets-off]")).not.toBeNull();
  });

  it("lists open orders soonest expiry first, sorts by a column, and folds the week's ended orders", async () => {
    const view: OrdersView = { on: true, characters: [aura()] };
    mockCore({ ordersOnView: () => view });
    setTime(T0);
    const root = await mount(<MarketsBoard />);
    expect(root.querySelector("[data-testid=order-count]")?.textContent).toContain("2 open orders");
    expect(rows(root)).toEqual([
      ["4h 00m", "Rifter", "Sell", "449,900 ISK", "4 / 10", "Jita IV - Moon 4 - Caldari Navy Assembly Plant"],
      [
        rows(root)[1][0],
        "Tritanium",
        "Buy",
        "3.92 ISK",
        "250,000 / 1,000,000",
        "Jita IV - Moon 4 - Caldari Navy Assembly Plant",
      ],
    ]);
    await click(root.querySelector("[data-testid=sort-price]"));
    expect(rows(root).map((r) => r[1])).toEqual(["Tritanium", "Rifter"]);
    await click(root.querySelector("[data-testid=sort-price]"));
    expect(rows(root).map((r) => r[1])).toEqual(["Rifter", "Tritanium"]);

    const fold = root.querySelector<HTMLElement>("details[data-section='ended-orders-1']")!;
    expect(fold.querySelector("summary")?.textContent).toBe("2 ended this week");
    const ended = [...fold.querySelectorAll("[data-testid=ended-orders] li")].map((li) => li.textContent);
    expect(ended).toEqual([
      "Filled Damage Control I (sell, 50 at 61,000 ISK) · 2 h ago",
      "Ended Antimatter Charge S (sell, 10 at 449,900 ISK) · 10 min ago",
    ]);
  });

  it("shows the first pilots' orders, and more as the player scrolls toward the end", async () => {
    const pilots = Array.from({ length: 10 }, (_, k) => ({ ...aura(), characterId: k + 1, name: `Pilot ${k + 1}` }));
    mockCore({ ordersOnView: () => ({ on: true, characters: pilots }) });
    setTime(T0);
    const root = await mount(<MarketsBoard />);
    const sections = () => root.querySelectorAll("article.owner").length;
    expect(sections()).toBe(FIRST_SECTIONS);
    const more = () => root.querySelector<HTMLElement>("[data-testid=more-rows]");
    expect(more()?.textContent).toBe(`${10 - FIRST_SECTIONS} more pilots below`);

    act(() => markPainted());
    for (const expected of [2 * FIRST_SECTIONS, 10]) {
      more()!.scrollIntoView();
      await vi.waitFor(() => expect(sections()).toBe(expected));
    }
    expect(more()).toBeNull();
  });

  it("marks an order past its expiry before the next read", async () => {
    mockCore({ ordersOnView: () => ({ on: true, characters: [aura()] }) });
    setTime(T0 + 5 * H);
    const root = await mount(<MarketsBoard />);
    expect(rows(root)[0][0]).toBe("Expired");
  });
});
