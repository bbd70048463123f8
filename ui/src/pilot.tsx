// A page per pilot: the whole skill queue on a timeline, trained skills by group with a
// search, and the pilot's jobs. Opened by clicking a pilot anywhere.
import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { commands, type Account, type CharacterSkills, type IndustryJob, type RosterEntry } from "./bindings";
import { useBoard } from "./board";
import { call } from "./ipc";
import { unnamed } from "./names";
import { ErrorNotice } from "./notice";
import { ColonyRow } from "./planets";
import { Identity } from "./roster";
import { markPainted } from "./startup";
import { SyncNote } from "./sync";
import { AttributesLine } from "./skills";
import { clockTime, count, isJobReady, level, moment, passed, queueEnd } from "./time";
import { Countdown } from "./clock";

/** The pilot whose page is open (`null`: the views). */
export const pilotShown = signal<number | null>(null);

export function openPilot(characterId: number) {
  pilotShown.value = characterId;
  window.scrollTo(0, 0);
}

/** A pilot's name that opens their page. */
export function PilotLink({ entry }: { entry: { characterId: number; name: string } }) {
  return (
    <button type="button" class="link pilot-link" onClick={() => openPilot(entry.characterId)} data-testid="pilot-link">
      {entry.name}
    </button>
  );
}

export function PilotPage({ characterId }: { characterId: number }) {
  const skills = useBoard(() => commands.skillsOnView(true), ["skills", "skillqueue", "attributes"]);
  const jobs = useBoard(commands.jobsOnView, ["character_jobs", "corporation_jobs"]);
  const planets = useBoard(commands.planetsOnView, ["planets"]);
  const [entry, setEntry] = useState<RosterEntry | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  useEffect(() => {
    let live = true;
    call(commands.rosterList())
      .then((r) => live && setEntry(r.find((c) => c.characterId === characterId) ?? null))
      .catch(() => undefined);
    call(commands.accountsList())
      .then((a) => live && setAccounts(a))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [characterId]);

  // A window opened on this page (from the tray) has painted its stored boards.
  const painted = entry !== null && skills.view != null && jobs.view != null;
  useEffect(() => {
    if (painted) markPainted();
  }, [painted]);

  const at = moment.value;
  const character = skills.view?.characters.find((c) => c.characterId === characterId);
  const own = (jobs.view?.owners ?? []).flatMap((o) =>
    (o.jobs ?? [])
      .filter((j) => (o.ownerKind === "character" ? o.ownerId === characterId : j.installerId === characterId))
      .map((job) => ({ job, corporation: o.ownerKind === "corporation" ? o.name : null })),
  );
  const colonies = planets.view?.on ? planets.view.characters.find((c) => c.characterId === characterId) : undefined;
  const account = entry?.accountId != null ? accounts.find((a) => a.accountId === entry.accountId)?.name : null;

  return (
    <section class="pilot-page" data-testid="pilot-page" data-character-id={characterId}>
      <button type="button" class="quiet" onClick={() => (pilotShown.value = null)} data-testid="pilot-back">
        ← Back
      </button>
      {entry && (
        <header class="pilot-head">
          <Identity entry={entry} />
          {account && <span class="muted">{account}</span>}
        </header>
      )}
      {(skills.error || jobs.error || planets.error) && <ErrorNotice error={(skills.error ?? jobs.error ?? planets.error)!} />}
      {character && <Queue character={character} at={at} />}
      {character?.skills && <Trained character={character} />}
      <h2 class="section-title">Industry jobs</h2>
      {own.length === 0 ? (
        <p class="muted" data-testid="pilot-no-jobs">
          No industry jobs.
        </p>
      ) : (
        <ul class="pilot-jobs" data-testid="pilot-jobs">
          {own
            .sort((a, b) => a.job.endAt - b.job.endAt)
            .map(({ job, corporation }) => (
              <JobLine key={job.jobId} job={job} corporation={corporation} at={at} />
            ))}
        </ul>
      )}
      {colonies && (
        <>
          <h2 class="section-title">Planetary colonies</h2>
          {colonies.colonies === null ? (
            <p class="muted">Colonies not read yet.</p>
          ) : colonies.colonies.length === 0 ? (
            <p class="muted" data-testid="pilot-no-colonies">
              No colonies.
            </p>
          ) : (
            <ul class="colonies" data-testid="pilot-colonies">
              {colonies.colonies.map((colony) => (
                <ColonyRow key={colony.planetId} colony={colony} />
              ))}
            </ul>
          )}
          <SyncNote sync={colonies.sync} what="colonies" />
        </>
      )}
    </section>
  );
}

/** The whole queue: each skill with its start and finish, on a timeline to the queue's end. */
function Queue({ character, at }: { character: CharacterSkills; at: number }) {
  const pending = (character.queue ?? []).filter((e) => e.finishAt === null || !passed(e.finishAt, at));
  const end = queueEnd(pending);
  const span = end !== null ? Math.max(end - at, 1) : 1;
  return (
    <>
      <h2 class="section-title">Skill queue</h2>
      <p class="muted" data-testid="pilot-queue-summary">
        {pending.length === 0 ? (
          "Not training."
        ) : end === null ? (
          `${pending.length} skills queued, paused.`
        ) : (
          <>
            {pending.length} {pending.length === 1 ? "skill" : "skills"} · <Countdown until={end} /> of training · ends{" "}
            {clockTime(end, at)}
          </>
        )}
        {character.skills && character.skills.unallocatedSp > 0 && ` · ${count(character.skills.unallocatedSp)} SP unallocated`}
      </p>
      {character.attributes && <AttributesLine attributes={character.attributes} at={at} />}
      {pending.length > 0 && (
        <ol class="timeline" data-testid="pilot-queue">
          {pending.map((e) => {
            const start = Math.max(e.startAt ?? at, at);
            const finish = e.finishAt ?? start;
            const sp = e.levelEndSp !== null && e.trainingStartSp !== null ? e.levelEndSp - e.trainingStartSp : null;
            return (
              <li key={`${e.skillId}-${e.finishedLevel}`} data-skill-id={e.skillId}>
                <span class="timeline-skill">
                  {e.name ?? unnamed("Skill")} {level(e.finishedLevel)}
                </span>
                <span class="timeline-track" aria-hidden="true">
                  <span
                    class="timeline-bar"
                    style={{
                      marginLeft: `${((start - at) / span) * 100}%`,
                      width: `${Math.max(((finish - start) / span) * 100, 0.5)}%`,
                    }}
                  />
                </span>
                <span class="num muted timeline-finish">{e.finishAt !== null ? clockTime(e.finishAt, at) : "paused"}</span>
                <span class="num muted">{sp !== null ? `${count(sp)} SP` : ""}</span>
              </li>
            );
          })}
        </ol>
      )}
      <SyncNote sync={character.queueSync} what="queue" />
    </>
  );
}

/** Trained skills by group (CCP's skill groups), with a search over their names. */
function Trained({ character }: { character: CharacterSkills }) {
  const [search, setSearch] = useState("");
  const board = character.skills!;
  const needle = search.trim().toLowerCase();
  const named = board.skills.map((s) => ({ ...s, label: s.name ?? unnamed("Skill") }));
  const shown = named.filter((s) => !needle || s.label.toLowerCase().includes(needle));
  const groups = new Map<string, typeof shown>();
  for (const s of shown) {
    const group = s.group ?? "Other skills";
    groups.set(group, [...(groups.get(group) ?? []), s]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) =>
    a === "Other skills" ? 1 : b === "Other skills" ? -1 : a.localeCompare(b),
  );
  return (
    <>
      <h2 class="section-title">Trained skills</h2>
      <p class="muted">
        {board.skills.length} skills · {count(board.totalSp)} SP
      </p>
      <input
        type="search"
        placeholder="Search skills"
        aria-label="Search trained skills"
        value={search}
        onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
        data-testid="pilot-skill-search"
      />
      <div class="skill-groups" data-testid="pilot-skill-groups">
        {ordered.map(([group, list]) => (
          <details key={group} open={needle !== ""} data-group={group}>
            <summary>
              {group} <span class="muted">({list.length})</span>
            </summary>
            <ul>
              {list
                .sort((a, b) => a.label.localeCompare(b.label))
                .map((s) => (
                  <li key={s.skillId}>
                    <span>{s.label}</span>
                    <span class="num muted">{level(s.trainedLevel)}</span>
                  </li>
                ))}
            </ul>
          </details>
        ))}
        {ordered.length === 0 && <p class="muted">No trained skill matches “{search}”.</p>}
      </div>
    </>
  );
}

function JobLine({ job, corporation, at }: { job: IndustryJob; corporation: string | null; at: number }) {
  const ready = isJobReady(job, at);
  return (
    <li data-job-id={job.jobId}>
      <span>
        {job.activity ?? "Industry"}: {job.productName ?? job.blueprintName ?? unnamed("Item")}{" "}
        <span class="muted">× {job.runs}</span>
        {corporation && <span class="muted"> (for {corporation})</span>}
      </span>
      {ready ? (
        <span class="badge badge-ok">Ready to deliver</span>
      ) : (
        <span class="num countdown">
          <Countdown until={job.endAt} />
        </span>
      )}
    </li>
  );
}
