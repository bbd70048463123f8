// The time as text on screen: each of these re-renders when its own text changes (see
// `useTimed` in time.ts), so a countdown ticking in seconds does not redraw its board.
import { age, countdown, eveTime, useTimed } from "./time";

/** "3h 05m" until `until` (server time); `past` once it has come, if given. */
export function Countdown({ until, past }: { until: number; past?: string }) {
  return <>{useTimed((at) => (past !== undefined && until <= at ? past : countdown(until - at)))}</>;
}

/** "3 min ago" since `since` (server time). */
export function Age({ since }: { since: number }) {
  return <>{useTimed((at) => age(at - since))}</>;
}

/** EVE time, "14:05". */
export function EveTime() {
  return <>{useTimed(eveTime)}</>;
}
