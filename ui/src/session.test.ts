import { afterEach, describe, expect, it } from "vitest";
import { events } from "./bindings";
import { appInfo } from "./fixtures";
import { startSession } from "./session";
import { cleanup, mockCore, settle } from "./test-utils";
import { now, setServerOffset } from "./time";

afterEach(() => {
  setServerOffset(0);
  cleanup();
});

describe("server time", () => {
  it("runs the window's clock on EVE's servers' time, as the core measured it", async () => {
    mockCore({ appInfo: () => appInfo({ serverOffsetMs: -600_000 }) }, { events: true });
    startSession();
    await settle();
    // The computer's clock is ten minutes fast: countdowns read the servers' time.
    expect(Math.abs(now.value - (Date.now() - 600_000))).toBeLessThan(1_000);
    await events.serverClockChanged.emit({ offsetMs: 5_000 });
    await settle();
    expect(Math.abs(now.value - (Date.now() + 5_000))).toBeLessThan(1_000);
  });
});
