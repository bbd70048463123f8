import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { setPresenceWindowShown, startPresence } from "./presence";

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("presence", () => {
  it("beats every 20 s while shown and stops when the shell says the window is hidden", async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    startPresence();
    expect(calls).toEqual(["presence_heartbeat"]);
    vi.advanceTimersByTime(40_000);
    expect(calls.filter((c) => c === "presence_heartbeat")).toHaveLength(3);

    // Unmapped by the window manager: the page still thinks it is visible.
    setPresenceWindowShown(false);
    expect(calls.at(-1)).toBe("presence_hidden");
    const before = calls.length;
    vi.advanceTimersByTime(10 * 60_000);
    expect(calls.length).toBe(before); // nothing for ten minutes in the tray

    setPresenceWindowShown(true);
    expect(calls.at(-1)).toBe("presence_heartbeat"); // at once when shown
    vi.advanceTimersByTime(20_000);
    expect(calls.filter((c) => c === "presence_heartbeat").length).toBe(5);
    setPresenceWindowShown(false);
  });
});
