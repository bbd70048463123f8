import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { IpcError, RosterEntry } from "./bindings";
import { Roster } from "./roster";

function entry(characterId: number, name: string, authState: RosterEntry["authState"]): RosterEntry {
  return { characterId, name, corporationId: 98000001, scopes: [], authState, addedAt: 1_790_000_000_000 };
}

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<Roster />, root);
  });
  // Let the command's promise settle and the view re-render.
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return root;
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Roster", () => {
  it("shows the empty state when no character is linked", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "roster_list") return [];
    });
    const root = await mount();
    expect(calls).toEqual(["roster_list"]);
    expect(root.querySelector("[data-testid=roster-empty] h2")?.textContent).toBe("No characters yet");
  });

  it("lists linked characters with their token health", async () => {
    mockIPC((cmd) => {
      if (cmd === "roster_list") return [entry(1, "Aura Vexx", "ok"), entry(2, "Brakk Tollan", "reauth_required")];
    });
    const root = await mount();
    const items = [...root.querySelectorAll(".roster-item")].map((li) => li.textContent);
    expect(items).toEqual(["Aura VexxLinked", "Brakk TollanSign-in needed"]);
  });

  it("shows the core's error message, not a debug string", async () => {
    const error: IpcError = {
      code: "store.schema_too_new",
      message: "Your data was saved by a newer version of Cynosure (0.9.0). It was left untouched: update Cynosure to open it.",
    };
    mockIPC(() => {
      throw error;
    });
    const root = await mount();
    const alert = root.querySelector<HTMLElement>("[data-testid=roster-error]");
    expect(alert?.dataset.code).toBe("store.schema_too_new");
    expect(alert?.textContent).toContain("update Cynosure to open it");
  });
});
