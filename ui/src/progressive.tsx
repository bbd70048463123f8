// Long lists grow as the player scrolls: the first rows (more than a window holds) with the
// first frame, then a chunk more whenever the list's end comes within a window's height of
// the view. At 100 pilots, rendering every Overview card took longer than the rest of the
// start-up, and kept the window busy after it; on Trade, 4,000 countdowns turning over
// every minute cost the idle window 1.2 % of a core (BENCHMARKS.md). A player sees the
// top first.
import { useEffect, useState } from "preact/hooks";
import { afterFirstPaint } from "./startup";

/** Rows rendered in the first frame, and added each time the end comes near. */
export const FIRST_ROWS = 24;
/** Pilots' sections (a table of their orders, contracts…) rendered first, and added. */
export const FIRST_SECTIONS = 4;

/**
 * How many of `total` rows to render, and `end`, the ref of an element after the rows
 * (shown or not, as the view likes): when it comes within a window's height of the view,
 * `first` more are rendered. Rows beyond the first wait for the page's first paint (they
 * are not in it).
 */
export function useProgressive(
  total: number,
  first = FIRST_ROWS,
): { shown: number; end: (element: HTMLElement | null) => void } {
  const [shown, setShown] = useState(first);
  const [painted, setPainted] = useState(false);
  // A state, not a ref: an end that appears later (a layout switched back) is watched too.
  const [end, setEnd] = useState<HTMLElement | null>(null);
  useEffect(() => {
    let live = true;
    void afterFirstPaint.then(() => live && setPainted(true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!painted || !end || shown >= total) return;
    // A new observer for each chunk reports at once whether the end is still near.
    const near = new IntersectionObserver((seen) => seen.some((s) => s.isIntersecting) && setShown(shown + first), {
      rootMargin: "100% 0px",
    });
    near.observe(end);
    return () => near.disconnect();
  }, [painted, end, shown, total, first]);
  return { shown: Math.min(total, shown), end: setEnd };
}

/** The end of a growing list (`end` from `useProgressive`): "N more below" while some wait. */
export function MoreBelow({
  total,
  shown,
  end,
  what = "",
  testId = "more-rows",
}: {
  total: number;
  shown: number;
  end: (element: HTMLElement | null) => void;
  what?: string;
  testId?: string;
}) {
  if (shown >= total) return null;
  return (
    <div ref={end} class="more-rows muted" data-testid={testId}>
      {total - shown} more {what ? `${what} ` : ""}below
    </div>
  );
}
