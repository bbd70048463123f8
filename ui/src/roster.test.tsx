import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { cleanup, click, mockCore, mount as mountIn, settle } from "./test-utils";
import type { AuthStatus, IpcError, LoginOutcome, RosterEntry } from "./bindings";
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

const mount = () => mountIn(<Roster />);

/** No character yet, and EVE's sign-in fails with `error`: the roster after a click on "Add". */
async function signInFailing(error: IpcError): Promise<HTMLElement> {
  mockCore({
    rosterList: () => [],
    authStatus: () => authStatus(),
    authLogin: () => {
      throw error;
    },
  });
  const root = await mount();
  await click(root.querySelector("[data-testid=add-character]"));
  return root;
}

afterEach(cleanup);

describe("Roster", () => {
  it("shows the empty state when no character is linked", async () => {
    const core = mockCore({ rosterList: () => [], authStatus: () => authStatus() });
    const root = await mount();
    expect(core.commands.sort()).toEqual(["authStatus", "onlineState", "rosterList"]);
    expect(root.querySelector("[data-testid=roster-empty] h2")?.textContent).toBe("No characters yet");
    expect(root.querySelector("[data-testid=vault-file]")).toBeNull();
  });

  it("lists linked characters with portrait, corporation and token health", async () => {
    mockCore({
      rosterList: () => [entry(1, "Aura Vexx", "ok"), entry(2, "Brakk Tollan", "reauth_required"), entry(3, "Cora", "missing_scopes")],
      authStatus: () => authStatus(),
    });
    const root = await mount();
    const items = [...root.querySelectorAll<HTMLElement>(".roster-item")];
    expect(items.map((li) => li.querySelector(".roster-name")?.textContent)).toEqual(["Aura Vexx", "Brakk Tollan", "Cora"]);
    expect(items.map((li) => li.querySelector(".badge")?.textContent)).toEqual([
      undefined,
      "Sign-in needed",
      "Missing permissions",
    ]);
    expect(items[0].querySelector(".roster-corp")?.textContent).toBe("Brave Industries");
    expect(items[0].querySelector("img")?.getAttribute("src")).toBe(portrait(1));
    // Re-authorise is offered only where it is needed.
    expect(items.map((li) => li.querySelector("[data-testid=reauthorise]") !== null)).toEqual([false, true, true]);
  });

  it("falls back to initials when the portrait cannot load", async () => {
    mockCore({ rosterList: () => [entry(1, "Aura Vexx", "ok")], authStatus: () => authStatus() });
    const root = await mount();
    await act(async () => {
      root.querySelector("img")?.dispatchEvent(new Event("error"));
    });
    expect(root.querySelector(".portrait-initials")?.textContent).toBe("AV");
  });

  it("says when tokens are kept in a file, and offers the keychain back", async () => {
    let vault: AuthStatus["vault"] = "file";
    const core = mockCore({
      rosterList: () => [],
      authStatus: () => authStatus(vault),
      authVaultChoose: (kind: AuthStatus["vault"]) => {
        vault = kind;
        return authStatus(vault);
      },
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=vault-file]")?.textContent).toContain("stored in a file");
    expect(root.querySelector("[data-testid=vault-locked]")).toBeNull();
    await click(root.querySelector("[data-testid=vault-retry]"));
    expect(core.argsOf("authVaultChoose")).toEqual([["keychain"]]);
    expect(root.querySelector("[data-testid=vault-file]")).toBeNull();
  });

  it("says a locked keychain keeps sign-ins waiting, and moves to a file only when asked", async () => {
    let vault: AuthStatus["vault"] = "keychain_locked";
    const core = mockCore({
      rosterList: () => [entry(1, "Aura Vexx", "ok")],
      authStatus: () => authStatus(vault),
      authVaultChoose: (kind: AuthStatus["vault"]) => {
        if (kind === "keychain") {
          throw { code: "auth.keychain_locked", message: "Your keychain is locked or not answering." };
        }
        vault = kind;
        return authStatus(vault);
      },
    });
    const root = await mount();
    const notice = root.querySelector("[data-testid=vault-locked]");
    expect(notice?.textContent).toContain("Your keychain is locked or not answering");
    expect(core.argsOf("authVaultChoose")).toEqual([]);
    // Still locked: said, nothing moved.
    await click(root.querySelector("[data-testid=vault-retry]"));
    expect(root.querySelector("[data-testid=vault-locked] [role=alert]")?.getAttribute("data-code")).toBe(
      "auth.keychain_locked",
    );
    await click(root.querySelector("[data-testid=vault-use-file]"));
    expect(core.argsOf("authVaultChoose")).toEqual([["keychain"], ["file"]]);
    expect(root.querySelector("[data-testid=vault-locked]")).toBeNull();
    expect(root.querySelector("[data-testid=vault-file]")).not.toBeNull();
  });

  it("unlinks only after confirmation, then reloads", async () => {
    let roster = [entry(1, "Aura Vexx", "ok")];
    const core = mockCore({
      rosterList: () => roster,
      authStatus: () => authStatus(),
      authUnlink: () => {
        roster = [];
        return { characterId: 1, revoked: true };
      },
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=unlink]"));
    expect(core.argsOf("authUnlink")).toEqual([]);
    expect(root.querySelector(".confirm")?.textContent).toContain("Unlink Aura Vexx?");
    await click(root.querySelector("[data-testid=unlink-confirm]"));
    expect(core.argsOf("authUnlink")).toEqual([[1]]);
    expect(root.querySelector("[data-testid=roster-empty]")).not.toBeNull();
  });

  it("adds a character through the core's sign-in, showing that it waits", async () => {
    let finish: (v: LoginOutcome) => void = () => undefined;
    let roster: RosterEntry[] = [];
    mockCore({
      rosterList: () => roster,
      authStatus: () => authStatus(),
      authLogin: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
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

  it("guides a build without its own EVE application through setting one up, step by step", async () => {
    const scopes = ["esi-skills.read_skills.v1", "esi-industry.read_character_jobs.v1"];
    let clientId: string | null = null;
    let roster: RosterEntry[] = [];
    const core = mockCore({
      rosterList: () => roster,
      authStatus: () => authStatus("keychain", { clientIdConfigured: false, builtInClientId: false, scopes }),
      openDevelopersSite: () => null,
      settingsUpdate: (patch) => {
        clientId = patch.clientId ?? null;
        return {} as never;
      },
      authLogin: () => {
        if (!clientId) throw { code: "auth.no_client_id", message: "No EVE application is set up yet." };
        roster = [entry(1, "Aura Vexx", "ok")];
        return { character: roster[0], relinked: false, transferred: false };
      },
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=add-character]"));
    const setup = root.querySelector<HTMLElement>("[data-testid=signin-setup]");
    // Numbered steps, each scope whole on a line of its own with its copy button.
    expect(setup?.querySelectorAll(".setup-steps > li").length).toBe(4);
    const listed = [...(setup?.querySelectorAll("[data-testid=setup-scopes] li") ?? [])];
    expect(listed.map((li) => li.querySelector("code")?.textContent)).toEqual(scopes);
    expect(listed.every((li) => li.querySelector("code")!.getClientRects().length === 1)).toBe(true);
    expect(setup?.querySelector("[data-testid=copy-callback]")?.previousElementSibling?.textContent).toBe(
      "http://localhost:8471/callback",
    );
    await click(setup?.querySelector("[data-testid=open-developers]"));
    expect(core.argsOf("openDevelopersSite")).toEqual([[]]);

    const input = setup!.querySelector<HTMLInputElement>("[data-testid=setup-client-id]")!;
    await act(async () => {
      input.value = "0123456789abcdef0123456789abcdef";
      input.dispatchEvent(new Event("input"));
    });
    await act(async () => {
      (setup as HTMLFormElement).requestSubmit();
    });
    await settle();
    expect(core.argsOf("settingsUpdate")).toEqual([[{ clientId: "0123456789abcdef0123456789abcdef", callbackPort: 8471 }]]);
    expect(root.querySelector("[data-testid=signin-setup]")).toBeNull();
    expect(root.querySelector(".roster-name")?.textContent).toBe("Aura Vexx");
  });

  it("signs in with one click where the build has its own EVE application", async () => {
    let roster: RosterEntry[] = [];
    const core = mockCore({
      rosterList: () => roster,
      authStatus: () => authStatus("keychain", { builtInClientId: true }),
      authLogin: () => {
        roster = [entry(1, "Aura Vexx", "ok")];
        return { character: roster[0], relinked: false, transferred: false };
      },
    });
    const root = await mount();
    await click(root.querySelector("[data-testid=add-character]"));
    expect(core.argsOf("authLogin")).toEqual([[]]);
    expect(root.querySelector("[data-testid=signin-setup]")).toBeNull();
    expect(root.querySelector(".roster-name")?.textContent).toBe("Aura Vexx");
  });

  it("shows a refused sign-in in plain words", async () => {
    const root = await signInFailing({ code: "auth.denied", message: "EVE's login was declined (access_denied). Nothing was changed." });
    const alert = root.querySelector<HTMLElement>("[data-testid=signin-error]");
    expect(alert?.dataset.code).toBe("auth.denied");
    expect(alert?.textContent).toContain("Nothing was changed");
  });

  it("shows the core's error message, not a debug string", async () => {
    const error: IpcError = {
      code: "store.schema_too_new",
      message: "Your data was saved by a newer version of Cynosure (0.9.0). It was left untouched: update Cynosure to open it.",
    };
    mockCore({}, { failUnmocked: error });
    const root = await mount();
    const alert = root.querySelector<HTMLElement>("[data-testid=roster-error]");
    expect(alert?.dataset.code).toBe("store.schema_too_new");
    expect(alert?.textContent).toContain("update Cynosure to open it");
  });
});
