import "./styles.css";
import { now } from "./time";
import { pilotShown } from "./pilot";
import { prefs } from "./prefs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act } from "preact/test-utils";
import { App } from "./app";
import { events, type RosterEntry } from "./bindings";
import { appInfo, authStatus, DEFAULT_SETTINGS, fresh, H, job, queueOf, rosterEntry, T0 } from "./fixtures";
import { session } from "./session";
import { cleanup, click as clickOn, mockCore, mount as mountIn, settle } from "./test-utils";

// The app runs the one UI clock: pin the wall clock it reads (timers stay real).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
  pilotShown.value = null;
  prefs.value = {};
});

const PILOTS: RosterEntry[] = [rosterEntry(1, "Aura Vexx"), rosterEntry(2, "Brakk Tollan"), rosterEntry(3, "Cora Maelis")];

/** A core with the player's own data (`home`), or the demo's once `demo_enter` ran. */
function core(home: RosterEntry[]) {
  let demo = false;
  const roster = () => (demo ? PILOTS : home);
  const log = mockCore(
    {
      appInfo: () => appInfo({ demo }),
      rosterList: () => roster(),
      skillsOnView: () => ({ characters: roster().map((c) => queueOf(c.characterId, c.name, [T0 + 2 * H])), queueWarningHours: 24 }),
      jobsOnView: () => ({
        owners: roster().map((c) => ({
          ownerKind: "character" as const,
          ownerId: c.characterId,
          name: c.name,
          jobs: [job(c.characterId * 10, T0 - 1)],
          sync: fresh,
        })),
      }),
      onlineState: () => ({
        characters: [],
        live: true,
        asOf: T0,
        server: { players: 23456, startedAt: T0 - 10 * H, vip: false, asOf: T0 },
      }),
      authStatus: () => authStatus(),
      settingsGet: () => DEFAULT_SETTINGS,
      autostartGet: () => false,
      planetsOnView: () => ({ on: false, characters: [] }),
      clonesOnView: () => ({ on: false, characters: [] }),
      ordersOnView: () => ({ on: false, characters: [] }),
      contractsOnView: () => ({ on: false, characters: [] }),
      nextView: () => ({ lines: [] }),
      accountsList: () => [],
      featuresList: () => [],
      demoEnter: () => {
        demo = true;
        return null;
      },
      demoLeave: () => {
        demo = false;
        return null;
      },
    },
    { events: true },
  );
  return {
    /** The demo's commands called, in order. */
    demoCalls: () => log.commands.filter((c) => c === "demoEnter" || c === "demoLeave"),
    setDemo: (on: boolean) => {
      demo = on;
    },
  };
}

async function mount(): Promise<HTMLElement> {
  session.value = { demo: false, generation: 0 };
  return mountIn(<App />);
}

const click = (root: HTMLElement, testId: string) => clickOn(root.querySelector(`[data-testid=${testId}]`));

const current = (root: HTMLElement) => root.querySelector("[aria-current=page]")?.textContent;

describe("App", () => {
  it("behaves as a desktop app: no browser context menu outside text fields, a header that stays", async () => {
    core([]);
    const root = await mount();
    const menu = (target: Element) => {
      const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(menu(root.querySelector("h1")!)).toBe(true);
    const field = document.createElement("input");
    root.appendChild(field);
    expect(menu(field)).toBe(false);
    expect(getComputedStyle(root.querySelector(".app-header")!).position).toBe("sticky");
    // Tranquility's status beside it, as the core last read it.
    await settle();
    expect(root.querySelector("[data-testid=server-status]")?.textContent).toBe("TQ 23,456");
    // The game's clock in the header: UTC, 24-hour, on the servers' time.
    const clock = root.querySelector("[data-testid=eve-clock]")?.textContent ?? "";
    expect(clock).toMatch(/^EVE \d\d:\d\d$/);
    const utc = new Date(now.value);
    expect(clock).toBe(`EVE ${String(utc.getUTCHours()).padStart(2, "0")}:${String(utc.getUTCMinutes()).padStart(2, "0")}`);
  });

  it("opens the filtered board from a count on the Overview", async () => {
    core(PILOTS);
    const root = await mount();
    await clickOn(root.querySelector("[data-testid=summary-ready] button"));
    expect(current(root)).toBe("Industry");
    expect(root.querySelector("[data-testid=filter-ready]")?.getAttribute("aria-pressed")).toBe("true");
    expect(root.querySelectorAll("[data-testid=industry-board] tbody tr").length).toBe(3);
    await click(root, "nav-overview");
    await clickOn(root.querySelector("[data-testid=summary-not-training] button"));
    expect(current(root)).toBe("Skills");
  });

  it("follows the tray: N jobs ready opens Industry on them, a pilot opens their page", async () => {
    core(PILOTS);
    const root = await mount();
    await act(async () => {
      await events.openView.emit({ view: "industry", readyOnly: true });
    });
    await settle();
    expect(current(root)).toBe("Industry");
    expect(root.querySelector("[data-testid=filter-ready]")?.getAttribute("aria-pressed")).toBe("true");
    await act(async () => {
      await events.openPilot.emit({ characterId: 2 });
    });
    await settle();
    expect(root.querySelector<HTMLElement>("[data-testid=pilot-page]")?.dataset.characterId).toBe("2");
  });

  it("lands where a window opened by the tray or a notification was asked to, once", async () => {
    core(PILOTS);
    history.replaceState(null, "", "/index.html#view=industry&ready");
    let root = await mount();
    expect(current(root)).toBe("Industry");
    expect(root.querySelector("[data-testid=filter-ready]")?.getAttribute("aria-pressed")).toBe("true");
    // Read once: a reload stays where the player is.
    expect(window.location.hash).toBe("");
    await cleanup();

    history.replaceState(null, "", "/index.html#pilot=3");
    root = await mount();
    await settle();
    expect(root.querySelector<HTMLElement>("[data-testid=pilot-page]")?.dataset.characterId).toBe("3");
    await cleanup();
    pilotShown.value = null;

    // An address it does not know: the view the player left.
    prefs.value = { view: "skills" };
    history.replaceState(null, "", "/index.html#view=nowhere");
    root = await mount();
    expect(current(root)).toBe("Skills");
  });

  it("reaches every view by click and by Alt+1…8, with the current one marked, none animating forever", async () => {
    core(PILOTS);
    const root = await mount();
    expect(current(root)).toBe("Overview");
    expect(root.querySelectorAll(".overview-card")).toHaveLength(3);

    await click(root, "nav-skills");
    expect(current(root)).toBe("Skills");
    expect(root.querySelector("[data-testid=skills-board]")?.textContent).toContain("Skill 0");

    for (const [key, view, content] of [
      ["2", "Next", "[data-testid=next-empty]"],
      ["4", "Industry", "[data-testid=industry-board]"],
      ["5", "Planets", "[data-testid=planets-off]"],
      ["6", "Clones", "[data-testid=clones-off]"],
      ["7", "Trade", "[data-testid=contracts-off]"],
      ["8", "Characters", "[data-testid=roster-list]"],
      ["9", "Settings", "[data-testid=settings]"],
      ["1", "Overview", "[data-testid=overview]"],
    ] as const) {
      await act(async () => {
        window.dispatchEvent(new KeyboardEvent("keydown", { key, altKey: true }));
      });
      await settle();
      expect(current(root)).toBe(view);
      expect(root.querySelector(content)).not.toBeNull();
      // Nothing on a view animates forever (an idle window costs nothing to draw).
      const endless = document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations === Infinity)
        .map((a) => (a as CSSAnimation).animationName);
      expect(endless, view).toEqual([]);
    }
    expect(root.querySelector("[data-testid=demo-badge]")).toBeNull();
  });

  it("explores the demo from the welcome screen, marks every view DEMO, and leaves it", async () => {
    const fake = core([]);
    const root = await mount();
    expect(root.querySelector("[data-testid=overview-empty]")).not.toBeNull();

    await click(root, "explore-demo");
    expect(fake.demoCalls()).toEqual(["demoEnter"]);
    expect(root.querySelectorAll(".overview-card")).toHaveLength(3);
    for (const view of ["overview", "skills", "industry", "characters", "settings"]) {
      await click(root, `nav-${view}`);
      expect(root.querySelector("[data-testid=demo-badge]")?.textContent).toContain("Demo");
    }
    // Settings: no EVE application to set up in the demo.
    expect(root.querySelector("[data-testid=demo-application]")).not.toBeNull();
    expect(root.textContent).not.toContain("Client id");

    await click(root, "leave-demo");
    expect(fake.demoCalls()).toEqual(["demoEnter", "demoLeave"]);
    expect(root.querySelector("[data-testid=demo-badge]")).toBeNull();
    expect(current(root)).toBe("Overview");
    expect(root.querySelector("[data-testid=overview-empty]")).not.toBeNull();
  });

  it("reloads the views when the core switches on its own (a second launch with --demo)", async () => {
    const fake = core([]);
    const root = await mount();
    expect(root.querySelector("[data-testid=overview-empty]")).not.toBeNull();

    fake.setDemo(true);
    await act(async () => {
      await events.sessionChanged.emit({ demo: true });
    });
    await settle();
    expect(root.querySelector("[data-testid=demo-badge]")).not.toBeNull();
    expect(root.querySelectorAll(".overview-card")).toHaveLength(3);
  });

  it("shows why the demo could not start, and stays on the welcome screen", async () => {
    core([]);
    mockCore({
      appInfo: () => appInfo(),
      rosterList: () => [],
      authStatus: () => authStatus(),
      demoEnter: () => {
        throw { code: "demo.simulator", message: "The demo could not start its simulated EVE servers: address in use." };
      },
    });
    const root = await mount();
    await click(root, "explore-demo");
    const error = root.querySelector<HTMLElement>("[data-testid=demo-error]")!;
    expect(error.dataset.code).toBe("demo.simulator");
    expect(error.textContent).toContain("could not start its simulated EVE servers");
    expect(root.querySelector("[data-testid=explore-demo]")?.textContent).toBe("Explore the demo");
  });
});
