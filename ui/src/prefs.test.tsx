import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { App } from "./app";
import type { JobsView, SkillsView } from "./bindings";
import { appInfo, authStatus, DEFAULT_SETTINGS, fresh, H, job, queueOf, T0 } from "./fixtures";
import { IndustryBoard } from "./industry";
import { loadStartup } from "./first";
import { prefs } from "./prefs";
import { SkillsBoard } from "./skills";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";

afterEach(cleanup);

const JOBS: JobsView = {
  owners: [
    {
      ownerKind: "character",
      ownerId: 1,
      name: "Aura Vexx",
      jobs: [
        job(11, T0 + H, { productName: "Rifter" }),
        job(12, T0 + 2 * H, { productName: "Atron" }),
        job(13, T0 + 3 * H, { productName: "Merlin" }),
      ],
      sync: fresh,
    },
  ],
};

const ids = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("tbody tr")].map((r) => r.dataset.jobId);
const headers = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("thead th")].map((th) => th.dataset.column);

/** The start-up answer with these preferences and nothing read for the first view. */
const startupWith = (stored: Record<string, unknown>) => ({ prefs: stored as never, first: null });

describe("the window's preferences", () => {
  it("are read once and shape the Industry board: sort, filter and columns as they were left", async () => {
    const core = mockCore({
      startup: () => startupWith({
        "industry.sort": { column: "product", descending: false },
        "industry.hidden": ["location"],
        "industry.filter": "active",
      }),
      jobsOnView: () => JOBS,
    });
    await loadStartup();
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    expect(ids(root)).toEqual(["12", "13", "11"]); // Atron, Merlin, Rifter
    expect(headers(root)).toEqual(["ends", "activity", "product", "owner"]);
    expect(root.querySelector("[data-testid=filter-active]")?.getAttribute("aria-pressed")).toBe("true");
    expect(root.querySelector("th[data-column=product]")?.getAttribute("aria-sort")).toBe("ascending");
    expect(core.commands).toEqual(["startup", "jobsOnView", "slotsRead"]);
  });

  it("are kept as the player changes them", async () => {
    const core = mockCore({ startup: () => startupWith({}), uiPrefsSet: () => null, jobsOnView: () => JOBS });
    await loadStartup();
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    expect(ids(root)).toEqual(["11", "12", "13"]); // by end, the default

    await click(root.querySelector("[data-testid=sort-product]"));
    expect(ids(root)).toEqual(["12", "13", "11"]);
    await click(root.querySelector("[data-testid=sort-product]"));
    expect(ids(root)).toEqual(["11", "13", "12"]);
    expect(root.querySelector("th[data-column=product]")?.getAttribute("aria-sort")).toBe("descending");

    await click(root.querySelector("[data-testid=column-owner]"));
    expect(headers(root)).toEqual(["ends", "activity", "product", "location"]);
    await click(root.querySelector("[data-testid=filter-ready]"));

    expect(core.argsOf("uiPrefsSet")).toEqual([
      ["industry.sort", { column: "product", descending: false }],
      ["industry.sort", { column: "product", descending: true }],
      ["industry.hidden", ["owner"]],
      ["industry.filter", "ready"],
    ]);
  });

  it("keep the view the window was left on, and a folded section open", async () => {
    const skills: SkillsView = {
      characters: [
        {
          ...queueOf(1, "Aura Vexx", [T0 + H]),
          skills: {
            totalSp: 1000,
            unallocatedSp: 0,
            skills: [{ skillId: 3300, name: "Gunnery", skillpoints: 1000, trainedLevel: 2, activeLevel: 2 }],
          },
        },
      ],
      queueWarningHours: 24,
    };
    const core = mockCore({
      startup: () => startupWith({ view: "skills", sections: { "skills-trained-1": true } }),
      uiPrefsSet: () => null,
      skillsOnView: () => skills,
      rosterList: () => [],
      appInfo: () => appInfo(),
      authStatus: () => authStatus(),
      settingsGet: () => DEFAULT_SETTINGS,
      onlineState: () => ({ characters: [], live: true, asOf: T0, server: null }),
      jobsOnView: () => ({ owners: [] }),
    });
    await loadStartup();
    setTime(T0);
    const root = await mount(<App />);
    expect(root.querySelector("[data-testid=nav-skills]")?.getAttribute("aria-current")).toBe("page");
    const trained = root.querySelector<HTMLDetailsElement>("[data-section=skills-trained-1]")!;
    expect(trained.open).toBe(true);

    // Folding it away is kept too.
    await click(trained.querySelector("summary"));
    expect(trained.open).toBe(false);
    await click(root.querySelector("[data-testid=nav-industry]"));
    expect(core.argsOf("uiPrefsSet")).toEqual([
      ["sections", { "skills-trained-1": false }],
      ["view", "industry"],
    ]);
  });

  it("keep the zoom: Ctrl+= and Ctrl+- step by 20 %, Ctrl+0 resets", async () => {
    const core = mockCore({
      startup: () => startupWith({}),
      uiPrefsSet: () => null,
      rosterList: () => [],
      skillsOnView: () => ({ characters: [], queueWarningHours: 24 }),
      jobsOnView: () => ({ owners: [] }),
      onlineState: () => ({ characters: [], live: true, asOf: T0, server: null }),
    });
    await loadStartup();
    await mount(<App />);
    const key = (k: string) =>
      act(() => {
        window.dispatchEvent(new KeyboardEvent("keydown", { key: k, ctrlKey: true }));
      });
    await key("=");
    await key("=");
    await key("-");
    await key("0");
    expect(core.argsOf("uiPrefsSet").filter(([k]) => k === "zoom")).toEqual([
      ["zoom", 120],
      ["zoom", 140],
      ["zoom", 120],
      ["zoom", 100],
    ]);
    expect(prefs.value.zoom).toBe(100);
  });
});

describe("a skill list folded by default", () => {
  it("opens and folds as the player clicks", async () => {
    const view: SkillsView = {
      characters: [
        {
          ...queueOf(1, "Aura Vexx", [T0 + H]),
          skills: { totalSp: 1, unallocatedSp: 0, skills: [{ skillId: 1, name: "A", skillpoints: 1, trainedLevel: 1, activeLevel: 1 }] },
        },
      ],
      queueWarningHours: 24,
    };
    const core = mockCore({ skillsOnView: () => view, uiPrefsSet: () => null });
    setTime(T0);
    const root = await mount(<SkillsBoard />);
    const trained = root.querySelector<HTMLDetailsElement>("[data-section=skills-trained-1]")!;
    expect(trained.open).toBe(false);
    await click(trained.querySelector("summary"));
    expect(trained.open).toBe(true);
    expect(core.argsOf("uiPrefsSet")).toEqual([["sections", { "skills-trained-1": true }]]);
  });
});
