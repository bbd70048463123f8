import "./styles.css";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act } from "preact/test-utils";
import { App } from "./app";
import { events, type FirstPaint } from "./bindings";
import { afterStartupPaint, loadStartup } from "./first";
import { appInfo, fresh, H, job, queueOf, rosterEntry, T0 } from "./fixtures";
import { session } from "./session";
import { cleanup, mockCore, mount, settle } from "./test-utils";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const PILOTS = [rosterEntry(1, "Aura Vexx"), rosterEntry(2, "Brakk Tollan")];

const FIRST: FirstPaint = {
  stored: 41,
  roster: PILOTS,
  accounts: [],
  skills: { characters: PILOTS.map((c) => queueOf(c.characterId, c.name, [T0 + 2 * H])), queueWarningHours: 24 },
  jobs: {
    owners: PILOTS.map((c) => ({
      ownerKind: "character" as const,
      ownerId: c.characterId,
      name: c.name,
      jobs: [job(c.characterId * 10, T0 + H)],
      sync: fresh,
    })),
  },
  slots: { characters: [] },
  online: { characters: [], live: true, asOf: T0, server: null },
  next: { lines: [] },
  appInfo: appInfo(),
};

/** What the Overview would otherwise ask for, one call each, before it can paint. */
const FIRST_READS = [
  "rosterList",
  "accountsList",
  "skillsOnView",
  "jobsOnView",
  "slotsRead",
  "onlineState",
  "nextView",
  "appInfo",
] as const;

const never = () => new Promise<never>(() => undefined);

/** Lets the page listen: it does once its first boards are painted. */
async function painted() {
  await act(async () => {
    await afterStartupPaint();
  });
  await settle();
}

describe("the first paint", () => {
  it("comes from one start-up answer: painted while every own read hangs, each re-read once on listening", async () => {
    const log = mockCore(
      {
        startup: () => ({ prefs: { view: "overview" }, first: FIRST }),
        // Something was stored behind the answer before the window listened.
        startupOutdated: (stored) => stored !== 42,
        rosterList: never,
        accountsList: never,
        skillsOnView: never,
        jobsOnView: never,
        slotsRead: never,
        onlineState: never,
        nextView: never,
        appInfo: never,
      },
      { events: true },
    );
    await loadStartup();
    session.value = { demo: false, generation: 0 };
    const root = await mount(<App />);
    await painted();
    const cards = [...root.querySelectorAll<HTMLElement>(".overview-card")];
    expect(cards).toHaveLength(2);
    expect(root.textContent).toContain("Brakk Tollan");
    expect(cards.map((c) => c.dataset.queueState)).not.toContain("unknown");
    expect(log.count("startup")).toBe(1);
    // Once listening, the boards on screen are read once more (the refreshes behind the
    // answer ran before the page could hear of their changes); no read is made twice.
    for (const read of FIRST_READS) expect(log.count(read), read).toBeLessThanOrEqual(1);
    expect(log.count("jobsOnView")).toBe(1);
    expect(log.argsOf("startupOutdated")).toEqual([[41]]);

    await act(async () => {
      await events.boardUpdated.emit({ slice: "character_jobs", ownerKind: "character", ownerId: 1 });
    });
    await settle();
    expect(log.count("jobsOnView")).toBe(2);
  });

  it("is not read again on listening when nothing was stored since the answer", async () => {
    const reads = Object.fromEntries(FIRST_READS.map((r) => [r, never]));
    const log = mockCore(
      { ...reads, startup: () => ({ prefs: { view: "overview" }, first: FIRST }), startupOutdated: () => false },
      { events: true },
    );
    await loadStartup();
    session.value = { demo: false, generation: 0 };
    const root = await mount(<App />);
    await painted();
    expect(root.querySelectorAll(".overview-card")).toHaveLength(2);
    expect(log.count("startupOutdated")).toBe(1);
    for (const read of ["skillsOnView", "jobsOnView", "slotsRead", "nextView"] as const) {
      expect(log.count(read), read).toBe(0);
    }

    // News still brings a board's read.
    await act(async () => {
      await events.boardUpdated.emit({ slice: "character_jobs", ownerKind: "character", ownerId: 1 });
    });
    await settle();
    expect(log.count("jobsOnView")).toBe(1);
  });

  it("is read view by view when the core could not answer it", async () => {
    const log = mockCore({ startup: () => ({ prefs: {}, first: null }), rosterList: () => PILOTS }, { events: true });
    await loadStartup();
    session.value = { demo: false, generation: 0 };
    await mount(<App />);
    for (const read of ["rosterList", "skillsOnView", "jobsOnView", "slotsRead"] as const) {
      expect(log.count(read), read).toBe(1);
    }
  });
});
