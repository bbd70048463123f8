import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { cleanup, mockCore, mount as mountIn, setTime } from "./test-utils";
import type { JobsView, OnlineState, SkillsView } from "./bindings";
import { authStatus, fresh, H, job, queueOf as skills, rosterEntry as entry, T0 } from "./fixtures";
import { online } from "./live";
import { Overview } from "./overview";

afterEach(async () => {
  await cleanup();
  online.value = {};
});

const mount = () => mountIn(<Overview />);

describe("Overview", () => {
  it("sums up every character and shows each as a card", async () => {
    const roster = [entry(1, "Aura Vexx"), entry(2, "Brakk Tollan")];
    const skillsView: SkillsView = {
      characters: [skills(1, "Aura Vexx", [T0 + H, T0 + 30 * H]), skills(2, "Brakk Tollan", [T0 - H])],
      queueWarningHours: 24,
    };
    const jobsView: JobsView = {
      owners: [
        { ownerKind: "character", ownerId: 1, name: "Aura Vexx", jobs: [job(11, T0 - 1), job(12, T0 + H)], sync: fresh },
        { ownerKind: "character", ownerId: 2, name: "Brakk Tollan", jobs: [], sync: fresh },
        { ownerKind: "corporation", ownerId: 98700001, name: "Brave Industries", jobs: [job(13, T0 - H)], sync: fresh },
      ],
    };
    const onlineState: OnlineState = {
      characters: [
        { characterId: 1, name: "Aura Vexx", online: true, lastLogin: null, lastLogout: null },
        { characterId: 2, name: "Brakk Tollan", online: false, lastLogin: null, lastLogout: null },
      ],
      live: true,
      asOf: T0,
      server: null,
    };
    mockCore({
      rosterList: () => roster,
      skillsOnView: () => skillsView,
      jobsOnView: () => jobsView,
      onlineState: () => onlineState,
    });
    setTime(T0);
    const root = await mount();

    const summary = root.querySelector("[data-testid=overview-summary]")!;
    expect([...summary.querySelectorAll("span")].map((s) => s.textContent)).toEqual([
      "1 of 2 online",
      "2 jobs ready (1 corporation)",
      "1 not training",
    ]);
    const card = (id: number) => root.querySelector<HTMLElement>(`.overview-card[data-character-id='${id}']`)!;
    expect(card(1).querySelector(".roster-name")?.textContent).toBe("Aura Vexx");
    expect(card(1).querySelector(".roster-corp")?.textContent).toBe("Brave Industries");
    expect(card(1).querySelector(".dot")?.getAttribute("data-online")).toBe("online");
    expect(card(1).querySelector("[data-testid=training]")?.textContent).toContain("Skill 0");
    expect(card(1).querySelector("[data-testid=overview-jobs]")?.textContent).toBe("1 active · 1 ready");
    expect(card(1).querySelector("[data-testid=overview-queue]")?.textContent).toContain("(1d 06h)");
    expect(card(2).dataset.queueState).toBe("empty");
    expect(card(2).querySelector("[data-testid=overview-queue]")?.textContent).toBe("Not training");
    expect(card(2).querySelector("[data-testid=overview-queue] .badge-error")).not.toBeNull();
    expect(card(2).querySelector("[data-testid=overview-jobs]")?.textContent).toBe("0 active · 0 ready");

    // Time moves: Aura's second job becomes ready on screen, with no call.
    await act(async () => {
      setTime(T0 + H);
    });
    expect(card(1).querySelector("[data-testid=overview-jobs]")?.textContent).toBe("0 active · 2 ready");
    expect(summary.textContent).toContain("3 jobs ready");
  });

  it("welcomes a first run with the way to sign in", async () => {
    mockCore({
      rosterList: () => [],
      skillsOnView: () => ({ characters: [], queueWarningHours: 24 }),
      jobsOnView: () => ({ owners: [] }),
      authStatus: () => authStatus("keychain", { scopes: [] }),
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=overview-empty] h2")?.textContent).toBe("Welcome to Cynosure");
    expect(root.querySelector("[data-testid=add-character]")?.textContent).toBe("Sign in with EVE Online");
  });

  it("says plainly when the characters cannot be read", async () => {
    mockCore({
      rosterList: () => {
        throw { code: "store.not_cynosure", message: "That file is not a Cynosure database." };
      },
      skillsOnView: () => ({ characters: [], queueWarningHours: 24 }),
      jobsOnView: () => ({ owners: [] }),
    });
    const root = await mount();
    const error = root.querySelector<HTMLElement>("[data-testid=overview-error]")!;
    expect(error.dataset.code).toBe("store.not_cynosure");
    expect(error.textContent).toContain("That file is not a Cynosure database.");
  });
});
