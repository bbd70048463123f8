import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { cleanup, mockCore, mount, settle } from "./test-utils";
import { events, type OnlineState } from "./bindings";
import { OnlineDot } from "./dot";
import { serverStatus, startLive } from "./live";

afterEach(cleanup);

describe("online dots", () => {
  it("start from the stored state and follow online-changed", async () => {
    const state: OnlineState = {
      characters: [
        { characterId: 1, name: "Aura Vexx", online: false, lastLogin: null, lastLogout: null },
        { characterId: 2, name: "Brakk Tollan", online: null, lastLogin: null, lastLogout: null },
      ],
      live: true,
      asOf: 1,
      server: null,
    };
    mockCore({ onlineState: () => state }, { events: true });
    startLive();
    const root = await mount(
      <>
        <OnlineDot characterId={1} />
        <OnlineDot characterId={2} />
      </>,
    );
    const dots = () => [...root.querySelectorAll<HTMLElement>(".dot")].map((d) => d.dataset.online);
    expect(dots()).toEqual(["offline", "unknown"]);

    await act(async () => {
      await events.onlineChanged.emit({ changes: [{ characterId: 1, online: true }] });
    });
    await settle();
    expect(dots()).toEqual(["online", "unknown"]);

    // Tranquility's status follows its own event: read, then unreadable.
    expect(serverStatus.value).toBeNull();
    const up = { players: 31000, startedAt: 0, vip: false, asOf: 1 };
    await act(async () => {
      await events.serverStatusChanged.emit({ status: up });
    });
    expect(serverStatus.value).toEqual(up);
    await act(async () => {
      await events.serverStatusChanged.emit({ status: null });
    });
    expect(serverStatus.value).toBeNull();
  });
});
