import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import type { FeatureState, PlanetsView } from "./bindings";
import { FeaturesSection } from "./features";
import { barren, fresh, T0 } from "./fixtures";
import { PlanetsBoard } from "./planets";
import { cleanup, click, mockCore, mount, setTime } from "./test-utils";

afterEach(cleanup);

const M = 60_000;

describe("PlanetsBoard", () => {
  it("says the feature is off, with where to turn it on", async () => {
    mockCore({ planetsOnView: () => ({ on: false, characters: [] }) });
    const root = await mount(<PlanetsBoard />);
    expect(root.querySelector("[data-testid=planets-off]")?.textContent).toContain("Settings → Features");
  });

  it("counts each extractor down, flags the stopped one and names the idle one", async () => {
    const view: PlanetsView = {
      on: true,
      characters: [{ characterId: 1, name: "Aura Vexx", colonies: [barren()], sync: fresh }],
    };
    mockCore({ planetsOnView: () => view });
    setTime(T0);
    const root = await mount(<PlanetsBoard />);
    const colony = root.querySelector<HTMLElement>("[data-planet-id='40023697']")!;
    expect(colony.textContent).toContain("Sim-379 III");
    expect(colony.textContent).toContain("Barren · level 4");
    expect(colony.dataset.stopped).toBe("true");
    const row = (pin: number) => colony.querySelector<HTMLElement>(`tr[data-pin-id='${pin}']`)!;
    expect(row(1).querySelector(".countdown")?.textContent).toBe("45m");
    expect(row(2).textContent).toContain("Stopped");
    expect(row(3).textContent).toContain("No program");
    expect(row(3).textContent).toContain("Idle");
    expect(root.textContent).toContain("as of your last change in game");

    await act(async () => {
      setTime(T0 + 45 * M);
    });
    expect(row(1).dataset.stopped).toBe("true");
  });
});

describe("Settings → Features", () => {
  const planets = (on: boolean, lacking: FeatureState["lacking"]): FeatureState => ({
    feature: "planets",
    name: "Planetary industry",
    about: "Your colonies.",
    scopes: ["esi-planets.manage_planets.v1"],
    on,
    lacking,
  });

  it("turns a feature on and walks through re-authorising who lacks it, account by account", async () => {
    const lacking = [
      { characterId: 1, name: "Aura Vexx", accountId: 7 },
      { characterId: 2, name: "Cora Maelis", accountId: 7 },
      { characterId: 3, name: "Brakk Tollan", accountId: null },
    ];
    let state = planets(false, lacking);
    const core = mockCore({
      featuresList: () => [state],
      featureSet: (_feature, on) => (state = planets(on, lacking)),
      authLogin: () => ({
        character: { characterId: 1, name: "x", corporationId: 1, corporationName: null, portraitUrl: "", scopes: [], missingScopes: [], authState: "ok", tokenHealth: "ok", addedAt: T0, accountId: null },
        relinked: true,
        transferred: false,
      }),
    });
    const root = await mount(<FeaturesSection />);
    await click(root.querySelector("[data-testid=feature-planets]"));
    expect(core.argsOf("featureSet")).toEqual([["planets", true]]);
    expect(root.querySelector("[data-testid=reauthorise-start]")?.textContent).toBe("Re-authorise 3 characters");

    await click(root.querySelector("[data-testid=reauthorise-start]"));
    const step = () => root.querySelector("[data-testid=reauthorise-step]")?.textContent ?? "";
    expect(step()).toContain("2 of 3: sign in as Cora Maelis");
    expect(step()).not.toContain("another account");
    await click(root.querySelector("[data-testid=reauthorise-next]"));
    expect(step()).toContain("3 of 3: sign in as Brakk Tollan");
    expect(step()).toContain("sign out of EVE in the browser first");
    expect(core.count("authLogin")).toBe(2);
  });
});
