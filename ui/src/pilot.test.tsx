import "./styles.css";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { page } from "@vitest/browser/context";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";
import type { CharacterSkills, SkillsView } from "./bindings";
import { appInfo, authStatus, barren, DEFAULT_SETTINGS, fresh, H, job, queueOf, rosterEntry, T0 } from "./fixtures";
import { App } from "./app";
import { pilotShown } from "./pilot";
import { session } from "./session";

beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(async () => {
  await cleanup();
  pilotShown.value = null;
});

/** Aura: three skills queued (the first one under way), trained skills in two groups and one newer than the static data. */
function aura(): CharacterSkills {
  // The window's clock runs on this computer's time: the queue is set from it.
  const t = Date.now();
  const queued = queueOf(1, "Aura Vexx", [t + H, t + 5 * H, t + 20 * H]);
  return {
    ...queued,
    attributes: {
      charisma: 17,
      intelligence: 27,
      memory: 21,
      perception: 17,
      willpower: 17,
      bonusRemaps: 1,
      lastRemapAt: t - 200 * 24 * H,
      accruedRemapAt: t + 165 * 24 * H,
    },
    skills: {
      totalSp: 5_250_000,
      unallocatedSp: 12_000,
      skills: [
        { skillId: 3300, name: "Gunnery", group: "Gunnery", skillpoints: 256000, trainedLevel: 5, activeLevel: 5 },
        { skillId: 3301, name: "Small Hybrid Turret", group: "Gunnery", skillpoints: 45255, trainedLevel: 3, activeLevel: 3 },
        { skillId: 3380, name: "Industry", group: "Production", skillpoints: 256000, trainedLevel: 5, activeLevel: 5 },
        { skillId: 99999, name: "Brand New Skill", skillpoints: 250, trainedLevel: 1, activeLevel: 1 },
      ],
    },
  };
}

function core({ planetsOn = false } = {}) {
  const roster = [rosterEntry(1, "Aura Vexx", { accountId: 10 }), rosterEntry(2, "Brakk Tollan")];
  const skills: SkillsView = { characters: [aura(), queueOf(2, "Brakk Tollan", [])], queueWarningHours: 24 };
  return mockCore(
    {
      appInfo: () => appInfo(),
      rosterList: () => roster,
      skillsOnView: () => skills,
      jobsOnView: () => ({
        owners: [
          { ownerKind: "character", ownerId: 1, name: "Aura Vexx", jobs: [job(11, T0 + 2 * H)], sync: fresh },
          { ownerKind: "character", ownerId: 2, name: "Brakk Tollan", jobs: [job(21, T0 + H, { installerId: 2 })], sync: fresh },
          {
            ownerKind: "corporation",
            ownerId: 98700001,
            name: "Brave Industries",
            jobs: [job(31, T0 - 1, { installerId: 1, productName: "Drake" })],
            sync: fresh,
          },
        ],
      }),
      onlineState: () => ({ characters: [], live: true, asOf: T0, server: null }),
      authStatus: () => authStatus(),
      settingsGet: () => DEFAULT_SETTINGS,
      autostartGet: () => false,
      planetsOnView: () =>
        planetsOn
          ? {
              on: true,
              characters: [
                { characterId: 1, name: "Aura Vexx", colonies: [barren()], sync: fresh },
                { characterId: 2, name: "Brakk Tollan", colonies: [], sync: fresh },
              ],
            }
          : { on: false, characters: [] },
      nextView: () => ({ lines: [] }),
      accountsList: () => [{ accountId: 10, name: "Main account", characterIds: [1] }],
      featuresList: () => [],
      uiPrefsSet: () => null,
    },
    { events: true },
  );
}

async function openAura(options: { planetsOn?: boolean } = {}) {
  core(options);
  session.value = { demo: false, generation: 0 };
  setTime(T0);
  const root = await mount(<App />);
  const link = [...root.querySelectorAll<HTMLElement>("[data-testid=pilot-link]")].find((b) => b.textContent === "Aura Vexx");
  await click(link!);
  return root;
}

describe("A pilot's page", () => {
  it("opens from the pilot's name and shows the whole queue on a timeline", async () => {
    const root = await openAura();
    const pilot = root.querySelector<HTMLElement>("[data-testid=pilot-page]")!;
    expect(pilot.dataset.characterId).toBe("1");
    expect(pilot.textContent).toContain("Main account");
    const entries = [...pilot.querySelectorAll<HTMLElement>("[data-testid=pilot-queue] li")];
    expect(entries.map((li) => li.querySelector(".timeline-skill")?.textContent)).toEqual([
      "Skill 0 IV",
      "Skill 1 IV",
      "Skill 2 IV",
    ]);
    // The bars follow one another along the time to the queue's end.
    const bars = entries.map((li) => li.querySelector<HTMLElement>(".timeline-bar")!.getBoundingClientRect());
    expect(bars[0].left).toBeLessThan(bars[1].left);
    expect(bars[1].left).toBeLessThan(bars[2].left);
    // The last skill ends where the queue ends: at the track's end.
    const track = entries[2].querySelector<HTMLElement>(".timeline-track")!.getBoundingClientRect();
    expect(Math.abs(bars[2].right - track.right)).toBeLessThan(2);
    const summary = pilot.querySelector("[data-testid=pilot-queue-summary]")?.textContent;
    expect(summary).toMatch(/3 skills · (20h 00m|19h 59m) of training/);
    expect(summary).toContain("12,000 SP unallocated");
  });

  it("groups trained skills by CCP's skill groups and finds them by name", async () => {
    const root = await openAura();
    const groups = () =>
      [...root.querySelectorAll<HTMLElement>("[data-testid=pilot-skill-groups] details")].map((d) => [
        d.dataset.group,
        [...d.querySelectorAll("li > span:first-child")].map((s) => s.textContent),
      ]);
    expect(groups()).toEqual([
      ["Gunnery", ["Gunnery", "Small Hybrid Turret"]],
      ["Production", ["Industry"]],
      ["Other skills", ["Brand New Skill"]],
    ]);
    const search = root.querySelector<HTMLInputElement>("[data-testid=pilot-skill-search]")!;
    await act(async () => {
      search.value = "hybrid";
      search.dispatchEvent(new Event("input"));
    });
    expect(groups()).toEqual([["Gunnery", ["Small Hybrid Turret"]]]);
    expect(root.querySelector<HTMLDetailsElement>("[data-testid=pilot-skill-groups] details")?.open).toBe(true);
  });

  it("lists the pilot's own jobs and the corporation jobs they installed, and goes back", async () => {
    const root = await openAura();
    const jobs = [...root.querySelectorAll<HTMLElement>("[data-testid=pilot-jobs] li")];
    expect(jobs.map((li) => li.dataset.jobId)).toEqual(["31", "11"]);
    expect(jobs[0].textContent).toContain("for Brave Industries");
    expect(jobs[0].textContent).toContain("Ready to deliver");
    await click(root.querySelector("[data-testid=pilot-back]"));
    expect(root.querySelector("[data-testid=pilot-page]")).toBeNull();
    expect(root.querySelector("[data-testid=overview]")).not.toBeNull();
  });
});

describe("A pilot's colonies", () => {
  it("are on the page when planetary industry is on, the pilot's own only", async () => {
    const root = await openAura({ planetsOn: true });
    const colonies = [...root.querySelectorAll<HTMLElement>("[data-testid=pilot-colonies] > li")];
    expect(colonies.map((c) => c.dataset.planetId)).toEqual(["40023697"]);
    expect(colonies[0].textContent).toContain("Sim-379 III");
    expect(colonies[0].querySelectorAll("tr[data-pin-id]").length).toBe(3);
  });

  it("are not mentioned while planetary industry is off", async () => {
    const root = await openAura();
    expect(root.querySelector("[data-testid=pilot-page]")).not.toBeNull();
    expect(root.querySelector("[data-testid=pilot-colonies]")).toBeNull();
    expect(root.querySelector("[data-testid=pilot-page]")!.textContent).not.toContain("Planetary colonies");
  });
});

describe("The Skills view", () => {
  it("lists each queue entry with its start, finish and SP, and the attributes with the next remap", async () => {
    core();
    session.value = { demo: false, generation: 0 };
    setTime(Date.now());
    const root = await mount(<App />);
    await click(root.querySelector("[data-testid=nav-skills]"));
    const card = root.querySelector<HTMLElement>("[data-testid=skills-board] .card[data-character-id='1']")!;
    expect(card.querySelector("[data-testid=attributes]")?.textContent).toBe(
      "Int 27 · Mem 21 · Per 17 · Wil 17 · Cha 17 · remap in 165 days · 1 bonus remap",
    );
    await click(card.querySelector("details[data-section='skills-queue-1'] summary"));
    const rows = [...card.querySelectorAll<HTMLElement>("[data-testid=queue-entries] tbody tr")];
    expect(rows.map((r) => r.querySelector("td")?.textContent)).toEqual(["Skill 0 IV", "Skill 1 IV", "Skill 2 IV"]);
    // The first trains now; the others start when the one before finishes.
    expect(rows[0].children[1].textContent).toBe("training");
    expect(rows[1].children[1].textContent).not.toBe("training");
    // Brakk, whose attributes were not read yet, has no line.
    const brakk = root.querySelector<HTMLElement>("[data-testid=skills-board] .card[data-character-id='2']")!;
    expect(brakk.querySelector("[data-testid=attributes]")).toBeNull();
  });

  it("asks for the attributes to be refreshed; the Overview does not", async () => {
    const log = core();
    session.value = { demo: false, generation: 0 };
    setTime(T0);
    const root = await mount(<App />);
    const asked = () => log.argsOf("skillsOnView").map((args) => args[0]);
    expect(asked()).toEqual([false]);
    await click(root.querySelector("[data-testid=nav-skills]"));
    expect(asked()).toEqual([false, true]);
  });

  it("grows only the card whose trained skills are opened, not its row", async () => {
    core();
    session.value = { demo: false, generation: 0 };
    setTime(T0);
    const root = await mount(<App />);
    await click(root.querySelector("[data-testid=nav-skills]"));
    const cards = [...root.querySelectorAll<HTMLElement>("[data-testid=skills-board] .card")];
    expect(cards.length).toBe(2);
    const before = cards[1].offsetHeight;
    await click(cards[0].querySelector("details.trained summary, .trained summary"));
    expect(cards[0].offsetHeight).toBeGreaterThan(before);
    expect(cards[1].offsetHeight).toBe(before);
    expect(cards[0].offsetTop).toBe(cards[1].offsetTop);
  });
});
