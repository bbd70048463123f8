import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { FIRST_ROWS, useProgressive } from "./progressive";
import { markPainted } from "./startup";

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

/** Rows a window's height apart, so how many are near the view is known. */
function List(props: { total: number; endShown?: boolean }) {
  const { shown, end } = useProgressive(props.total);
  return (
    <>
      <ul style={{ margin: 0 }}>
        {Array.from({ length: shown }, (_, i) => (
          <li key={i} style={{ height: `${window.innerHeight}px` }}>
            {i}
          </li>
        ))}
      </ul>
      {shown < props.total && props.endShown !== false && <div ref={end} data-testid="end" />}
    </>
  );
}

const nextFrame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
/** Waits up to a few frames for `done` (an observer reports after a rendering update). */
async function frames(done: () => boolean = () => false, max = 6) {
  for (let i = 0; i < max && !done(); i++) await act(nextFrame);
}
const rows = () => root!.querySelectorAll("li").length;
const showEnd = () => act(() => root!.querySelector("[data-testid=end]")!.scrollIntoView({ block: "end" }));

describe("a long list", () => {
  it("shows its first rows, more only after the first paint and as its end comes near", async () => {
    root = document.createElement("div");
    document.body.append(root);
    act(() => render(<List total={100} />, root!));
    expect(rows()).toBe(FIRST_ROWS);

    // The end in view before the page's first paint: nothing more yet.
    await showEnd();
    await frames();
    expect(rows()).toBe(FIRST_ROWS);

    act(() => markPainted());
    await frames(() => rows() > FIRST_ROWS);
    expect(rows()).toBe(2 * FIRST_ROWS);
    // The new end is far below the view: no more until the player scrolls there.
    await frames();
    expect(rows()).toBe(2 * FIRST_ROWS);

    for (const expected of [3 * FIRST_ROWS, 4 * FIRST_ROWS, 100]) {
      await showEnd();
      await frames(() => rows() === expected);
      expect(rows()).toBe(expected);
    }
    expect(root.querySelector("[data-testid=end]")).toBeNull();
  });

  it("watches an end that appears later (a layout switched back)", async () => {
    act(() => markPainted());
    root = document.createElement("div");
    document.body.append(root);
    act(() => render(<List total={100} endShown={false} />, root!));
    await frames();
    expect(rows()).toBe(FIRST_ROWS);

    act(() => render(<List total={100} />, root!));
    await showEnd();
    await frames(() => rows() > FIRST_ROWS);
    expect(rows()).toBe(2 * FIRST_ROWS);
  });

  it("shows a short list whole at once", () => {
    root = document.createElement("div");
    document.body.append(root);
    act(() => render(<List total={FIRST_ROWS} />, root!));
    expect(rows()).toBe(FIRST_ROWS);
    expect(root.querySelector("[data-testid=end]")).toBeNull();
  });
});
