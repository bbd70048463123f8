import "./styles.css";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { page } from "@vitest/browser/context";
import { act } from "preact/test-utils";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";
import type { CharacterSlots, JobsView, SkillsView, SlotsView } from "./bindings";
import { fresh, H, job, queueOf, rosterEntry, T0 } from "./fixtures";
import { IndustryBoard } from "./industry";
import { online } from "./live";
import { Overview } from "./overview";
import { prefs } from "./prefs";

beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(async () => {
  await cleanup();
  online.value = {};
  prefs.value = {};
});

/**
 * Aura: five manufacturing slots, three held (one by a job that ends in an hour), three
 * science slots all free; Brakk: the one slot of each kind everyone has, unused; Cora:
 * one manufacturing slot, held.
 */
function slots(): SlotsView {
  const unused = (kind: "manufacturing" | "science" | "reactions") => ({ kind, total: 1, busyUntil: [], paused: 0 });
  const aura: CharacterSlots = {
    characterId: 1,
    slots: [
      { kind: "manufacturing", total: 5, busyUntil: [T0 + H, T0 + 5 * H, T0 + 9 * H], paused: 0 },
      { kind: "science", total: 3, busyUntil: [], paused: 0 },
      unused("reactions"),
    ],
    corporationJobsUnseen: false,
  };
  const brakk: CharacterSlots = {
    characterId: 2,
    slots: [unused("manufacturing"), unused("science"), unused("reactions")],
    corporationJobsUnseen: false,
  };
  const cora: CharacterSlots = {
    characterId: 3,
    slots: [{ kind: "manufacturing", total: 1, busyUntil: [T0 + 2 * H], paused: 0 }, unused("science"), unused("reactions")],
    corporationJobsUnseen: true,
  };
  return { characters: [aura, brakk, cora] };
}

function core() {
  const roster = [rosterEntry(1, "Aura Vexx"), rosterEntry(2, "Brakk Tollan"), rosterEntry(3, "Cora Maelis")];
  const skills: SkillsView = {
    characters: roster.map((c) => queueOf(c.characterId, c.name, [T0 + 10 * H])),
    queueWarningHours: 24,
  };
  const jobs: JobsView = {
    owners: roster.map((c) => ({
      ownerKind: "character" as const,
      ownerId: c.characterId,
      name: c.name,
      jobs: c.characterId === 1 ? [job(11, T0 + H)] : [],
      sync: fresh,
    })),
  };
  return mockCore({
    rosterList: () => roster,
    skillsOnView: () => skills,
    jobsOnView: () => jobs,
    slotsRead: () => slots(),
    onlineState: () => ({ characters: [], live: true, asOf: T0, server: null }),
    accountsList: () => [],
    uiPrefsSet: () => null,
  });
}

const card = (root: HTMLElement, id: number) => root.querySelector<HTMLElement>(`.overview-card[data-character-id='${id}']`)!;

describe("Free industry slots", () => {
  it("are on each card of a pilot who has slots to spare, and count up when a job ends", async () => {
    core();
    setTime(T0);
    const root = await mount(<Overview />);
    const aura = card(root, 1).querySelector<HTMLElement>("[data-testid=free-slots]")!;
    expect(aura.textContent).toBe("2 manufacturing · 3 science slots free");
    expect(aura.title).toContain("Manufacturing: 3 of 5 in use");
    // A pilot using none beyond the one of each kind everyone has: nothing to say.
    expect(card(root, 2).querySelector("[data-testid=free-slots]")).toBeNull();
    const cora = card(root, 3).querySelector<HTMLElement>("[data-testid=free-slots]")!;
    expect(cora.textContent).toBe("All slots busy");
    expect(cora.title).toContain("not counted");

    // The job ends: its slot is free on the clock, no new read. Ended but not delivered,
    // it still holds its slot in game, which the tooltip says.
    await act(() => {
      setTime(T0 + H);
    });
    expect(aura.textContent).toBe("3 manufacturing · 3 science slots free");
    expect(aura.title).toContain("(1 ready to deliver)");
  });

  it("are a column of All pilots, sortable", async () => {
    core();
    setTime(T0);
    prefs.value = { "overview.layout": "table" };
    const root = await mount(<Overview />);
    await click(root.querySelector("[data-testid=pilots-sort-slots]"));
    const order = () =>
      [...root.querySelectorAll<HTMLElement>(".pilots-table tbody tr[data-character-id]")].map((r) => r.dataset.characterId);
    // Cora 0 free, Aura 5; Brakk, who uses no slot, has none shown and sorts with the unknowns.
    expect(order()).toEqual(["3", "1", "2"]);
    await click(root.querySelector("[data-testid=pilots-sort-slots]"));
    expect(order()).toEqual(["1", "3", "2"]);
    const row = root.querySelector<HTMLElement>(".pilots-table tr[data-character-id='1'] td[data-column=slots]")!;
    expect(row.textContent).toBe("2 manufacturing · 3 science slots free");
  });

  it("head the Industry view, for the character filtered to", async () => {
    core();
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    const line = () =>
      [...root.querySelectorAll<HTMLElement>("[data-testid=industry-slots] li")].map((li) => li.textContent);
    expect(line()).toEqual(["Aura Vexx: 2 manufacturing · 3 science slots free", "Cora Maelis: All slots busy"]);
    const who = root.querySelector<HTMLSelectElement>("[data-testid=industry-who]")!;
    await act(() => {
      who.value = "3";
      who.dispatchEvent(new Event("change"));
    });
    expect(line()).toEqual(["Cora Maelis: All slots busy"]);
  });
});
