// Tells the core whether someone is looking (docs/design.md §6): a heartbeat on start, on
// becoming visible and every 20 s while visible; "hidden" as soon as the page is hidden
// or the shell says the window is (WebKitGTK keeps an unmapped window's page "visible",
// and its heartbeats would wake the app every 20 s in the tray for nothing).
import { commands } from "./bindings";

const EVERY_MS = 20_000;
let timer: ReturnType<typeof setInterval> | undefined;
let windowShown = true;

function beat() {
  void commands.presenceHeartbeat().catch(() => undefined);
}

function follow() {
  if (document.visibilityState === "visible" && windowShown) {
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

/** The shell saw the window hidden or shown: heartbeats stop or resume with it. */
export function setPresenceWindowShown(shown: boolean) {
  if (shown === windowShown) return;
  windowShown = shown;
  follow();
}
