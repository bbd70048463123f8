// The first paint in one round trip (#22): before the first render the window asks the
// shell once (`startup`) for its preferences and what the first view shows; each first
// read wrapped in `firstOr` takes its share of that answer, once, instead of asking the
// core. Later reads (a board changed, a view opened again) ask the core as before.
import { commands, type FirstPaint } from "./bindings";
import type { Result } from "./ipc";
import { applyPrefs } from "./prefs";

let first: Partial<FirstPaint> = {};
/** Whether this page painted from a start-up answer (whose refreshes ran before it listened). */
let answered = false;

/** Reads the preferences and the first view's data (once, before the first render). */
export async function loadStartup() {
  const result = await commands.startup().catch(() => null);
  if (result?.status !== "ok") return;
  applyPrefs(result.data.prefs);
  first = { ...(result.data.first ?? {}) };
  answered = result.data.first !== null;
}

/**
 * Once the window listens for board changes: the refreshes behind the start-up answer
 * began before it did, so a change they made may have gone unheard — `reread` (every
 * board on screen reads again) if the page painted from that answer. Once.
 */
export function listening(reread: () => void) {
  if (!answered) return;
  answered = false;
  forgetFirst();
  reread();
}

/** `read`, unless the start-up answer still holds `key`: then that, once. */
export function firstOr<K extends keyof FirstPaint>(
  key: K,
  read: () => Promise<Result<FirstPaint[K]>>,
): () => Promise<Result<FirstPaint[K]>> {
  return () => {
    if (key in first) {
      const data = first[key] as FirstPaint[K];
      delete first[key];
      return Promise.resolve({ status: "ok", data });
    }
    return read();
  };
}

/** Forgets what is left of the start-up answer (a second after the first view's reads). */
export function forgetFirst() {
  first = {};
}

/** For tests: forget the start-up answer entirely. */
export function resetStartup() {
  first = {};
  answered = false;
}
