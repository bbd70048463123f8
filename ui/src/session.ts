// Which data the window shows: the player's own, or the demo's. Switching reloads every
// view (the app keys its views on `session.generation`).
import { signal } from "@preact/signals";
import { commands, events } from "./bindings";
import { firstOr } from "./first";
import { call } from "./ipc";
import { online } from "./live";
import { setServerOffset } from "./time";

export const session = signal<{ demo: boolean; generation: number }>({ demo: false, generation: 0 });

/** Follows `session-changed` and reads the current mode once. */
export function startSession() {
  void events.sessionChanged.listen((e) => switched(e.payload.demo)).catch(() => undefined);
  void events.serverClockChanged.listen((e) => setServerOffset(e.payload.offsetMs)).catch(() => undefined);
  void call(firstOr("appInfo", commands.appInfo)())
    .then((info) => {
      setServerOffset(info.serverOffsetMs);
      if (info.demo !== session.value.demo) session.value = { ...session.value, demo: info.demo };
    })
    .catch(() => undefined);
}

/** The core now is the demo's (or not): views start over. Idempotent. */
function switched(demo: boolean) {
  if (session.value.demo === demo) return;
  online.value = {};
  session.value = { demo, generation: session.value.generation + 1 };
}

export async function enterDemo() {
  await call(commands.demoEnter());
  switched(true);
}

export async function leaveDemo() {
  await call(commands.demoLeave());
  switched(false);
}
