// The first paint in one round trip (#22): before the first render the window asks the
// shell once (`startup`) for its preferences and what the first view shows; each first
// read wrapped in `firstOr` takes its share of that answer, once, instead of asking the
// core. Later reads (a board changed, a view opened again) ask the core as before.
import { commands, type FirstPaint } from "./bindings";
import type { Result } from "./ipc";
import { applyPrefs } from "./prefs";
import { afterFirstPaint } from "./startup";

let first: Partial<FirstPaint> = {};
/** Whether this page painted from a start-up answer (whose refreshes ran before it listened). */
let answered = false;
/** What was stored when that answer was read. */
let stored = 0;

/** Reads the preferences and the first view's data (once, before the first render). */
export async function loadStartup() {
  const result = await commands.startup().catch(() => null);
  if (result?.status !== "ok") return;
  applyPrefs(result.data.prefs);
  first = { ...(result.data.first ?? {}) };
  answered = result.data.first !== null;
  stored = result.data.first?.stored ?? 0;
}

/**
 * Once the window listens for board changes: the refreshes behind the start-up answer
 * began before it did, so a change they made may have gone unheard — `reread` (every
 * board on screen reads again) if the page painted from that answer and anything was
 * stored since (or the core cannot say). Once.
 */
export async function listening(reread: () => void) {
  if (!answered) return;
  answered = false;
  // At 100 pilots reading every board again costs the window more than its first paint.
  const outdated = await commands.startupOutdated(stored).catch(() => null);
  if (outdated?.status !== "ok" || outdated.data) {
    forgetFirst();
    reread();
  }
}

/**
 * When work the first frame does not need may start: at once on a page without a start-up
 * answer; otherwise once that answer's boards are painted, or a second after this is
 * asked at the latest (a first view that paints no boards).
 */
export function afterStartupPaint(): Promise<void> {
  if (!answered) return Promise.resolve();
  return Promise.race([afterFirstPaint, new Promise<void>((done) => setTimeout(done, 1000))]);
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
