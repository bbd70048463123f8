import { useState } from "preact/hooks";
import { commands, type IndustryJob, type JobsOwner } from "./bindings";
import { useBoard } from "./board";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { countdown, isJobReady, now } from "./time";

type Filter = "all" | "ready" | "active";

type Row = { job: IndustryJob; owner: JobsOwner };

/** The industry board across all characters and corporations, from the stored boards. */
export function IndustryBoard() {
  const { view, error } = useBoard(commands.jobsOnView, ["character_jobs", "corporation_jobs"]);
  const [filter, setFilter] = useState<Filter>("all");
  const [who, setWho] = useState<string>("all");

  if (error) {
    return (
      <p class="notice notice-error" role="alert" data-code={error.code}>
        {error.message}
      </p>
    );
  }
  if (!view) return <section class="board" aria-busy="true" />;

  const at = now.value;
  const characters = view.owners.filter((o) => o.ownerKind === "character");
  const rows: Row[] = view.owners
    .flatMap((owner) => (owner.jobs ?? []).map((job) => ({ job, owner })))
    .filter(({ job, owner }) => {
      if (who !== "all" && !(owner.ownerKind === "character" && String(owner.ownerId) === who) && String(job.installerId) !== who)
        return false;
      if (filter === "ready") return isJobReady(job, at);
      if (filter === "active") return !isJobReady(job, at);
      return true;
    })
    .sort((a, b) => a.job.endAt - b.job.endAt);
  const ready = view.owners.flatMap((o) => o.jobs ?? []).filter((j) => isJobReady(j, at)).length;

  return (
    <section class="board" data-testid="industry-board">
      <div class="toolbar" role="group" aria-label="Filter jobs">
        {(["all", "ready", "active"] as const).map((f) => (
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
          <span class="sr-only">Character</span>
          <select value={who} onChange={(e) => setWho((e.target as HTMLSelectElement).value)}>
            <option value="all">All characters</option>
            {characters.map((c) => (
              <option value={String(c.ownerId)}>{c.name}</option>
            ))}
          </select>
        </label>
      </div>
      <ul class="owner-notes">
        {view.owners.map((o) => (
          <li key={`${o.ownerKind}-${o.ownerId}`} data-owner={`${o.ownerKind}-${o.ownerId}`}>
            <span class="owner-name">{ownerName(o)}</span>
            <SyncNote sync={o.sync} what="jobs" owner={ownerName(o)} />
          </li>
        ))}
      </ul>
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
              <th scope="col">Ends</th>
              <th scope="col">Activity</th>
              <th scope="col">Product</th>
              <th scope="col">Owner</th>
              <th scope="col">Location</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ job, owner }) => (
              <JobRow key={job.jobId} job={job} owner={owner} at={at} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ownerName(o: JobsOwner): string {
  return o.name ?? (o.ownerKind === "corporation" ? `Corporation #${o.ownerId}` : `Character #${o.ownerId}`);
}

function JobRow({ job, owner, at }: { job: IndustryJob; owner: JobsOwner; at: number }) {
  const ready = isJobReady(job, at);
  const product = job.productName ?? job.blueprintName ?? `Type #${job.productTypeId ?? job.blueprintTypeId}`;
  return (
    <tr data-job-id={job.jobId} data-ready={ready}>
      <td class="num">
        {ready ? <span class="badge badge-ok">Ready</span> : <span class="countdown">{countdown(job.endAt - at)}</span>}
      </td>
      <td>{job.activity ?? "Industry"}</td>
      <td>
        {product} <span class="muted nowrap">× {job.runs}</span>
      </td>
      <td>
        {ownerName(owner)}
        {owner.ownerKind === "corporation" && job.installerName && <span class="muted"> ({job.installerName})</span>}
      </td>
      <td class="muted">{job.locationName ?? `Location #${job.locationId}`}</td>
    </tr>
  );
}
