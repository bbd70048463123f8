import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { settle } from "./test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { IpcError, RosterEntry } from "./bindings";
import { authStatus, rosterEntry } from "./fixtures";
import { Roster } from "./roster";

/** A portrait that loads in the test browser (the image server is not reachable here). */
function portrait(characterId: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" data-character="${characterId}"/>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function entry(characterId: number, name: string, tokenHealth: RosterEntry["tokenHealth"]): RosterEntry {
  return rosterEntry(characterId, name, {
    portraitUrl: portrait(characterId),
    missingScopes: tokenHealth === "missing_scopes" ? ["esi-industry.read_corporation_jobs.v1"] : [],
    authState: tokenHealth === "reauth_required" ? "reauth_required" : "ok",
    tokenHealth,
  });
}

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<Roster />, root);
  });
  await settle();
  return root;
}

async function click(el: Element | null | undefined) {
  expect(el).toBeTruthy();
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
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
      if (cmd === "auth_status") return authStatus();
    });
    const root = await mount();
    expect(calls.sort()).toEqual(["auth_status", "online_state", "roster_list"]);
    expect(root.querySelector("[data-testid=roster-empty] h2")?.textContent).toBe("No characters yet");
    expect(root.querySelector("[data-testid=vault-file]")).toBeNull();
  });

  it("lists linked characters with portrait, corporation and token health", async () => {
    mockIPC((cmd) => {
      if (cmd === "roster_list")
        return [entry(1, "Aura Vexx", "ok"), entry(2, "Brakk Tollan", "reauth_required"), entry(3, "Cora", "missing_scopes")];
      if (cmd === "auth_status") return authStatus();
    });
    const root = await mount();
    const items = [...root.querySelectorAll<HTMLElement>(".roster-item")];
    expect(items.map((li) => li.querySelector(".roster-name")?.textContent)).toEqual(["Aura Vexx", "Brakk Tollan", "Cora"]);
    expect(items.map((li) => li.querySelector(".badge")?.textContent)).toEqual([
      "Linked",
      "Sign-in needed",
      "Missing permissions",
    ]);
    expect(items[0].querySelector(".roster-corp")?.textContent).toBe("Brave Industries");
    expect(items[0].querySelector("img")?.getAttribute("src")).toBe(portrait(1));
    // Re-authorise is offered only where it is needed.
    expect(items.map((li) => li.querySelector("[data-testid=reauthorise]") !== null)).toEqual([false, true, true]);
  });

  it("falls back to initials when the portrait cannot load", async () => {
    mockIPC((cmd) => {
      if (cmd === "roster_list") return [entry(1, "Aura Vexx", "ok")];
      if (cmd === "auth_status") return authStatus();
    });
    const root = await mount();
    await act(async () => {
      root.querySelector("img")?.dispatchEvent(new Event("error"));
    });
    expect(root.querySelector(".portrait-initials")?.textContent).toBe("AV");
  });

  it("says when tokens are kept in a file", async () => {
    mockIPC((cmd) => {
      if (cmd === "roster_list") return [];
      if (cmd === "auth_status") return authStatus("file");
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=vault-file]")?.textContent).toContain("stored in a file");
  });

  it("unlinks only after confirmation, then reloads", async () => {
    const unlinked: unknown[] = [];
    let roster = [entry(1, "Aura Vexx", "ok")];
    mockIPC((cmd, args) => {
      if (cmd === "roster_list") return roster;
      if (cmd === "auth_status") return authStatus();
      if (cmd === "auth_unlink") {
        unlinked.push(args);
        roster = [];
        return { characterId: 1, revoked: true };
      }
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=unlink]"));
    expect(unlinked).toEqual([]);
    expect(root.querySelector(".confirm")?.textContent).toContain("Unlink Aura Vexx?");
    await click(root.querySelector("[data-testid=unlink-confirm]"));
    expect(unlinked).toEqual([{ characterId: 1 }]);
    expect(root.querySelector("[data-testid=roster-empty]")).not.toBeNull();
  });

  it("adds a character through the core's sign-in, showing that it waits", async () => {
    let finish: (v: unknown) => void = () => undefined;
    let roster: RosterEntry[] = [];
    mockIPC((cmd) => {
      if (cmd === "roster_list") return roster;
      if (cmd === "auth_status") return authStatus();
      if (cmd === "auth_login")
        return new Promise((resolve) => {
          finish = resolve;
        });
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=add-character]"));
    expect(root.querySelector("[data-testid=signin-waiting]")?.textContent).toContain("Waiting for EVE's login");
    roster = [entry(1, "Aura Vexx", "ok")];
    await act(async () => {
      finish({ character: roster[0], relinked: false, transferred: false });
    });
    await settle();
    expect(root.querySelector("[data-testid=signin-waiting]")).toBeNull();
    expect(root.querySelector(".roster-name")?.textContent).toBe("Aura Vexx");
  });

  it("asks for the EVE application's client id when none is set", async () => {
    const error: IpcError = { code: "auth.no_client_id", message: "No EVE application is set up yet." };
    mockIPC((cmd) => {
      if (cmd === "roster_list") return [];
      if (cmd === "auth_status") return authStatus();
      if (cmd === "auth_login") throw error;
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=add-character]"));
    const setup = root.querySelector("[data-testid=signin-setup]");
    expect(setup?.textContent).toContain("http://localhost:8471/callback");
    expect(setup?.querySelector("input")).not.toBeNull();
  });

  it("shows a refused sign-in in plain words", async () => {
    const error: IpcError = { code: "auth.denied", message: "EVE's login was declined (access_denied). Nothing was changed." };
    mockIPC((cmd) => {
      if (cmd === "roster_list") return [];
      if (cmd === "auth_status") return authStatus();
      if (cmd === "auth_login") throw error;
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=add-character]"));
    const alert = root.querySelector<HTMLElement>("[data-testid=signin-error]");
    expect(alert?.dataset.code).toBe("auth.denied");
    expect(alert?.textContent).toContain("Nothing was changed");
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
