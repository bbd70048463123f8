// The one subscription to the core's events: every view reads these signals.
import { signal } from "@preact/signals";
import { events } from "./bindings";

/** Bumped whenever a board changes; views that show that board re-read it. */
export const boardVersion = signal<Record<string, number>>({});

let started = false;

export function startLive() {
  if (started) return;
  started = true;
  void events.boardUpdated
    .listen((e) => {
      const slice = e.payload.slice;
      boardVersion.value = { ...boardVersion.value, [slice]: (boardVersion.value[slice] ?? 0) + 1 };
    })
    .catch(() => {
      started = false;
    });
}

/** A version number that changes when any of `slices` changes. */
export function versionOf(...slices: string[]): number {
  return slices.reduce((sum, s) => sum + (boardVersion.value[s] ?? 0), 0);
}
