import { afterEach, describe, expect, it } from "vitest";
import type { Contract, ContractRow, ContractsView } from "./bindings";
import { ContractsBoard } from "./contracts";
import { fresh, H, T0 } from "./fixtures";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";

afterEach(cleanup);

const D = 24 * H;

function contract(contractId: number, more: Partial<Contract> = {}): Contract {
  return {
    contractId,
    kind: "item_exchange",
    status: "outstanding",
    title: null,
    issuerId: 1,
    issuerCorporationId: 100,
    assigneeId: 0,
    acceptorId: 0,
    forCorporation: false,
    issuedAt: T0 - 5 * D,
    expiresAt: T0 + 20 * H,
    acceptedAt: null,
    completedAt: null,
    daysToComplete: null,
    startLocationId: 60003760,
    endLocationId: 60003760,
    price: 1_500_000,
    reward: null,
    collateral: null,
    buyout: null,
    volume: 10,
    ...more,
  };
}

const jita = { id: 60003760, name: "Jita IV - Moon 4 - Caldari Navy Assembly Plant" };
const amarr = { id: 60008494, name: "Amarr VIII - Emperor Family Academy" };

function row(c: Contract, more: Partial<ContractRow> = {}): ContractRow {
  return {
    contract: c,
    role: "issued",
    issuer: { id: 1, name: "Aura Vexx" },
    assignee: null,
    acceptor: null,
    start: jita,
    end: jita,
    dueAt: null,
    ...more,
  };
}

function view(): ContractsView {
  return {
    on: true,
    characters: [
      {
        characterId: 1,
        name: "Aura Vexx",
        sync: fresh,
        contracts: [
          row(
            contract(2, {
              kind: "courier",
              status: "in_progress",
              issuerId: 9,
              acceptorId: 1,
              price: null,
              reward: 25_000_000,
              collateral: 300_000_000,
              volume: 12_000,
              endLocationId: amarr.id,
            }),
            { role: "accepted", issuer: { id: 9, name: "Tess Harlow" }, end: amarr, dueAt: T0 + 4 * H },
          ),
          row(contract(1, { title: "3 Rifters" })),
          row(contract(6, { expiresAt: T0 - 2 * D, price: 150_000 })),
        ],
      },
    ],
  };
}

const cells = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLTableRowElement>("[data-testid=contracts] tbody tr[data-contract-id]")].map((tr) =>
    [...tr.cells].slice(0, 5).map((td) => td.textContent),
  );

describe("ContractsBoard", () => {
  it("says it is off until the feature is on", async () => {
    mockCore({ contractsOnView: () => ({ on: false, characters: [] }) });
    const root = await mount(<ContractsBoard />);
    expect(root.querySelector("[data-testid=contracts-off]")).not.toBeNull();
  });

  it("shows deadlines, what each is, its status (expired though EVE says outstanding) and whose", async () => {
    mockCore({ contractsOnView: () => view() });
    setTime(T0);
    const root = await mount(<ContractsBoard />);
    expect(cells(root)).toEqual([
      ["due in 4h 00m", "Courier to Amarr VIII - Emperor Family Academy", "In progress", "25,000,000 ISK", "Accepted by you · Tess Harlow"],
      ["20h 00m", "3 Rifters", "Outstanding", "1,500,000 ISK", "Yours"],
      ["Expired", "Item exchange", "Expired", "150,000 ISK", "Yours"],
    ]);
  });

  it("reads a contract's items when opened, once, and shows why when EVE no longer has them", async () => {
    const log = mockCore({
      contractsOnView: () => view(),
      contractItems: (_character: unknown, contract: unknown) => {
        if (contract === 6) throw { code: "contracts.items_gone", message: "EVE no longer lists this contract's items (it is too old or was deleted)." };
        if (contract === 2) return { characterId: 1, contractId: 2, items: [] };
        return {
          characterId: 1,
          contractId: 1,
          items: [{ recordId: 10, item: { id: 587, name: "Rifter" }, quantity: 3, included: true, blueprintCopy: false }],
        };
      },
    });
    setTime(T0);
    const root = await mount(<ContractsBoard />);
    const button = (id: number) =>
      root.querySelector<HTMLElement>(`tr[data-contract-id='${id}'] [data-testid=contract-items]`);
    await click(button(1));
    expect(root.querySelector("tr[data-items-of='1']")?.textContent).toBe("3 × Rifter");
    await click(button(1));
    expect(root.querySelector("tr[data-items-of='1']")).toBeNull();
    await click(button(1));
    expect(log.calls.filter((c) => c.command === "contractItems")).toHaveLength(1);

    await click(button(2));
    expect(root.querySelector("tr[data-items-of='2']")?.textContent).toContain(
      "A package of 12,000 m³ from Jita IV - Moon 4 - Caldari Navy Assembly Plant",
    );
    await click(button(6));
    expect(root.querySelector("tr[data-items-of='6']")?.textContent).toContain("EVE no longer lists this contract's items");
  });
});
