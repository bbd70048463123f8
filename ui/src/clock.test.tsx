// Idle is idle (#22 part 3): a tick of the clock re-renders what it changes and nothing
// else — a countdown when its text changes, a board when one of its states flips.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { options, render, type VNode } from "preact";
import { act } from "preact/test-utils";
import { Age, Countdown } from "./clock";
import { countdown, moment, passed, setWindowShown, startClock, useTimed } from "./time";

const T0 = 1_800_000_000_000;
const H = 3_600_000;

/** How many times each countdown (by its `until`) and the board rendered. */
let renders: Map<string, number>;
const previous = options.diffed;
const roots: HTMLElement[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  renders = new Map();
  options.diffed = (vnode: VNode) => {
    const key =
      vnode.type === Countdown
        ? `countdown ${(vnode.props as unknown as { until: number }).until - T0}`
        : vnode.type === Age
          ? "age"
          : vnode.type === Board
            ? "board"
            : null;
    if (key) renders.set(key, (renders.get(key) ?? 0) + 1);
    previous?.(vnode);
  };
  vi.spyOn(document, "visibilityState", "get").mockReturnValue("visible");
  setWindowShown(true);
  startClock();
});

afterEach(() => {
  for (const root of roots.splice(0)) render(null, root);
  options.diffed = previous;
  setWindowShown(false);
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

/** A board as the views write them: its states from `moment`, its countdowns as leaves. */
function Board({ ends }: { ends: number[] }) {
  const at = moment.value;
  return (
    <ul>
      {ends.map((end) => (
        <li data-end={end - T0} data-done={passed(end, at)}>
          <Countdown until={end} past="done" />
        </li>
      ))}
      <li data-testid="age">
        <Age since={T0 - 30_000} />
      </li>
    </ul>
  );
}

async function mount(ends: number[]): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  roots.push(root);
  await act(() => {
    render(<Board ends={ends} />, root);
  });
  return root;
}

async function advance(ms: number) {
  await act(() => {
    vi.advanceTimersByTime(ms);
  });
}

const text = (root: HTMLElement, end: number) => root.querySelector(`[data-end='${end}']`)!.textContent;
const count = (key: string) => renders.get(key) ?? 0;

describe("the clock's ticks", () => {
  it("re-render a countdown when its text changes, and its board only when a state flips", async () => {
    const soon = T0 + 70_000;
    const later = T0 + 2 * H + 30_000;
    const root = await mount([soon, later]);
    expect(text(root, 70_000)).toBe("1m");
    expect(text(root, later - T0)).toBe("2h 00m");
    expect([count("board"), count("countdown 70000"), count(`countdown ${later - T0}`)]).toEqual([1, 1, 1]);

    // Minutes until the last minute: "1m" holds for 11 s, then seconds.
    await advance(10_999);
    expect(count("countdown 70000")).toBe(1);
    await advance(1);
    expect(text(root, 70_000)).toBe("59s");
    expect(count("countdown 70000")).toBe(2);

    // Nine seconds: the seconds countdown changes nine times; the board and the
    // minute-precision countdown beside it do not render again.
    for (let s = 0; s < 9; s++) await advance(1_000);
    expect(text(root, 70_000)).toBe("50s");
    expect(count("countdown 70000")).toBe(11);
    expect(count(`countdown ${later - T0}`)).toBe(1);
    expect(count("board")).toBe(1);
    expect(root.querySelector("[data-end='70000']")!.getAttribute("data-done")).toBe("false");

    // "2h 00m" holds until 2 h − 1 s are left: 31 s after the start, one render then.
    await advance(10_999);
    expect(count(`countdown ${later - T0}`)).toBe(1);
    await advance(1);
    expect(text(root, later - T0)).toBe("1h 59m");
    expect(count(`countdown ${later - T0}`)).toBe(2);
    expect(count("board")).toBe(1);

    // At its end the job is done: the board renders once for the flip.
    await advance(70_000 - 31_000);
    expect(root.querySelector("[data-end='70000']")!.getAttribute("data-done")).toBe("true");
    expect(text(root, 70_000)).toBe("done");
    expect(count("board")).toBe(2);
  });

  it("keep one timer, for the soonest change, and none once nothing shown will change", async () => {
    const root = await mount([T0 + 3_000]);
    expect(vi.getTimerCount()).toBe(1);
    // The age reads "just now" for 30 s more, the countdown changes every second.
    await advance(3_000);
    expect(text(root, 3_000)).toBe("done");
    expect(vi.getTimerCount()).toBe(1);
    const ages = count("age");
    await advance(26_999);
    expect(root.querySelector("[data-testid=age]")!.textContent).toBe("just now");
    expect(count("age")).toBe(ages);
    await advance(1);
    expect(root.querySelector("[data-testid=age]")!.textContent).toBe("1 min ago");
    expect(count("age")).toBe(ages + 1);
    // Only the age is left to change: the next tick is a minute away, nothing sooner.
    const board = count("board");
    await advance(59_999);
    expect(count("age")).toBe(ages + 1);
    await advance(1);
    expect(root.querySelector("[data-testid=age]")!.textContent).toBe("2 min ago");
    expect(count("board")).toBe(board);
  });

  it("look again only at the texts due by then, however many are shown", async () => {
    // Forty countdowns whose minutes turn over at forty different seconds.
    const looks = new Map<number, number>();
    function Counted({ until }: { until: number }) {
      return (
        <>
          {useTimed((at) => {
            looks.set(until, (looks.get(until) ?? 0) + 1);
            return countdown(until - at);
          })}
        </>
      );
    }
    const ends = Array.from({ length: 40 }, (_, k) => T0 + 2 * H + k * 1_000);
    const root = document.createElement("div");
    document.body.append(root);
    roots.push(root);
    await act(() => {
      render(
        <ul>
          {ends.map((end) => (
            <li key={end}>
              <Counted until={end} />
            </li>
          ))}
        </ul>,
        root,
      );
    });
    looks.clear();
    // The first one's minute turns over 1 s from now: it alone is asked, and renders.
    await advance(1_000);
    expect([...looks.keys()]).toEqual([ends[0]]);
    expect(root.textContent).toContain("1h 59m");
    // Ten seconds on: ten more turned over, each asked once at its own tick.
    looks.clear();
    await advance(10_000);
    expect([...looks.keys()].sort()).toEqual(ends.slice(1, 11));
    expect(Math.max(...looks.values())).toBeLessThanOrEqual(2); // its look and its render
  });

  it("stop while the window is hidden and catch up when it shows", async () => {
    const root = await mount([T0 + 20_000]);
    setWindowShown(false);
    expect(vi.getTimerCount()).toBe(0);
    await advance(25_000);
    expect(text(root, 20_000)).toBe("20s");
    await act(() => setWindowShown(true));
    expect(text(root, 20_000)).toBe("done");
    expect(root.querySelector("[data-end='20000']")!.getAttribute("data-done")).toBe("true");
  });
});
