// Long lists shown in two steps: the first rows (more than a window holds) at once, the
// rest just after that first frame is on screen. At 100 pilots the Overview's cards took
// most of the start-up (BENCHMARKS.md); a player sees the top of the list first anyway.
import { useEffect, useState } from "preact/hooks";

/** Rows rendered in the first frame: more than fit in any window. */
export const FIRST_ROWS = 24;

/** How many of `total` rows to render now: `FIRST_ROWS`, then all after one frame. */
export function useProgressive(total: number, first = FIRST_ROWS): number {
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (all || total <= first) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the frame that shows the first rows has been painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAll(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [all, total, first]);
  return all ? total : Math.min(total, first);
}
