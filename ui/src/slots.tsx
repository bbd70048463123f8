// Free industry slots: the core says how many each character has and when each job
// holding one ends; the clock says which are free now.
import type { CharacterSlots, SlotKind, SlotUse } from "./bindings";
import { wakeAt } from "./time";

const WORD: Record<SlotKind, string> = { manufacturing: "manufacturing", science: "science", reactions: "reaction" };
const TITLE: Record<SlotKind, string> = { manufacturing: "Manufacturing", science: "Science", reactions: "Reactions" };

/** Slots of a kind not held by a running or paused job at `at`. */
export function freeOf(s: SlotUse, at: number): number {
  const busy = s.busyUntil.filter((end) => end > at);
  if (busy.length > 0) wakeAt(Math.min(...busy));
  const running = busy.length + s.paused;
  return Math.max(0, s.total - running);
}

/** The kinds worth showing: every pilot has one slot of each, so a kind counts once a skill added slots or a job used one. */
export function shownKinds(slots: SlotUse[]): SlotUse[] {
  return slots.filter((s) => s.total > 1 || s.busyUntil.length + s.paused > 0);
}

/** Free slots of the kinds shown (for sorting); `null` when the skills are not read or no kind is shown. */
export function freeCount(c: CharacterSlots | undefined, at: number): number | null {
  const kinds = c?.slots ? shownKinds(c.slots) : [];
  return kinds.length === 0 ? null : kinds.reduce((n, s) => n + freeOf(s, at), 0);
}

/** "2 manufacturing · 1 science slots free", or "All slots busy". */
export function FreeSlots({ character, at }: { character: CharacterSlots | undefined; at: number }) {
  if (!character?.slots) return null;
  const kinds = shownKinds(character.slots);
  if (kinds.length === 0) return null;
  const free = kinds.map((s) => [s, freeOf(s, at)] as const).filter(([, n]) => n > 0);
  const total = free.reduce((n, [, f]) => n + f, 0);
  const title = kinds
    .map((s) => {
      const ready = s.busyUntil.filter((end) => end <= at).length;
      const held = s.busyUntil.length + s.paused;
      return `${TITLE[s.kind]}: ${held} of ${s.total} in use${ready > 0 ? ` (${ready} ready to deliver)` : ""}`;
    })
    .concat(
      character.corporationJobsUnseen
        ? ["Jobs installed for the corporation are not counted: no linked character may read its jobs."]
        : [],
    )
    .join("\n");
  return (
    <span class="free-slots" title={title} data-testid="free-slots" data-free={total}>
      {total === 0 ? (
        <span class="muted">All slots busy</span>
      ) : (
        <>
          {free.map(([s, n], i) => (
            <span key={s.kind} data-kind={s.kind}>
              {i > 0 && " · "}
              <span class="num">{n}</span> {WORD[s.kind]}
            </span>
          ))}{" "}
          {total === 1 ? "slot free" : "slots free"}
        </>
      )}
    </span>
  );
}
