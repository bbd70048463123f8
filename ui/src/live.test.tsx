import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { settle } from "./test-utils";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { OnlineState } from "./bindings";
import { OnlineDot } from "./dot";
import { startLive } from "./live";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("online dots", () => {
  it("start from the stored state and follow online-changed", async () => {
    const state: OnlineState = {
      characters: [
        { characterId: 1, name: "Aura Vexx", online: false, lastLogin: null, lastLogout: null },
        { characterId: 2, name: "Brakk Tollan", online: null, lastLogin: null, lastLogout: null },
      ],
      live: true,
      asOf: 1,
    };
    mockIPC(
      (cmd) => {
        if (cmd === "online_state") return state;
      },
      { shouldMockEvents: true },
    );
    const root = document.createElement("div");
    document.body.append(root);
    startLive();
    await act(async () => {
      render(
        <>
          <OnlineDot characterId={1} />
          <OnlineDot characterId={2} />
        </>,
        root,
      );
    });
    await settle();
    const dots = () => [...root.querySelectorAll<HTMLElement>(".dot")].map((d) => d.dataset.online);
    expect(dots()).toEqual(["offline", "unknown"]);

    await act(async () => {
      await emit("online-changed", { changes: [{ characterId: 1, online: true }] });
    });
    await settle();
    expect(dots()).toEqual(["online", "unknown"]);
  });
});
