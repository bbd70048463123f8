import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { cleanup, click, type CoreMock, mockCore, mount as mountIn, settle } from "./test-utils";
import type { IpcError, Settings, SettingsPatch } from "./bindings";
import { appInfo, authStatus, DEFAULT_SETTINGS } from "./fixtures";
import { SettingsView } from "./settings";

afterEach(cleanup);

const mount = () => mountIn(<SettingsView />);

/** Sets a field to `value` as the user would, and lets the save settle. */
async function enter(input: HTMLInputElement, value: string) {
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event("change"));
  });
  await settle();
}

/** The core's settings, from the defaults; a patch `refuse` answers an error for fails with it. */
function settingsCore(refuse: (patch: SettingsPatch) => IpcError | undefined = () => undefined) {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  return {
    settingsGet: () => settings,
    settingsUpdate: (patch) => {
      const error = refuse(patch);
      if (error) throw error;
      settings = { ...settings, ...patch } as Settings;
      return settings;
    },
  } satisfies CoreMock;
}

describe("SettingsView", () => {
  it("keeps the player's own EVE application under Advanced where the build has its own", async () => {
    mockCore({ ...settingsCore(), authStatus: () => authStatus("keychain", { builtInClientId: true }) });
    const root = await mount();
    expect(root.querySelector("[data-testid=built-in-application]")?.textContent).toContain("nothing to set up");
    const advanced = root.querySelector<HTMLDetailsElement>("[data-testid=own-application]");
    expect(advanced?.open).toBe(false);
    expect(advanced?.textContent).toContain("Client id");
  });

  it("shows the client id at once in a build without its own EVE application", async () => {
    mockCore({
      ...settingsCore(),
      authStatus: () => authStatus("keychain", { builtInClientId: false, clientIdConfigured: false }),
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=own-application]")).toBeNull();
    expect(root.querySelector("[data-testid=built-in-application]")).toBeNull();
    expect([...root.querySelectorAll("label.field span")].map((s) => s.textContent)).toContain("Client id");
  });

  it("saves a change at once and shows a refused value in plain words", async () => {
    const core = mockCore({
      ...settingsCore((patch) =>
        patch.jobRefreshMinutes !== undefined && (patch.jobRefreshMinutes ?? 0) < 5
          ? { code: "settings.invalid", message: "The background job refresh must be between 5 minutes and a day." }
          : undefined,
      ),
      authStatus: () => authStatus("file", { clientIdConfigured: false, scopes: [] }),
    });
    const root = await mount();
    expect(root.textContent).toContain("a file only your user can read");

    await click(root.querySelector("[data-testid=tray-live]"));
    expect(core.argsOf("settingsUpdate")).toEqual([[{ trayLive: true }]]);
    expect(root.querySelector("[role=status]")?.textContent).toBe("Saved.");

    const cadence = [...root.querySelectorAll<HTMLInputElement>("input[type=number]")][1];
    await enter(cadence, "2");
    const status = root.querySelector<HTMLElement>("[role=status] [data-code]");
    expect(status?.dataset.code).toBe("settings.invalid");
    expect(status?.textContent).toContain("between 5 minutes and a day");
  });

  it("turns notifications off and greys out what depends on them", async () => {
    const core = mockCore({
      ...settingsCore(),
      authStatus: () => {
        throw { code: "x", message: "x" };
      },
    });
    const root = await mount();
    const byId = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid=${id}]`)!;
    expect(byId("corporation-job-notifications").disabled).toBe(false);
    expect(byId("skill-queue-warning-hours").value).toBe("24");

    await click(byId("job-notifications"));
    expect(byId("corporation-job-notifications").disabled).toBe(true);

    await enter(byId("skill-queue-warning-hours"), "6");
    await click(byId("skill-queue-notifications"));
    // The warning time also colours the boards: it stays yours to set.
    expect(byId("skill-queue-warning-hours").disabled).toBe(false);
    expect(core.argsOf("settingsUpdate")).toEqual([
      [{ jobNotifications: false }],
      [{ skillQueueWarningHours: 6 }],
      [{ skillQueueNotifications: false }],
    ]);
  });

  it("keeps the idle-slot hours waiting for their switch, and offers the clone-jump notice only with clones on", async () => {
    const core = mockCore({
      ...settingsCore(),
      authStatus: () => {
        throw { code: "x", message: "x" };
      },
    });
    const root = await mount();
    const byId = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid=${id}]`);
    expect(byId("slot-idle-notifications")!.checked).toBe(false);
    expect(byId("slot-idle-hours")!.disabled).toBe(true);
    expect(byId("clone-jump-notifications")).toBeNull();
    await click(byId("slot-idle-notifications"));
    expect(byId("slot-idle-hours")!.disabled).toBe(false);
    await enter(byId("slot-idle-hours")!, "5");
    expect(core.argsOf("settingsUpdate")).toEqual([[{ slotIdleNotifications: true }], [{ slotIdleHours: 5 }]]);
  });

  it("shows where the data is, opens the log folder, and says when it cannot", async () => {
    let folderOpens = true;
    const core = mockCore({
      settingsGet: () => DEFAULT_SETTINGS,
      authStatus: () => authStatus("keychain", { scopes: [] }),
      appInfo: () => appInfo({ dataDir: "/home/pilot/.local/share/cynosure", logDir: "/home/pilot/.local/share/cynosure/logs" }),
      openLogFolder: () => {
        if (folderOpens) return null;
        throw { code: "app.open_folder", message: "Cynosure could not open the log folder. It is /home/pilot/.local/share/cynosure/logs." };
      },
    });
    const root = await mount();
    const data = root.querySelector("[data-testid=your-data]")!;
    expect(data.textContent).toContain("/home/pilot/.local/share/cynosure");
    expect(data.textContent).toContain("In your system keychain");
    expect(root.querySelector("[data-testid=about]")?.textContent).toContain("Cynosure 0.1.0");

    await click(root.querySelector("[data-testid=open-log-folder]"));
    expect(core.count("openLogFolder")).toBe(1);
    expect(root.querySelector("[role=alert]")).toBeNull();

    folderOpens = false;
    await click(root.querySelector("[data-testid=open-log-folder]"));
    const alert = root.querySelector<HTMLElement>("[role=alert]")!;
    expect(alert.dataset.code).toBe("app.open_folder");
    expect(alert.textContent).toContain("could not open the log folder");
  });

  it("turns start at login on and off through the OS's login items", async () => {
    let loginItem = false;
    mockCore(
      {
        settingsGet: () => DEFAULT_SETTINGS,
        autostartGet: () => loginItem,
        autostartSet: (enabled) => {
          loginItem = enabled;
          return loginItem;
        },
      },
      { failUnmocked: { code: "x", message: "x" } },
    );
    const root = await mount();
    const toggle = () => root.querySelector<HTMLInputElement>("[data-testid=start-at-login]")!;
    expect(toggle().checked).toBe(false);
    await click(toggle());
    expect(loginItem).toBe(true);
    expect(toggle().checked).toBe(true);
    expect(root.querySelector("[role=status]")?.textContent).toBe("Saved.");
  });

  it("lists the open-source components and their licences when asked, not before", async () => {
    const core = mockCore({
      settingsGet: () => DEFAULT_SETTINGS,
      appInfo: () => appInfo(),
      appLicences: () => [
        { name: "preact", version: "10.29.8", licence: "MIT" },
        { name: "tauri", version: "2.12.5", licence: "Apache-2.0 OR MIT" },
      ],
    });
    const root = await mount();
    expect(core.count("appLicences")).toBe(0);
    const licences = root.querySelector<HTMLDetailsElement>("[data-testid=licences]")!;
    await click(licences.querySelector("summary"));
    expect(core.count("appLicences")).toBe(1);
    expect(licences.textContent).toContain("built on 2 open-source components");
    const rows = [...licences.querySelectorAll("tr")].map((r) => r.textContent);
    expect(rows).toEqual(["preact10.29.8MIT", "tauri2.12.5Apache-2.0 OR MIT"]);
  });
});
