// The start-up mark (BENCHMARKS.md): the first time the stored boards are on screen,
// one frame after they were rendered, the core is told (it logs the time since start).
import { commands } from "./bindings";

let marked = false;

export function markPainted() {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      void commands.startupPainted().catch(() => undefined);
    }),
  );
}
