import type { JSX } from "preact";
import { commands, type CharacterSlots, type IndustryJob, type JobsOwner } from "./bindings";
import { useState } from "preact/hooks";
import { useBoard } from "./board";
import { pref, setPref } from "./prefs";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, isJobReady, moment } from "./time";
import { Age, Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { unnamed } from "./names";
import { NoCharacters } from "./empty";
import { FreeSlots, shownKinds } from "./slots";

const FILTERS = ["all", "ready", "active"] as const;
type Filter = (typeof FILTERS)[number];

type Row = { job: IndustryJob; owner: JobsOwner };

/** The table's columns: how each reads and sorts. "Ends" is always shown. */
const COLUMNS = [
  { id: "ends", label: "Ends", key: (r: Row) => r.job.endAt },
  { id: "activity", label: "Activity", key: (r: Row) => r.job.activity ?? "" },
  { id: "product", label: "Product", key: (r: Row) => productName(r.job) },
  { id: "owner", label: "Owner", key: (r: Row) => ownerName(r.owner) },
  { id: "location", label: "Location", key: (r: Row) => r.job.locationName ?? "" },
] as const;
type Column = (typeof COLUMNS)[number]["id"];

function compare(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

/** The industry board across all characters and corporations, from the stored boards. */
export function IndustryBoard() {
  const { view, error } = useBoard(commands.jobsOnView, ["character_jobs", "corporation_jobs"]);
  const slots = useBoard(commands.slotsRead, ["skills", "character_jobs", "corporation_jobs"]);
  const [search, setSearch] = useState("");
  const chosenActivity = pref("industry.activity", "all");
  // As the player left them (kept between starts).
  const filter: Filter = FILTERS.find((f) => f === pref("industry.filter", "all")) ?? "all";
  const who = pref("industry.who", "all");
  const sort = pref("industry.sort", { column: "ends", descending: false });
  const sortBy = COLUMNS.find((c) => c.id === sort.column) ?? COLUMNS[0];
  const hidden = pref("industry.hidden", []);
  const shown = COLUMNS.filter((c) => c.id === "ends" || !hidden.includes(c.id));
  const setFilter = (f: Filter) => setPref("industry.filter", f);
  const setWho = (w: string) => setPref("industry.who", w);
  const sortOn = (column: Column) =>
    setPref("industry.sort", {
      column,
      descending: sort.column === column ? !sort.descending : false,
    });
  const toggleColumn = (column: Column) =>
    setPref("industry.hidden", hidden.includes(column) ? hidden.filter((c) => c !== column) : [...hidden, column]);

  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (view.owners.length === 0) return <NoCharacters what="their industry jobs" />;

  const at = moment.value;
  const characters = view.owners.filter((o) => o.ownerKind === "character");
  const corporations = view.owners.filter((o) => o.ownerKind === "corporation");
  const all = view.owners.flatMap((owner) => (owner.jobs ?? []).map((job) => ({ job, owner })));
  const activities = [...new Set(all.map(({ job }) => job.activity ?? "Industry"))].sort();
  // A remembered activity no job has any more filters nothing away.
  const activity = activities.includes(chosenActivity) ? chosenActivity : "all";
  const needle = search.trim().toLowerCase();
  const rows: Row[] = all
    .filter(({ job, owner }) => {
      if (who.startsWith("corporation-")) {
        if (!(owner.ownerKind === "corporation" && `corporation-${owner.ownerId}` === who)) return false;
      } else if (
        who !== "all" &&
        !(owner.ownerKind === "character" && String(owner.ownerId) === who) &&
        String(job.installerId) !== who
      )
        return false;
      if (activity !== "all" && (job.activity ?? "Industry") !== activity) return false;
      if (
        needle &&
        ![productName(job), ownerName(owner), job.installerName ?? "", job.locationName ?? "", job.activity ?? ""].some(
          (t) => t.toLowerCase().includes(needle),
        )
      )
        return false;
      if (filter === "ready") return isJobReady(job, at);
      if (filter === "active") return !isJobReady(job, at);
      return true;
    })
    .sort((a, b) => {
      const order = compare(sortBy.key(a), sortBy.key(b)) || a.job.endAt - b.job.endAt;
      return sort.descending ? -order : order;
    });
  const ready = view.owners.flatMap((o) => o.jobs ?? []).filter((j) => isJobReady(j, at)).length;

  return (
    <section class="board" data-testid="industry-board">
      <div class="toolbar" role="group" aria-label="Filter jobs">
        {FILTERS.map((f) => (
          <button
            type="button"
            class={filter === f ? "chip chip-on" : "chip"}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            data-testid={`filter-${f}`}
          >
            {f === "all" ? "All" : f === "ready" ? `Ready (${ready})` : "In progress"}
          </button>
        ))}
        <label class="who">
          <span class="sr-only">Character or corporation</span>
          <select value={who} onChange={(e) => setWho((e.target as HTMLSelectElement).value)} data-testid="industry-who">
            <option value="all">Everyone</option>
            {characters.map((c) => (
              <option value={String(c.ownerId)}>{ownerName(c)}</option>
            ))}
            {corporations.length > 0 && (
              <optgroup label="Corporations">
                {corporations.map((c) => (
                  <option value={`corporation-${c.ownerId}`}>{ownerName(c)}</option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label class="who">
          <span class="sr-only">Activity</span>
          <select
            value={activity}
            onChange={(e) => setPref("industry.activity", (e.target as HTMLSelectElement).value)}
            data-testid="industry-activity"
          >
            <option value="all">Every activity</option>
            {activities.map((a) => (
              <option value={a}>{a}</option>
            ))}
          </select>
        </label>
        <input
          type="search"
          placeholder="Search jobs"
          aria-label="Search jobs"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          data-testid="industry-search"
        />
        <details class="columns" data-testid="industry-columns">
          <summary>Columns</summary>
          <fieldset>
            <legend class="sr-only">Columns shown</legend>
            {COLUMNS.filter((c) => c.id !== "ends").map((c) => (
              <label>
                <input
                  type="checkbox"
                  checked={!hidden.includes(c.id)}
                  onChange={() => toggleColumn(c.id)}
                  data-testid={`column-${c.id}`}
                />{" "}
                {c.label}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <SlotsLine
        characters={characters.filter((c) => who === "all" || String(c.ownerId) === who)}
        slots={slots.view?.characters ?? []}
        at={at}
      />
      <Freshness owners={view.owners} />
      {rows.length === 0 && view.owners.some((o) => firstReadPending(o.jobs, o.sync)) ? (
        <Skeleton lines={3} />
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="no-jobs">
          {filter === "ready" ? "No job is ready." : "No industry jobs."}
        </p>
      ) : (
        <table class="jobs">
          <thead>
            <tr>
              {shown.map((c) => (
                <th
                  scope="col"
                  aria-sort={sortBy.id === c.id ? (sort.descending ? "descending" : "ascending") : undefined}
                  data-column={c.id}
                >
                  <button type="button" class="sort" onClick={() => sortOn(c.id)} data-testid={`sort-${c.id}`}>
                    {c.label}
                    {sortBy.id === c.id && <span aria-hidden="true">{sort.descending ? " ▾" : " ▴"}</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ job, owner }) => (
              <JobRow key={job.jobId} job={job} owner={owner} at={at} columns={shown.map((c) => c.id)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Each character's free slots, for those who use any beyond the one of each kind everyone has. */
function SlotsLine({ characters, slots, at }: { characters: JobsOwner[]; slots: CharacterSlots[]; at: number }) {
  const shown = characters
    .map((c) => ({ owner: c, slots: slots.find((s) => s.characterId === c.ownerId) }))
    .filter(({ slots }) => slots?.slots && shownKinds(slots.slots).length > 0);
  if (shown.length === 0) return null;
  return (
    <ul class="slots-line" data-testid="industry-slots">
      {shown.map(({ owner, slots }) => (
        <li key={owner.ownerId} data-character-id={owner.ownerId}>
          <span class="muted">{ownerName(owner)}:</span> <FreeSlots character={slots} at={at} />
        </li>
      ))}
    </ul>
  );
}

function ownerName(o: JobsOwner): string {
  return o.name ?? (o.ownerKind === "corporation" ? unnamed("Corporation") : unnamed("Character"));
}

function productName(job: IndustryJob): string {
  return job.productName ?? job.blueprintName ?? unnamed("Item");
}

function JobRow({ job, owner, at, columns }: { job: IndustryJob; owner: JobsOwner; at: number; columns: Column[] }) {
  const ready = isJobReady(job, at);
  const cells: Record<Column, JSX.Element> = {
    ends: (
      <td class="num ends">
        {ready ? (
          <span class="badge badge-ok">Ready to deliver</span>
        ) : (
          <>
            <span class="countdown">
              <Countdown until={job.endAt} />
            </span>{" "}
            <span class="muted ends-at">{clockTime(job.endAt, at)}</span>
          </>
        )}
      </td>
    ),
    activity: <td>{job.activity ?? "Industry"}</td>,
    product: (
      <td>
        {productName(job)} <span class="muted nowrap">× {job.runs}</span>
      </td>
    ),
    owner: (
      <td>
        {ownerName(owner)}
        {owner.ownerKind === "corporation" && job.installerName && <span class="muted"> ({job.installerName})</span>}
      </td>
    ),
    location: (
      <td class="muted location" title={job.locationName ?? undefined}>
        {job.locationName ? shorten(job.locationName, 40) : unnamed("Station")}
      </td>
    ),
  };
  return (
    <tr data-job-id={job.jobId} data-ready={ready}>
      {columns.map((c) => cells[c])}
    </tr>
  );
}

/**
 * How fresh the board is, in one line: when the healthy owners were read (the oldest of
 * them), and a line of its own for each owner with a problem.
 */
function Freshness({ owners }: { owners: JobsOwner[] }) {
  const troubled = owners.filter((o) => o.sync.gateState !== "ok" || o.sync.error !== null);
  const healthy = owners.filter((o) => !troubled.includes(o));
  const read = healthy.map((o) => o.sync.lastRefreshedAt);
  const oldest = read.every((t) => t !== null) && read.length > 0 ? Math.min(...(read as number[])) : null;
  const reading = healthy.some((o) => o.sync.lastRefreshedAt === null && o.sync.refreshing);
  return (
    <ul class="owner-notes" data-testid="industry-freshness">
      {healthy.length > 0 && (
        <li data-owner="all">
          <p class="sync-note">
            {oldest !== null ? (
              <>
                Updated <Age since={oldest} />
              </>
            ) : reading ? (
              "Reading from EVE…"
            ) : (
              "Not read yet."
            )}
          </p>
        </li>
      )}
      {troubled.map((o) => (
        <li key={`${o.ownerKind}-${o.ownerId}`} data-owner={`${o.ownerKind}-${o.ownerId}`}>
          <span class="owner-name">{ownerName(o)}</span>
          <SyncNote sync={o.sync} what="jobs" owner={ownerName(o)} />
        </li>
      ))}
    </ul>
  );
}

/** A long name cut to `max` characters on its line (the whole of it is the cell's title). */
function shorten(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}
