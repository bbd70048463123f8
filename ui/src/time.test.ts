import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ageChangesIn,
  clockTime,
  countdownChangesIn,
  eveTime,
  count,
  age,
  countdown,
  currentEntry,
  isJobReady,
  level,
  now,
  progress,
  queueEnd,
  queueState,
  setWindowShown,
  startClock,
} from "./time";
import { prefs } from "./prefs";

const H = 3_600_000;

describe("time derivations", () => {
  it("formats countdowns with two units and never below zero", () => {
    expect(countdown(9_000)).toBe("9s");
    expect(countdown(8_001)).toBe("9s");
    expect(countdown(4 * 60_000 + 9_000)).toBe("4m");
    expect(countdown(60_000)).toBe("1m");
    expect(countdown(59_000)).toBe("59s");
    expect(countdown(3 * H + 5 * 60_000)).toBe("3h 05m");
    expect(countdown(2 * 24 * H + 3 * H)).toBe("2d 03h");
    expect(countdown(-5_000)).toBe("0s");
  });

  it("says how old data is", () => {
    expect(age(30_000)).toBe("just now");
    expect(age(3 * 60_000)).toBe("3 min ago");
    expect(age(2 * H)).toBe("2 h ago");
    expect(age(24 * H)).toBe("1 day ago");
  });

  it("derives progress between start and finish", () => {
    expect(progress(0, 100, 25)).toBe(0.25);
    expect(progress(0, 100, -5)).toBe(0);
    expect(progress(0, 100, 500)).toBe(1);
  });

  it("flips a job to ready at its end date, not before", () => {
    const job = { status: "active", endAt: 10_000 };
    expect(isJobReady(job, 9_999)).toBe(false);
    expect(isJobReady(job, 10_000)).toBe(true);
    expect(isJobReady({ status: "ready", endAt: 99_999 }, 0)).toBe(true);
    expect(isJobReady({ status: "paused", endAt: 0 }, 10)).toBe(false);
  });

  it("finds the skill in training and when the queue ends", () => {
    const queue = [
      { startAt: 0, finishAt: 3 * H, name: "a" },
      { startAt: 3 * H, finishAt: 30 * H, name: "b" },
    ];
    expect(currentEntry(queue, H)?.name).toBe("a");
    // A finished entry is complete: the next one is in training.
    expect(currentEntry(queue, 4 * H)?.name).toBe("b");
    expect(currentEntry(queue, 31 * H)).toBeUndefined();
    expect(queueEnd(queue)).toBe(30 * H);
    expect(queueState(queue, H)).toBe("ok");
    expect(queueState(queue, 10 * H)).toBe("short");
    expect(queueState(queue, 30 * H)).toBe("empty");
    expect(queueState([], 0)).toBe("empty");
    expect(queueState([{ startAt: null, finishAt: null }], 0)).toBe("paused");
  });

  it("writes levels as roman numerals", () => {
    expect([1, 2, 3, 4, 5].map(level)).toEqual(["I", "II", "III", "IV", "V"]);
  });
});

describe("the clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("knows when a countdown's or an age's text next changes, and not a millisecond early", () => {
    for (const ms of [500, 9_000, 61_001, 59 * 60_000 + 999, H, 2 * H + 30_000, 26 * H + 1, 3 * 24 * H - 1]) {
      const t = countdownChangesIn(ms);
      expect(t).toBeGreaterThan(0);
      expect(countdown(ms - t + 1)).toBe(countdown(ms));
      expect(countdown(ms - t)).not.toBe(countdown(ms));
    }
    // Minute precision above an hour: "2h 00m" holds for 31 s more.
    expect(countdownChangesIn(2 * H + 30_000)).toBe(31_000);
    expect(countdownChangesIn(0)).toBe(Infinity);
    for (const ms of [0, 30_000, 3 * 60_000 + 1, 2 * H + 5, 25 * H]) {
      const t = ageChangesIn(ms);
      expect(age(ms + t - 1)).toBe(age(ms));
      expect(age(ms + t)).not.toBe(age(ms));
    }
  });

  it("ticks only when something shown changes, never while hidden", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    let visibility: DocumentVisibilityState = "visible";
    vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
    startClock();
    expect(now.value).toBe(1_000_000);

    // A countdown at "2h 00m" changes 31 s from now: one tick then, not before.
    expect(countdown(2 * H + 30_000)).toBe("2h 00m");
    vi.advanceTimersByTime(30_999);
    expect(now.value).toBe(1_000_000);
    vi.advanceTimersByTime(1);
    expect(now.value).toBe(1_031_000);

    // Two things shown: the sooner wins, one timer.
    countdown(10 * H + 30_000);
    isJobReady({ status: "active", endAt: now.value + 5_000 }, now.value);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4_999);
    expect(now.value).toBe(1_031_000);
    vi.advanceTimersByTime(1);
    expect(now.value).toBe(1_036_000);

    // Nothing shown asks for a tick (the tick's renders ask again): no timer at all.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(now.value).toBe(1_036_000);

    // A render after a minute without ticks (a board arrived) reads a clock left behind:
    // the change it asks for is already due, so the clock ticks at once.
    countdown(9_000);
    expect(now.value).toBe(1_036_000);
    vi.advanceTimersByTime(0);
    expect(now.value).toBe(1_096_000); // the request was already due: at once

    countdown(9_000);
    visibility = "hidden";
    document.dispatchEvent(new Event("visibilitychange"));
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(now.value).toBe(1_096_000); // no ticks while hidden

    visibility = "visible";
    document.dispatchEvent(new Event("visibilitychange"));
    expect(now.value).toBe(1_101_000); // catches up at once when shown

    // The shell saw the window unmapped while the page still thinks it is visible.
    countdown(9_000);
    setWindowShown(false);
    vi.advanceTimersByTime(5000);
    expect(now.value).toBe(1_101_000);
    setWindowShown(true);
    expect(now.value).toBe(1_106_000);
  });
});

describe("count", () => {
  it("groups digits as the reader's language does", () => {
    expect(count(106_510)).toMatch(/^106\D510$/);
    expect(count(999)).toBe("999");
  });
});

describe("EVE time and dates", () => {
  it("shows EVE time in UTC, 24-hour", () => {
    expect(eveTime(Date.UTC(2026, 11, 2, 7, 5, 59))).toBe("07:05");
    expect(eveTime(Date.UTC(2026, 11, 2, 23, 59))).toBe("23:59");
  });

  it("names the date, not just the weekday, beyond six days", () => {
    const at = Date.UTC(2026, 11, 2, 12);
    const soon = clockTime(at + 2 * 86_400_000, at);
    const far = clockTime(at + 9 * 86_400_000, at);
    expect(soon).not.toMatch(/Dec/);
    expect(far).toMatch(/11/);
    expect(far).toMatch(/Dec/);
    // 24-hour: an afternoon reads 14:00, not 2:00 PM.
    const afternoon = new Date(at);
    afternoon.setHours(14, 0, 0, 0);
    expect(clockTime(afternoon.getTime(), at)).toMatch(/14:00/);
    expect(clockTime(afternoon.getTime(), at)).not.toMatch(/PM/);
  });

  it("follows the player's choice of EVE time and of a 12-hour clock", () => {
    const at = Date.UTC(2026, 11, 2, 12);
    const utc = Date.UTC(2026, 11, 2, 15, 30);
    prefs.value = { "time.eve": true };
    expect(clockTime(utc, at)).toMatch(/15:30 EVE$/);
    prefs.value = { "time.eve": true, "time.hour12": true };
    expect(clockTime(utc, at)).toMatch(/0?3:30\sPM EVE$/);
    prefs.value = {};
  });
});
