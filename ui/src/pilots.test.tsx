import "./styles.css";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { page } from "@vitest/browser/context";
import { act } from "preact/test-utils";
import { cleanup, click, mockCore, mount as mountIn, setTime } from "./test-utils";
import type { JobsView, SkillsView } from "./bindings";
import { fresh, H, job, queueOf, rosterEntry, T0 } from "./fixtures";
import { online } from "./live";
import { Overview } from "./overview";
import { prefs } from "./prefs";

// A desktop window's width: the table's own layout, not the narrow one.
beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(async () => {
  await cleanup();
  online.value = {};
  prefs.value = {};
});

/** Four pilots on two accounts (one on none), with queues, skill points and jobs. */
function pilots() {
  const roster = [
    rosterEntry(1, "Aura Vexx", { accountId: 10 }),
    rosterEntry(2, "Brakk Tollan", { accountId: 10 }),
    rosterEntry(3, "Cora Maelis", { accountId: 20 }),
    rosterEntry(4, "Dax Orrin"),
  ];
  const sp = (id: number, totalSp: number) => ({
    ...queueOf(id, roster[id - 1].name, id === 4 ? [] : [T0 + id * 5 * H]),
    skills: { totalSp, unallocatedSp: 0, skills: [] },
  });
  const skills: SkillsView = {
    characters: [sp(1, 40_000_000), sp(2, 5_000_000), sp(3, 90_000_000), sp(4, 12_000_000)],
    queueWarningHours: 24,
  };
  const jobs: JobsView = {
    owners: roster.map((c) => ({
      ownerKind: "character" as const,
      ownerId: c.characterId,
      name: c.name,
      jobs: c.characterId === 3 ? [job(31, T0 - 1), job(32, T0 - 1), job(33, T0 + H)] : [],
      sync: fresh,
    })),
  };
  const core = mockCore({
    rosterList: () => roster,
    skillsOnView: () => skills,
    jobsOnView: () => jobs,
    onlineState: () => ({
      characters: roster.map((c) => ({
        characterId: c.characterId,
        name: c.name,
        online: c.characterId === 2,
        lastLogin: null,
        lastLogout: null,
      })),
      live: true,
      asOf: T0,
      server: null,
    }),
    accountsList: () => [
      { accountId: 10, name: "Main account", characterIds: [1, 2] },
      { accountId: 20, name: "Alt account", characterIds: [3] },
    ],
    uiPrefsSet: () => null,
  });
  return core;
}

const names = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>("[data-testid=pilots] tbody tr[data-character-id]")].map(
    (tr) => tr.querySelector(".roster-name")?.textContent,
  );

async function table() {
  setTime(T0);
  const core = pilots();
  const root = await mountIn(<Overview />);
  await click(root.querySelector("[data-testid=layout-table]"));
  return { root, core };
}

describe("All pilots", () => {
  it("shows every pilot on one line, and remembers the table", async () => {
    const { root, core } = await table();
    expect(names(root)).toEqual(["Aura Vexx", "Brakk Tollan", "Cora Maelis", "Dax Orrin"]);
    expect(core.argsOf("uiPrefsSet")).toContainEqual(["overview.layout", "table"]);
    const cora = root.querySelector<HTMLElement>("tr[data-character-id='3']")!;
    const cells = [...cora.querySelectorAll("td")].map((td) => td.textContent?.trim());
    expect(cells[1]).toBe("Alt account");
    expect(cells[2]).toBe("Offline");
    expect(cells[3]).toContain("Skill 0 IV");
    expect(cells[5]).toBe("90,000,000");
    expect(cells[6]).toBe("1 · 2");
    const dax = root.querySelector<HTMLElement>("tr[data-character-id='4']")!;
    expect(dax.querySelector(".badge-error")?.textContent).toBe("Not training");
    // Each pilot is one line.
    const heights = [...root.querySelectorAll<HTMLElement>("tbody tr[data-character-id]")].map((tr) => tr.offsetHeight);
    expect(Math.max(...heights)).toBeLessThan(60);
  });

  it("sorts by any column, both ways, unknown values last", async () => {
    const { root } = await table();
    await click(root.querySelector("[data-testid=pilots-sort-sp]"));
    expect(names(root)).toEqual(["Brakk Tollan", "Dax Orrin", "Aura Vexx", "Cora Maelis"]);
    await click(root.querySelector("[data-testid=pilots-sort-sp]"));
    expect(names(root)).toEqual(["Cora Maelis", "Aura Vexx", "Dax Orrin", "Brakk Tollan"]);
    expect(root.querySelector("th[aria-sort=descending]")?.textContent).toBe("Skill points");
    // Dax's empty queue has no end: last, whichever way.
    await click(root.querySelector("[data-testid=pilots-sort-queue]"));
    expect(names(root)).toEqual(["Aura Vexx", "Brakk Tollan", "Cora Maelis", "Dax Orrin"]);
    await click(root.querySelector("[data-testid=pilots-sort-queue]"));
    expect(names(root)).toEqual(["Cora Maelis", "Brakk Tollan", "Aura Vexx", "Dax Orrin"]);
    await click(root.querySelector("[data-testid=pilots-sort-online]"));
    expect(names(root)[0]).toBe("Brakk Tollan");
  });

  it("finds pilots by name, account or skill, and groups them by account", async () => {
    const { root } = await table();
    const search = root.querySelector<HTMLInputElement>("[data-testid=pilots-search]")!;
    await act(async () => {
      search.value = "main";
      search.dispatchEvent(new Event("input"));
    });
    expect(names(root)).toEqual(["Aura Vexx", "Brakk Tollan"]);
    await act(async () => {
      search.value = "cora";
      search.dispatchEvent(new Event("input"));
    });
    expect(names(root)).toEqual(["Cora Maelis"]);
    await act(async () => {
      search.value = "";
      search.dispatchEvent(new Event("input"));
    });
    await click(root.querySelector("[data-testid=pilots-grouped]"));
    const groups = [...root.querySelectorAll<HTMLElement>("[data-testid=pilots] tbody")].map((tb) => [
      tb.querySelector(".group-head")?.textContent,
      [...tb.querySelectorAll(".roster-name")].map((n) => n.textContent),
    ]);
    expect(groups).toEqual([
      ["Alt account", ["Cora Maelis"]],
      ["Main account", ["Aura Vexx", "Brakk Tollan"]],
      ["No account", ["Dax Orrin"]],
    ]);
  });

  it("keeps the order the player drags the pilots into", async () => {
    const { root, core } = await table();
    const row = (id: number) => root.querySelector<HTMLElement>(`tr[data-character-id='${id}']`)!;
    await act(async () => {
      row(4).dispatchEvent(new DragEvent("dragstart", { bubbles: true }));
    });
    await act(async () => {
      row(1).dispatchEvent(new DragEvent("drop", { bubbles: true }));
    });
    expect(names(root)).toEqual(["Dax Orrin", "Aura Vexx", "Brakk Tollan", "Cora Maelis"]);
    expect(core.argsOf("uiPrefsSet")).toContainEqual(["pilots.order", [4, 1, 2, 3]]);
    // A column sort, then back to the player's order: the dragged order returns.
    await click(root.querySelector("[data-testid=pilots-sort-sp]"));
    expect(names(root)).toEqual(["Brakk Tollan", "Dax Orrin", "Aura Vexx", "Cora Maelis"]);
    await click(root.querySelector("[data-testid=pilots-own-order]"));
    expect(names(root)).toEqual(["Dax Orrin", "Aura Vexx", "Brakk Tollan", "Cora Maelis"]);
  });
});
