import { memo } from "preact/compat";
import { useEffect, useState } from "preact/hooks";
import { commands, type Account, type CharacterSkills, type CharacterSlots, type JobsOwner, type RosterEntry } from "./bindings";
import { useBoard } from "./board";
import { call, describe, type UiError } from "./ipc";
import { loadOnline, online } from "./live";
import { CannotShowCharacters, Identity } from "./roster";
import { enterDemo } from "./session";
import { SignIn } from "./signin";
import { NextSummary } from "./next";
import { firstOr } from "./first";
import { markPainted } from "./startup";
import { PilotsTable } from "./pilots";
import { FreeSlots } from "./slots";
import { pref, setPref } from "./prefs";
import { goToView } from "./nav";
import { Skeleton } from "./skeleton";
import { firstReadPending } from "./sync";
import { Training } from "./skills";
import { clockTime, currentEntry, isJobReady, moment, queueEnd, queueState } from "./time";
import { Countdown } from "./clock";
import { MoreBelow, useProgressive } from "./progressive";

type Roster = { kind: "loading" } | { kind: "ready"; characters: RosterEntry[] } | { kind: "failed"; error: UiError };

/** Every character at a glance: who is online, what is training, which jobs are ready. */
export function Overview() {
  const [roster, setRoster] = useState<Roster>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  const skills = useBoard(
    firstOr("skills", () => commands.skillsOnView(false)),
    ["skills", "skillqueue"],
  );
  const jobs = useBoard(firstOr("jobs", commands.jobsOnView), ["character_jobs", "corporation_jobs"]);
  const slots = useBoard(firstOr("slots", commands.slotsRead), ["skills", "character_jobs", "corporation_jobs"]);
  const [accounts, setAccounts] = useState<Account[]>([]);

  useEffect(() => {
    let live = true;
    call(firstOr("roster", commands.rosterList)())
      .then((characters) => {
        if (!live) return;
        setRoster({ kind: "ready", characters });
        void loadOnline();
        // Only the table shows accounts; a failure leaves them unnamed there.
        call(firstOr("accounts", commands.accountsList)())
          .then((a) => live && setAccounts(a))
          .catch(() => undefined);
      })
      .catch((e) => live && setRoster({ kind: "failed", error: describe(e) }));
    return () => {
      live = false;
    };
  }, [generation]);

  const { shown: shownCards, end: cardsEnd } = useProgressive(roster.kind === "ready" ? roster.characters.length : 0);
  // Stored data on screen: the boards of every character (or the welcome, with none).
  const painted =
    roster.kind === "ready" && (roster.characters.length === 0 || (skills.view != null && jobs.view != null));
  useEffect(() => {
    if (painted) markPainted();
  }, [painted]);

  if (roster.kind === "loading") return <section class="overview" aria-busy="true" />;
  if (roster.kind === "failed") {
    return (
      <section class="overview">
        <CannotShowCharacters error={roster.error} testId="overview-error" />
      </section>
    );
  }
  if (roster.characters.length === 0) {
    return (
      <section class="overview welcome" data-testid="overview-empty">
        <h2>Welcome to Cynosure</h2>
        <p>
          Cynosure keeps an eye on all your EVE Online characters: skill queues, industry jobs and who is online, with
          a notification the moment a job is ready. Sign in once with EVE's own login; your data stays on this
          computer.
        </p>
        <div class="welcome-actions">
          <SignIn label="Sign in with EVE Online" onLinked={() => setGeneration((g) => g + 1)} />
          <ExploreDemo />
        </div>
      </section>
    );
  }

  const at = moment.value;
  const slotsOf = new Map<number, CharacterSlots>((slots.view?.characters ?? []).map((c) => [c.characterId, c]));
  const queues = new Map<number, CharacterSkills>((skills.view?.characters ?? []).map((c) => [c.characterId, c]));
  const personal = new Map<number, JobsOwner>(
    (jobs.view?.owners ?? []).filter((o) => o.ownerKind === "character").map((o) => [o.ownerId, o]),
  );
  const onlineCount = roster.characters.filter((c) => online.value[c.characterId] === true).length;
  const readyOf = (kind: JobsOwner["ownerKind"]) =>
    (jobs.view?.owners ?? [])
      .filter((o) => o.ownerKind === kind)
      .flatMap((o) => o.jobs ?? [])
      .filter((j) => isJobReady(j, at)).length;
  const corporationReady = readyOf("corporation");
  const ready = readyOf("character") + corporationReady;
  const emptyQueues = roster.characters.filter((c) => {
    const queue = queues.get(c.characterId)?.queue;
    return queue != null && queueState(queue, at) === "empty";
  }).length;
  const warnMs = (skills.view?.queueWarningHours ?? 24) * 3_600_000;
  const layout = pref("overview.layout", "cards");

  return (
    <section class="overview" data-testid="overview">
      <p class="summary" data-testid="overview-summary">
        <span>
          {onlineCount} of {roster.characters.length} online
        </span>
        {jobs.view && (
          <span data-testid="summary-ready">
            <button
              type="button"
              class="link summary-link"
              onClick={() => {
                setPref("industry.filter", "ready");
                setPref("industry.who", "all");
                goToView("industry");
              }}
              title="Show the ready jobs"
            >
              {ready === 1 ? "1 job ready" : `${ready} jobs ready`}
              {corporationReady > 0 && ` (${corporationReady} corporation)`}
            </button>
          </span>
        )}
        {skills.view && (
          <span data-testid="summary-not-training">
            <button type="button" class="link summary-link" onClick={() => goToView("skills")} title="Show the skill queues">
              {emptyQueues === 1 ? "1 not training" : `${emptyQueues} not training`}
            </button>
          </span>
        )}
      </p>
      <NextSummary />
      {(skills.error || jobs.error) && (
        <p class="notice notice-error" role="alert" data-code={(skills.error ?? jobs.error)?.code}>
          {(skills.error ?? jobs.error)?.message}
        </p>
      )}
      <div class="layout-toggle" role="group" aria-label="Show pilots as">
        {(["cards", "table"] as const).map((l) => (
          <button
            key={l}
            type="button"
            class={layout === l ? "tab tab-on" : "tab"}
            aria-pressed={layout === l}
            onClick={() => setPref("overview.layout", l)}
            data-testid={`layout-${l}`}
          >
            {l === "cards" ? "Cards" : "Table"}
          </button>
        ))}
      </div>
      {layout === "table" ? (
        <PilotsTable
          characters={roster.characters}
          skills={queues}
          jobs={personal}
          slots={slotsOf}
          accounts={accounts}
          at={at}
          warnMs={warnMs}
        />
      ) : (
        <ul class="cards overview-cards">
          {roster.characters.slice(0, shownCards).map((c) => (
            <OverviewCard
              key={c.characterId}
              entry={c}
              skills={queues.get(c.characterId)}
              jobs={personal.get(c.characterId)}
              slots={slotsOf.get(c.characterId)}
              at={at}
              warnMs={warnMs}
            />
          ))}
        </ul>
      )}
      {layout === "cards" && (
        <MoreBelow total={roster.characters.length} shown={shownCards} end={cardsEnd} testId="more-cards" />
      )}
    </section>
  );
}

/** A card re-renders only when what it shows changed, not whenever the Overview does. */
const OverviewCard = memo(function OverviewCard(props: {
  entry: RosterEntry;
  skills?: CharacterSkills;
  jobs?: JobsOwner;
  slots?: CharacterSlots;
  at: number;
  warnMs: number;
}) {
  const { entry, at } = props;
  const queue = props.skills?.queue ?? null;
  const current = queue ? currentEntry(queue, at) : undefined;
  const end = queue ? queueEnd(queue) : null;
  const state = queue ? queueState(queue, at, props.warnMs) : null;
  const personalJobs = props.jobs?.jobs ?? null;
  // Before the first read: bars; after a refused or failed one: a word.
  const queuePending = !props.skills || firstReadPending(props.skills.queue, props.skills.queueSync);
  const jobsPending = !props.jobs || firstReadPending(props.jobs.jobs, props.jobs.sync);
  const ready = personalJobs?.filter((j) => isJobReady(j, at)).length ?? 0;
  const active = (personalJobs?.length ?? 0) - ready;
  return (
    <li class="card overview-card" data-character-id={entry.characterId} data-queue-state={state ?? "unknown"}>
      <header class="card-head overview-head">
        <Identity entry={entry} />
      </header>
      {current ? (
        <Training entry={current} />
      ) : queue ? (
        <p class="muted">{state === "paused" ? "Training paused." : "Nothing in training."}</p>
      ) : (
        queuePending && <Skeleton lines={2} />
      )}
      <p class="overview-facts">
        <span data-testid="overview-queue">
          {state === null ? (
            queuePending ? <Skeleton /> : <span class="muted">Queue not read</span>
          ) : state === "empty" ? (
            <span class="badge badge-error">Not training</span>
          ) : state === "short" && end !== null ? (
            <span class="badge badge-warn">
              Queue ends in <Countdown until={end} />
            </span>
          ) : end !== null ? (
            <>
              Queue ends {clockTime(end)} (
              <span class="num">
                <Countdown until={end} />
              </span>
              )
            </>
          ) : (
            "Queue paused"
          )}
        </span>
        <span data-testid="overview-jobs">
          {personalJobs === null ? (
            jobsPending ? <Skeleton /> : <span class="muted">Jobs not read</span>
          ) : (
            <>
              <span class="num">{active}</span> active ·{" "}
              <span class={ready > 0 ? "num ready" : "num"}>{ready}</span> ready
            </>
          )}
        </span>
        <FreeSlots character={props.slots} at={at} />
      </p>
    </li>
  );
});

/** "Explore the demo": simulated characters, the player's own data untouched. */
function ExploreDemo() {
  const [state, setState] = useState<{ kind: "idle" } | { kind: "starting" } | { kind: "failed"; error: UiError }>({
    kind: "idle",
  });
  const start = async () => {
    setState({ kind: "starting" });
    try {
      await enterDemo();
    } catch (e) {
      setState({ kind: "failed", error: describe(e) });
    }
  };
  return (
    <div class="explore-demo">
      <button type="button" onClick={start} disabled={state.kind === "starting"} data-testid="explore-demo">
        {state.kind === "starting" ? "Starting the demo…" : "Explore the demo"}
      </button>
      <p class="muted">Three simulated pilots, their skills and jobs, without signing in.</p>
      {state.kind === "failed" && (
        <p class="notice notice-error" role="alert" data-testid="demo-error" data-code={state.error.code}>
          {state.error.message}
        </p>
      )}
    </div>
  );
}
