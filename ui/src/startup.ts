// The start-up mark (BENCHMARKS.md): the first time the stored boards are on screen,
// one frame after they were rendered, the core is told (it logs the time since start),
// with the page's own steps on the way (`pageStep`) so the benchmark can say where the
// web view's share of the start went.
import { commands, type PageStep } from "./bindings";

let marked = false;
let firstPainted: () => void = () => undefined;
/** Resolves once the page's first stored boards are on screen (`markPainted`). */
export const afterFirstPaint = new Promise<void>((done) => (firstPainted = done));
let reported = false;
const steps: { step: string; at: number }[] = [];

/** A step of this page's start (kept until the first paint is reported; then ignored). */
export function pageStep(step: string) {
  if (!reported) steps.push({ step, at: performance.now() });
}

export function markPainted() {
  if (marked) return;
  pageStep("rendered");
  marked = true;
  requestAnimationFrame(() => {
    pageStep("frame");
    requestAnimationFrame(() => {
      reported = true;
      const now = performance.now();
      const ago: PageStep[] = [{ step: "navigated", agoMs: now }, ...steps.map((s) => ({ step: s.step, agoMs: now - s.at }))];
      void commands.startupPainted(ago).catch(() => undefined);
      firstPainted();
    });
  });
}
