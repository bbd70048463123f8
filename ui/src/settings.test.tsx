import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { mockCore, settle } from "./test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Settings } from "./bindings";
import { DEFAULT_SETTINGS } from "./fixtures";
import { SettingsView } from "./settings";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<SettingsView />, root);
  });
  await settle();
  return root;
}

describe("SettingsView", () => {
  it("saves a change at once and shows a refused value in plain words", async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS };
    const patches: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") return settings;
      if (cmd === "auth_status")
        return { vault: "file", clientIdConfigured: false, clientIdFromEnv: false, callbackUrl: "http://localhost:8471/callback", scopes: [], loginPending: false };
      if (cmd === "settings_update") {
        const patch = (args as { patch: Partial<Settings> }).patch;
        patches.push(patch);
        if (patch.jobRefreshMinutes !== undefined && patch.jobRefreshMinutes < 5)
          throw { code: "settings.invalid", message: "The background job refresh must be between 5 minutes and a day." };
        settings = { ...settings, ...patch };
        return settings;
      }
    });
    const root = await mount();
    expect(root.textContent).toContain("a file only your user can read");

    const trayLive = root.querySelector<HTMLInputElement>("[data-testid=tray-live]")!;
    await act(async () => {
      trayLive.click();
    });
    await settle();
    expect(patches).toEqual([{ trayLive: true }]);
    expect(root.querySelector("[role=status]")?.textContent).toBe("Saved.");

    const cadence = [...root.querySelectorAll<HTMLInputElement>("input[type=number]")][1];
    await act(async () => {
      cadence.value = "2";
      cadence.dispatchEvent(new Event("change"));
    });
    await settle();
    const status = root.querySelector<HTMLElement>("[role=status] [data-code]");
    expect(status?.dataset.code).toBe("settings.invalid");
    expect(status?.textContent).toContain("between 5 minutes and a day");
  });

  it("turns notifications off and greys out what depends on them", async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS };
    const patches: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") return settings;
      if (cmd === "auth_status") throw { code: "x", message: "x" };
      if (cmd === "settings_update") {
        const patch = (args as { patch: Partial<Settings> }).patch;
        patches.push(patch);
        settings = { ...settings, ...patch };
        return settings;
      }
    });
    const root = await mount();
    const byId = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid=${id}]`)!;
    expect(byId("corporation-job-notifications").disabled).toBe(false);
    expect(byId("skill-queue-warning-hours").value).toBe("24");

    await act(async () => {
      byId("job-notifications").click();
    });
    await settle();
    expect(byId("corporation-job-notifications").disabled).toBe(true);

    await act(async () => {
      const hours = byId("skill-queue-warning-hours");
      hours.value = "6";
      hours.dispatchEvent(new Event("change"));
    });
    await settle();
    await act(async () => {
      byId("skill-queue-notifications").click();
    });
    await settle();
    expect(byId("skill-queue-warning-hours").disabled).toBe(true);
    expect(patches).toEqual([
      { jobNotifications: false },
      { skillQueueWarningHours: 6 },
      { skillQueueNotifications: false },
    ]);
  });

  it("shows where the data is, opens the log folder, and says when it cannot", async () => {
    const calls: string[] = [];
    let folderOpens = true;
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "settings_get")
        return DEFAULT_SETTINGS;
      if (cmd === "auth_status")
        return { vault: "keychain", clientIdConfigured: true, clientIdFromEnv: false, callbackUrl: "http://localhost:8471/callback", scopes: [], loginPending: false };
      if (cmd === "app_info") return { version: "0.1.0", dataDir: "/home/pilot/.local/share/cynosure", logDir: "/home/pilot/.local/share/cynosure/logs" };
      if (cmd === "open_log_folder") {
        if (folderOpens) return null;
        throw { code: "app.open_folder", message: "Cynosure could not open the log folder. It is /home/pilot/.local/share/cynosure/logs." };
      }
    });
    const root = await mount();
    const data = root.querySelector("[data-testid=your-data]")!;
    expect(data.textContent).toContain("/home/pilot/.local/share/cynosure");
    expect(data.textContent).toContain("In your system keychain");
    expect(root.querySelector("[data-testid=about]")?.textContent).toContain("Cynosure 0.1.0");

    await act(async () => {
      root.querySelector<HTMLButtonElement>("[data-testid=open-log-folder]")!.click();
    });
    await settle();
    expect(calls.filter((c) => c === "open_log_folder")).toHaveLength(1);
    expect(root.querySelector("[role=alert]")).toBeNull();

    folderOpens = false;
    await act(async () => {
      root.querySelector<HTMLButtonElement>("[data-testid=open-log-folder]")!.click();
    });
    await settle();
    const alert = root.querySelector<HTMLElement>("[role=alert]")!;
    expect(alert.dataset.code).toBe("app.open_folder");
    expect(alert.textContent).toContain("could not open the log folder");
  });

  it("turns start at login on and off through the OS's login items", async () => {
    let loginItem = false;
    mockIPC((cmd, args) => {
      if (cmd === "settings_get")
        return DEFAULT_SETTINGS;
      if (cmd === "autostart_get") return loginItem;
      if (cmd === "autostart_set") {
        const enabled = (args as { enabled: boolean }).enabled;
        loginItem = enabled;
        return loginItem;
      }
      throw { code: "x", message: "x" };
    });
    const root = await mount();
    const toggle = () => root.querySelector<HTMLInputElement>("[data-testid=start-at-login]")!;
    expect(toggle().checked).toBe(false);
    await act(async () => {
      toggle().click();
    });
    await settle();
    expect(loginItem).toBe(true);
    expect(toggle().checked).toBe(true);
    expect(root.querySelector("[role=status]")?.textContent).toBe("Saved.");
  });

  it("lists the open-source components and their licences when asked, not before", async () => {
    const calls: string[] = [];
    mockCore({
      settingsGet: () => DEFAULT_SETTINGS,
      appInfo: () => ({ version: "0.1.0", dataDir: "/data", logDir: "/logs", demo: false }),
      appLicences: () => {
        calls.push("app_licences");
        return [
          { name: "preact", version: "10.29.8", licence: "MIT" },
          { name: "tauri", version: "2.12.5", licence: "Apache-2.0 OR MIT" },
        ];
      },
    });
    const root = await mount();
    expect(calls).toEqual([]);
    const licences = root.querySelector<HTMLDetailsElement>("[data-testid=licences]")!;
    await act(async () => {
      licences.querySelector("summary")!.click();
    });
    await settle();
    expect(calls).toEqual(["app_licences"]);
    expect(licences.textContent).toContain("built on 2 open-source components");
    const rows = [...licences.querySelectorAll("tr")].map((r) => r.textContent);
    expect(rows).toEqual(["preact10.29.8MIT", "tauri2.12.5Apache-2.0 OR MIT"]);
  });
});
