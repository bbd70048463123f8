import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { FIRST_ROWS, useProgressive } from "./progressive";

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

function List(props: { total: number }) {
  const shown = useProgressive(props.total);
  return (
    <ul>
      {Array.from({ length: shown }, (_, i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

const afterNextFrame = () =>
  new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));

describe("a long list", () => {
  it("shows its first rows in the first frame and the rest right after", async () => {
    root = document.createElement("div");
    document.body.append(root);
    act(() => render(<List total={100} />, root!));
    expect(root.querySelectorAll("li")).toHaveLength(FIRST_ROWS);

    await act(async () => {
      await afterNextFrame();
      await afterNextFrame();
    });
    expect(root.querySelectorAll("li")).toHaveLength(100);
  });

  it("shows a short list whole at once", () => {
    root = document.createElement("div");
    document.body.append(root);
    act(() => render(<List total={FIRST_ROWS} />, root!));
    expect(root.querySelectorAll("li")).toHaveLength(FIRST_ROWS);
  });
});
