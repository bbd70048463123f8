// Time passing, derived in the UI from stored timestamps (docs/design.md §1): countdowns,
// progress, "ready" flips. One clock for the whole window, and only while the window is
// visible: it does not tick every second, but once at the next moment something shown
// changes. Whatever derives text or a state from the time says when that next changes
// (`wakeAt`) as it renders; the clock keeps one timer, for the soonest of them.
//
// Two signals, so that a tick re-renders only what it changes: `moment` moves only when a
// state derived from the time flips (a job turns ready, a skill finishes, a queue runs
// short) and is what the boards read; `now` moves at every change of a shown text too (a
// countdown's seconds or minutes, an age, the EVE clock) and is read only by the small
// components that show such text (`useTimed`, `Countdown`, `Age`), each re-rendering only
// when its own text changes. A tick looks again only at the texts due by then: at 100
// characters the Trade view shows 4,000 countdowns whose minutes turn over at 60 different
// seconds, and asking each of them at every tick cost ~1 % of a core (BENCHMARKS.md).
import { batch, signal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { pref } from "./prefs";

/**
 * EVE's servers' time minus this computer's (the core learns it from their answers): every
 * time on a board is the servers', so countdowns run on server time.
 */
let serverOffsetMs = 0;

/** Now on EVE's servers, in Unix epoch milliseconds; moves when some shown text changes, while the window is visible. */
export const now = signal(Date.now());
/** Now on EVE's servers, as far as the boards' states go: moves only when one flips. */
export const moment = signal(now.peek());

/** The core measured the offset to EVE's servers' clock. */
export function setServerOffset(ms: number) {
  serverOffsetMs = ms;
  tick(true);
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Each shown text (`useTimed`): what looks at it again, by the moment its text next changes. */
const texts = new Map<() => void, number>();
/** While a shown text derives: the soonest change it asked for. */
let asked: number | undefined;
/** The soonest change of a shown text, and of a state (server time); `Infinity`: none. */
let textAt = Infinity;
let stateAt = Infinity;
/** The window is visible: the clock runs. */
let running = false;
/** The shell's word on the window (it can see an unmapped window the page cannot). */
let windowShown = true;

function schedule() {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const at = Math.min(textAt, stateAt);
  if (!running || at === Infinity) return;
  timer = setTimeout(() => tick(false), Math.max(0, at - (Date.now() + serverOffsetMs)));
}

/**
 * Moves `now` on, and `moment` when a state is due (or `all`); what renders from them
 * asks for its next change again (`wakeAt`).
 */
function tick(all: boolean, at = Date.now() + serverOffsetMs) {
  const flips = all || stateAt <= at;
  textAt = Infinity;
  if (flips) stateAt = Infinity;
  const due: (() => void)[] = [];
  for (const [look, dueAt] of texts) if (all || dueAt <= at) due.push(look);
  batch(() => {
    now.value = at;
    if (flips) moment.value = at;
    for (const look of due) look();
  });
  for (const dueAt of texts.values()) if (dueAt < textAt) textAt = dueAt;
  schedule();
}

/** Sets the clock to `at` (server time) and looks at everything shown again: tests. */
export function setClock(at: number) {
  tick(true, at);
}

/** A shown text next changes at `at` (`Infinity`: never): looked at again then. */
function register(look: () => void, at: number) {
  if (at === Infinity) {
    texts.delete(look);
    return;
  }
  texts.set(look, at);
  if (at < textAt) {
    textAt = at;
    schedule();
  }
}

/** `derive(at)` and the soonest change of its text it asked for. */
function measured<T>(derive: (at: number) => T, at: number): [T, number] {
  const outer = asked;
  asked = Infinity;
  try {
    return [derive(at), asked];
  } finally {
    asked = outer;
  }
}

/**
 * Something shown changes at `at` (server time): the clock ticks then, unless it ticks
 * sooner anyway. Called while rendering; a moment already past is ignored. A `state`
 * (what a board derives from `moment`) moves `moment` too; a text only `now`.
 */
export function wakeAt(at: number, kind: "text" | "state" = "state") {
  if (kind === "text" && asked !== undefined) {
    if (at < asked) asked = at;
    return;
  }
  if (!running) return;
  if (kind === "state") {
    if (!(at > moment.peek()) || at >= stateAt) return;
    stateAt = at;
  } else {
    if (!(at > now.peek()) || at >= textAt) return;
    textAt = at;
  }
  schedule();
}

/** Runs the clock while the window is visible (a tick on showing), not at all otherwise. */
function follow() {
  const visible = document.visibilityState === "visible" && windowShown;
  if (visible && !running) {
    running = true;
    tick(true);
  } else if (!visible && running) {
    running = false;
    textAt = stateAt = Infinity;
    schedule();
  }
}

/** Starts the clock (idempotent); stops it while the window is hidden. */
export function startClock() {
  document.removeEventListener("visibilitychange", follow);
  document.addEventListener("visibilitychange", follow);
  follow();
}

type Timed<T> = { derive: (at: number) => T; shown?: T; look: () => void };

/**
 * `derive(now)`, for a component that shows text from the time: it re-renders when the
 * result changes, not at every tick of the clock (`derive` says when it next changes
 * with `wakeAt(…, "text")`, as `countdown` and `age` do).
 */
export function useTimed<T>(derive: (at: number) => T): T {
  const [, rerender] = useState(0);
  const self = useRef<Timed<T>>();
  if (!self.current) {
    const me: Timed<T> = {
      derive,
      look: () => {
        const [next, at] = measured(me.derive, now.peek());
        if (Object.is(next, me.shown)) register(me.look, at);
        else {
          // Its render derives again and says when it next changes.
          texts.delete(me.look);
          rerender((n) => n + 1);
        }
      },
    };
    self.current = me;
  }
  const me = self.current;
  me.derive = derive;
  const [value, at] = measured(derive, now.peek());
  me.shown = value;
  register(me.look, at);
  useEffect(() => () => void texts.delete(me.look), []);
  return value;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The shell saw the window hidden or shown: the clock stops or resumes with it. */
export function setWindowShown(shown: boolean) {
  windowShown = shown;
  follow();
}

/**
 * How long until `countdown(ms)` reads differently: its last unit (hours above a day,
 * minutes above a minute, seconds in the last one) turns over.
 */
export function countdownChangesIn(ms: number): number {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s === 0) return Infinity;
  const unit = s >= 86_400 ? 3600 : s >= 60 ? 60 : 1;
  // The text holds while the seconds left stay within [k·unit, (k+1)·unit).
  return ms - (Math.floor(s / unit) * unit - 1) * 1000;
}

/**
 * "2d 03h", "3h 05m", "4m", "9s": two units at most, never negative. Seconds only in the
 * last minute: a countdown in seconds redraws the window every second, which costs a
 * visible idle window several percent of a core (BENCHMARKS.md, #22 part 3).
 */
export function countdown(ms: number): string {
  wakeAt(now.peek() + countdownChangesIn(ms), "text");
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m`;
  return `${sec}s`;
}

/** How long until `age(ms)` reads differently. */
export function ageChangesIn(ms: number): number {
  const unit = ms < 3_600_000 ? 60_000 : ms < 86_400_000 ? 3_600_000 : 86_400_000;
  const past = Math.max(0, ms);
  return (Math.floor(past / unit) + 1) * unit - past;
}

/** How long ago, in words: "just now", "3 min ago", "2 h ago", "4 days ago". */
export function age(ms: number): string {
  wakeAt(now.peek() + ageChangesIn(ms), "text");
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

/** Fraction done between two instants, clamped to [0, 1]. */
export function progress(start: number, finish: number, at: number): number {
  if (finish <= start) return at >= finish ? 1 : 0;
  return Math.min(1, Math.max(0, (at - start) / (finish - start)));
}

/** `when` has come by `at`; a board showing something until then is re-rendered at it. */
export function passed(when: number, at: number): boolean {
  wakeAt(when);
  return when <= at;
}

/** ESI keeps a finished, undelivered job `active`: it is ready once its end has passed. */
export function isJobReady(job: { status: string; endAt: number }, at: number): boolean {
  if (job.status === "active") wakeAt(job.endAt);
  return job.status === "ready" || (job.status === "active" && job.endAt <= at);
}

type Queued = { startAt: number | null; finishAt: number | null };

/** The entry in training at `at` (the first one not yet finished), if the queue runs. */
export function currentEntry<T extends Queued>(queue: T[], at: number): T | undefined {
  const current = queue.find((e) => e.finishAt !== null && e.finishAt > at);
  if (current?.finishAt != null) wakeAt(current.finishAt);
  return current;
}

/** When the last queued skill finishes (`null`: empty or paused). */
export function queueEnd(queue: Queued[]): number | null {
  const ends = queue.map((e) => e.finishAt).filter((f): f is number => f !== null);
  return ends.length ? Math.max(...ends) : null;
}

export type QueueState = "empty" | "paused" | "short" | "ok";

/** `empty`: nothing left to train; `paused`: entries without times; `short`: ends within `shortMs`. */
export function queueState(queue: Queued[], at: number, shortMs = 24 * 3_600_000): QueueState {
  const pending = queue.filter((e) => e.finishAt === null || e.finishAt > at);
  if (pending.length === 0) return "empty";
  const end = queueEnd(pending);
  if (end === null) return "paused";
  wakeAt(end - shortMs);
  wakeAt(end);
  return end - at < shortMs ? "short" : "ok";
}

/** Skill levels as EVE writes them. */
export function level(n: number): string {
  return ["0", "I", "II", "III", "IV", "V"][n] ?? String(n);
}

/**
 * The reader's locale. A session without a language (`LANG` unset: the POSIX locale) has
 * no digit grouping at all; it reads as English instead.
 */
export function locale(): string | undefined {
  const language = typeof navigator === "undefined" ? "" : navigator.language;
  return !language || /posix|^c$/i.test(language) ? "en-US" : undefined;
}

/** A count with the reader's digit grouping: "106,510". */
export function count(n: number): string {
  return n.toLocaleString(locale());
}

/**
 * A local date and time, for "ends at": the weekday within six days of `at` (now), the
 * date as well beyond — "Mon 14:05" is ambiguous once a week has passed.
 */
export function clockTime(ms: number, at: number = moment.value): string {
  const far = Math.abs(ms - at) > 6 * 86_400_000;
  const eve = pref("time.eve", false);
  const text = new Date(ms).toLocaleString(locale(), {
    weekday: "short",
    ...(far ? { day: "numeric", month: "short" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    // EVE players read a 24-hour clock, unless they chose otherwise.
    hourCycle: pref("time.hour12", false) ? "h12" : "h23",
    ...(eve ? { timeZone: "UTC" } : {}),
  });
  return eve ? `${text} EVE` : text;
}

/** EVE time — UTC, the game's clock — as "14:05". */
export function eveTime(ms: number): string {
  wakeAt((Math.floor(ms / 60_000) + 1) * 60_000, "text");
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
