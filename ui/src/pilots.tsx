// "All pilots": every character on one dense line, sortable by any column, searchable,
// grouped by account if the player wants, in an order the player sets by dragging.
import { useState } from "preact/hooks";
import type { Account, CharacterSkills, CharacterSlots, JobsOwner, RosterEntry } from "./bindings";
import { online } from "./live";
import { pref, setPref } from "./prefs";
import { Portrait } from "./roster";
import { PilotLink } from "./pilot";
import { clockTime, count, currentEntry, isJobReady, level, passed, queueEnd, queueState } from "./time";
import { Countdown } from "./clock";
import { unnamed } from "./names";
import { FreeSlots, freeCount } from "./slots";

type Column = "pilot" | "account" | "online" | "training" | "queue" | "sp" | "jobs" | "slots";
/** `order`: the player's own order (dragged), the table's default. */
type SortKey = Column | "order";

/** One pilot's line, with the values it is sorted by. */
type Row = {
  entry: RosterEntry;
  account: string | null;
  online: boolean | null;
  training: string | null;
  /** When the skill in training finishes (sorting by it sorts by time left). */
  trainingEnd: number | null;
  queueEnd: number | null;
  queueEmpty: boolean;
  sp: number | null;
  active: number | null;
  ready: number | null;
  slots: CharacterSlots | undefined;
  free: number | null;
};

const COLUMNS: { id: Column; label: string; numeric?: boolean }[] = [
  { id: "pilot", label: "Pilot" },
  { id: "account", label: "Account" },
  { id: "online", label: "Online" },
  { id: "training", label: "Training" },
  { id: "queue", label: "Queue ends", numeric: true },
  { id: "sp", label: "Skill points", numeric: true },
  { id: "jobs", label: "Jobs (in progress · ready)", numeric: true },
  { id: "slots", label: "Free slots", numeric: true },
];

export function PilotsTable(props: {
  characters: RosterEntry[];
  skills: Map<number, CharacterSkills>;
  jobs: Map<number, JobsOwner>;
  slots: Map<number, CharacterSlots>;
  accounts: Account[];
  at: number;
  warnMs: number;
}) {
  const { at } = props;
  const [search, setSearch] = useState("");
  const sort = pref("pilots.sort", { column: "order", descending: false });
  const grouped = pref("pilots.grouped", false);
  const order = pref("pilots.order", [] as number[]);
  const [dragged, setDragged] = useState<number | null>(null);

  const accountName = new Map(props.accounts.map((a) => [a.accountId, a.name]));
  const rows: Row[] = props.characters.map((entry) => {
    const queue = props.skills.get(entry.characterId)?.queue ?? null;
    const current = queue ? currentEntry(queue, at) : undefined;
    const jobs = props.jobs.get(entry.characterId)?.jobs ?? null;
    const ready = jobs?.filter((j) => isJobReady(j, at)).length ?? null;
    return {
      entry,
      account: entry.accountId !== null ? (accountName.get(entry.accountId) ?? null) : null,
      online: online.value[entry.characterId] ?? null,
      training: current ? `${current.name ?? unnamed("Skill")} ${level(current.finishedLevel)}` : null,
      trainingEnd: current?.finishAt ?? null,
      queueEnd: queue ? queueEnd(queue) : null,
      queueEmpty: queue !== null && queueState(queue, at, props.warnMs) === "empty",
      sp: props.skills.get(entry.characterId)?.skills?.totalSp ?? null,
      active: jobs && ready !== null ? jobs.length - ready : null,
      ready,
      slots: props.slots.get(entry.characterId),
      free: freeCount(props.slots.get(entry.characterId), at),
    };
  });

  const needle = search.trim().toLowerCase();
  const shown = rows.filter(
    (r) => !needle || [r.entry.name, r.account ?? "", r.training ?? ""].some((t) => t.toLowerCase().includes(needle)),
  );
  const position = (id: number) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length + props.characters.findIndex((c) => c.characterId === id) : i;
  };
  const sorted = [...shown].sort((a, b) => compare(a, b, sort.column as SortKey, sort.descending, position));

  const sortBy = (column: Column) =>
    setPref("pilots.sort", {
      column,
      descending: sort.column === column ? !sort.descending : false,
    });
  const drop = (target: number) => {
    if (dragged === null || dragged === target) return;
    const ids = [...props.characters].sort((a, b) => position(a.characterId) - position(b.characterId)).map((c) => c.characterId);
    const without = ids.filter((id) => id !== dragged);
    without.splice(without.indexOf(target), 0, dragged);
    setPref("pilots.order", without);
    setPref("pilots.sort", { column: "order", descending: false });
    setDragged(null);
  };

  const groups = grouped
    ? [...new Set(sorted.map((r) => r.account))].sort((a, b) =>
        a === null ? 1 : b === null ? -1 : a.localeCompare(b),
      )
    : [undefined];
  const draggable = sort.column === "order" && !needle;

  return (
    <div class="pilots" data-testid="pilots">
      <div class="table-tools">
        <input
          type="search"
          placeholder="Search pilots, accounts, skills"
          aria-label="Search pilots"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          data-testid="pilots-search"
        />
        <label class="toggle">
          <input
            type="checkbox"
            checked={grouped}
            onChange={(e) => setPref("pilots.grouped", (e.target as HTMLInputElement).checked)}
            data-testid="pilots-grouped"
          />{" "}
          By account
        </label>
        {sort.column !== "order" && (
          <button
            type="button"
            class="quiet"
            onClick={() => setPref("pilots.sort", { column: "order", descending: false })}
            data-testid="pilots-own-order"
          >
            Your order
          </button>
        )}
      </div>
      <table class="pilots-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.id}
                class={c.numeric ? "num" : undefined}
                aria-sort={sort.column === c.id ? (sort.descending ? "descending" : "ascending") : undefined}
              >
                <button type="button" class="sort" onClick={() => sortBy(c.id)} data-testid={`pilots-sort-${c.id}`}>
                  {c.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group ?? "all"} data-account={group ?? undefined}>
            {grouped && (
              <tr class="group-head">
                <th colSpan={COLUMNS.length}>{group ?? "No account"}</th>
              </tr>
            )}
            {sorted
              .filter((r) => !grouped || r.account === group)
              .map((r) => (
                <tr
                  key={r.entry.characterId}
                  data-character-id={r.entry.characterId}
                  draggable={draggable}
                  onDragStart={() => setDragged(r.entry.characterId)}
                  onDragOver={(e) => draggable && e.preventDefault()}
                  onDrop={() => drop(r.entry.characterId)}
                >
                  <td>
                    <span class="pilot-cell">
                      <Portrait entry={r.entry} />
                      <span class="roster-name">
                        <PilotLink entry={r.entry} />
                      </span>
                    </span>
                  </td>
                  <td>{r.account ?? <span class="muted">—</span>}</td>
                  <td>{r.online === null ? <span class="muted">?</span> : r.online ? "Online" : <span class="muted">Offline</span>}</td>
                  <td>
                    {r.training ? (
                      <>
                        {r.training}{" "}
                        <span class="num countdown muted">
                          <Countdown until={r.trainingEnd ?? 0} />
                        </span>
                      </>
                    ) : r.queueEmpty ? (
                      <span class="badge badge-error">Not training</span>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td class="num" title={r.queueEnd !== null ? clockTime(r.queueEnd, at) : undefined}>
                    {r.queueEnd !== null && !passed(r.queueEnd, at) ? <Countdown until={r.queueEnd} /> : <span class="muted">—</span>}
                  </td>
                  <td class="num">{r.sp !== null ? count(r.sp) : <span class="muted">—</span>}</td>
                  <td class="num">
                    {r.active !== null ? (
                      <>
                        {r.active} · <span class={r.ready ? "ready" : undefined}>{r.ready}</span>
                      </>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                  <td class="num" data-column="slots">
                    {r.free !== null ? (
                      <FreeSlots character={r.slots} at={at} />
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
      {sorted.length === 0 && <p class="muted">No pilot matches “{search}”.</p>}
    </div>
  );
}

/** Order by `column`: what is not known (yet) last either way, ties in the player's order. */
function compare(a: Row, b: Row, column: SortKey, descending: boolean, position: (id: number) => number): number {
  const tie = position(a.entry.characterId) - position(b.entry.characterId);
  const by = <T,>(f: (r: Row) => T | null, cmp: (x: T, y: T) => number) => {
    const x = f(a);
    const y = f(b);
    if (x === null && y === null) return tie;
    if (x === null) return 1;
    if (y === null) return -1;
    return (descending ? -cmp(x, y) : cmp(x, y)) || tie;
  };
  const num = (x: number, y: number) => x - y;
  const text = (x: string, y: string) => x.localeCompare(y);
  switch (column) {
    case "order":
      return descending ? -tie : tie;
    case "pilot":
      return by((r) => r.entry.name, text);
    case "account":
      return by((r) => r.account, text);
    case "online":
      return by((r) => (r.online === null ? null : r.online ? 0 : 1), num);
    case "training":
      return by((r) => r.trainingEnd, num);
    case "queue":
      return by((r) => r.queueEnd, num);
    case "sp":
      return by((r) => r.sp, num);
    case "jobs":
      return by((r) => r.ready, num);
    case "slots":
      return by((r) => r.free, num);
  }
}
