import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, mockCore } from "./test-utils";
import { setPresenceWindowShown, startPresence } from "./presence";

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

describe("presence", () => {
  it("beats every 20 s while shown and stops when the shell says the window is hidden", async () => {
    vi.useFakeTimers();
    const core = mockCore({ presenceHeartbeat: () => null, presenceHidden: () => null });
    startPresence();
    expect(core.commands).toEqual(["presenceHeartbeat"]);
    vi.advanceTimersByTime(40_000);
    expect(core.count("presenceHeartbeat")).toBe(3);

    // Unmapped by the window manager: the page still thinks it is visible.
    setPresenceWindowShown(false);
    expect(core.commands.at(-1)).toBe("presenceHidden");
    const before = core.calls.length;
    vi.advanceTimersByTime(10 * 60_000);
    expect(core.calls.length).toBe(before); // nothing for ten minutes in the tray

    setPresenceWindowShown(true);
    expect(core.commands.at(-1)).toBe("presenceHeartbeat"); // at once when shown
    vi.advanceTimersByTime(20_000);
    expect(core.count("presenceHeartbeat")).toBe(5);
    setPresenceWindowShown(false);
  });
});
