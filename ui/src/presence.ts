// Tells the core whether someone is looking (DESIGN.md §6): a heartbeat on start, on
// becoming visible and every 20 s while visible; "hidden" as soon as the page is hidden.
import { commands } from "./bindings";

const EVERY_MS = 20_000;
let timer: ReturnType<typeof setInterval> | undefined;

function beat() {
  void commands.presenceHeartbeat().catch(() => undefined);
}

function follow() {
  if (document.visibilityState === "visible") {
    beat();
    timer ??= setInterval(beat, EVERY_MS);
  } else {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    void commands.presenceHidden().catch(() => undefined);
  }
}

export function startPresence() {
  document.removeEventListener("visibilitychange", follow);
  document.addEventListener("visibilitychange", follow);
  follow();
}
