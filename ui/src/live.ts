// The one subscription to the core's events: every view reads these signals.
import { signal } from "@preact/signals";
import { commands, events, type ServerStatus, type Slice } from "./bindings";
import { firstOr, listening } from "./first";
import { setPresenceWindowShown } from "./presence";
import { setWindowShown } from "./time";
import { keepEqual } from "./share";

/** Bumped whenever a board changes; views that show that board re-read it. */
export const boardVersion = signal<Partial<Record<Slice, number>>>({});

/** Tranquility's status, read with the online status while the window is visible. */
export const serverStatus = signal<ServerStatus | null>(null);

/** Character id → online (`null`: unknown). Fed by `online-changed`. */
export const online = signal<Record<number, boolean | null>>({});

let started = false;

/** For tests: the next `startLive` subscribes again (to a fresh mocked core). */
export function resetLive() {
  started = false;
}

export function startLive() {
  if (started) return;
  started = true;
  void events.boardUpdated
    .listen((e) => {
      const slice = e.payload.slice;
      boardVersion.value = { ...boardVersion.value, [slice]: (boardVersion.value[slice] ?? 0) + 1 };
    })
    .then(() => listening(boardsMayHaveChanged))
    .catch(() => {
      started = false;
    });
  void events.onlineChanged
    .listen((e) => {
      const next = { ...online.value };
      for (const c of e.payload.changes) next[c.characterId] = c.online;
      online.value = next;
    })
    .catch(() => undefined);
  void events.serverStatusChanged
    .listen((e) => {
      serverStatus.value = e.payload.status;
    })
    .catch(() => undefined);
  void events.windowVisibility
    .listen((e) => {
      setWindowShown(e.payload.visible);
      setPresenceWindowShown(e.payload.visible);
    })
    .catch(() => undefined);
  void loadOnline();
}

/** The stored state (the event only carries flips). */
export async function loadOnline() {
  const result = await firstOr("online", commands.onlineState)().catch(() => null);
  if (result?.status !== "ok") return;
  const next = { ...online.value };
  for (const c of result.data?.characters ?? []) next[c.characterId] ??= c.online;
  // Only news re-renders what shows it (every portrait's dot, the Overview's count).
  const known = online.peek();
  if (keepEqual(known, next) !== known) online.value = next;
  serverStatus.value = result.data?.server ?? null;
}

/** A version number that changes when any of `slices` changes. */
export function versionOf(...slices: Slice[]): number {
  return slices.reduce((sum, s) => sum + (boardVersion.value[s] ?? 0), everyBoard.value);
}

/**
 * Every board may hold new data (a character was just linked or re-authorised): each
 * board on screen reads again, and its on-view read refreshes it behind the answer.
 */
export function boardsMayHaveChanged() {
  everyBoard.value += 1;
}

/** Bumped when every board may have changed at once. */
const everyBoard = signal(0);
