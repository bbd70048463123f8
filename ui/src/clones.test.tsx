import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import type { CharacterClones, ClonesView } from "./bindings";
import { ClonesBoard } from "./clones";
import { fresh, H, T0 } from "./fixtures";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";

afterEach(cleanup);

function aura(): CharacterClones {
  return {
    characterId: 1,
    name: "Aura Vexx",
    home: { id: 60003760, name: "Jita IV - Moon 4 - Caldari Navy Assembly Plant" },
    jumpClones: [
      {
        jumpCloneId: 7001,
        location: { id: 60008494, name: "Amarr VIII - Emperor Family Academy" },
        implants: [
          { id: 9899, name: "Ocular Filter - Basic" },
          { id: 9941, name: null },
        ],
      },
      { jumpCloneId: 7002, location: { id: 1_035_466_617_946, name: null }, implants: [] },
    ],
    implants: [{ id: 9942, name: "Neural Boost - Basic" }],
    maxJumpClones: 3,
    cooldownHours: 22,
    nextJumpAt: T0 + 2 * H,
    fatigueEndsAt: T0 + 4 * H,
    sync: fresh,
  };
}

describe("ClonesBoard", () => {
  it("says it is off until the feature is on", async () => {
    mockCore({ clonesOnView: () => ({ on: false, characters: [] }) });
    const root = await mount(<ClonesBoard />);
    expect(root.querySelector("[data-testid=clones-off]")).not.toBeNull();
  });

  it("shows the next jump and fatigue counting down, home, implants and each jump clone", async () => {
    const view: ClonesView = { on: true, characters: [aura()] };
    mockCore({ clonesOnView: () => view });
    setTime(T0);
    const root = await mount(<ClonesBoard />);
    const card = root.querySelector<HTMLElement>(".card[data-character-id='1']")!;
    expect(card.querySelector("[data-testid=clone-jump]")?.textContent).toMatch(/^Next clone jump 2h 00m .* · every 22 h$/);
    expect(card.querySelector("[data-testid=jump-fatigue]")?.textContent).toContain("ends in 4h 00m");
    expect(card.querySelector("[data-testid=home]")?.textContent).toBe(
      "Home: Jita IV - Moon 4 - Caldari Navy Assembly Plant",
    );
    expect(card.querySelector("[data-testid=active-implants]")?.textContent).toBe("Active clone: Neural Boost - Basic");
    await click(card.querySelector("details summary"));
    expect(card.querySelector("details summary")?.textContent).toBe("2 of 3 jump clones");
    const clones = [...card.querySelectorAll<HTMLElement>("[data-testid=jump-clones] li")].map((li) => li.textContent);
    expect(clones).toEqual([
      "Amarr VIII - Emperor Family AcademyOcular Filter - Basic, Implant (name pending)",
      "An Upwell structureno implants",
    ]);

    // The moment passes on the clock: available, fatigue gone, with no new read.
    await act(() => {
      setTime(T0 + 5 * H);
    });
    expect(card.querySelector("[data-testid=clone-jump]")?.textContent).toBe("Clone jump available · every 22 h");
    expect(card.querySelector("[data-testid=jump-fatigue]")).toBeNull();
  });
});
