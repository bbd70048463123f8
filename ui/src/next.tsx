import { commands, type Deadline, type DeadlineKind, type NextLine } from "./bindings";
import { useBoard } from "./board";
import { firstOr } from "./first";
import { clockTime } from "./time";
import { Countdown } from "./clock";
import { ErrorNotice } from "./notice";

/** Every board whose deadlines "Next" merges: it re-reads when one of them changes. */
export const NEXT_SLICES = [
  "skillqueue",
  "character_jobs",
  "corporation_jobs",
  "planets",
  // The next clone jump comes from the clones and the skills.
  "clones",
  "skills",
  "fatigue",
  "market_orders",
  "contracts",
] as const;

const KIND: Record<DeadlineKind, string> = {
  queue_ends: "Skill queue ends",
  job_ready: "Job ready",
  extractor_stops: "Extractor stops",
  clone_jump: "Clone jump available",
  fatigue_ends: "Jump fatigue ends",
  order_expires: "Market order expires",
  contract_expires: "Contract expires",
  courier_due: "Courier due",
};

/** Which login is due next, per account, soonest first (no request: stored boards only). */
export function NextBoard() {
  const { view, error } = useBoard(commands.nextView, [...NEXT_SLICES]);
  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (view.lines.length === 0) {
    return (
      <div class="empty" data-testid="next-empty">
        <h2>Nothing ahead</h2>
        <p>No skill queue, industry job or extractor of your characters has a time to watch.</p>
      </div>
    );
  }
  return (
    <section class="board" data-testid="next-board">
      {view.lines.every((line) => line.accountId === null) && (
        <p class="muted small">
          Group characters into accounts under Characters: one login serves all of an account's characters.
        </p>
      )}
      <ul class="cards">
        {view.lines.map((line) => (
          <NextCard key={`${line.accountId ?? "c"}-${line.characterIds[0]}`} line={line} />
        ))}
      </ul>
    </section>
  );
}

function NextCard({ line }: { line: NextLine }) {
  return (
    <li class="card" data-testid="next-line" data-now={line.now}>
      <header class="card-head">
        <h3>{line.label}</h3>
        {line.now ? (
          <span class="badge badge-warn">Log in now</span>
        ) : (
          line.before !== null && (
            <span class="badge" title={`Before ${clockTime(line.before)}`}>
              In <Countdown until={line.before} />
            </span>
          )
        )}
      </header>
      <p class="next-text">{line.text}</p>
      <ul class="deadlines">
        {line.deadlines.slice(0, 12).map((d) => (
          <DeadlineRow
            deadline={d}
            who={line.characterIds.length > 1 ? line.characterNames[line.characterIds.indexOf(d.characterId)] : undefined}
          />
        ))}
      </ul>
      {line.deadlines.length > 12 && <p class="muted small">… and {line.deadlines.length - 12} more</p>}
    </li>
  );
}

function DeadlineRow({ deadline, who }: { deadline: Deadline; who?: string }) {
  return (
    <li data-kind={deadline.kind}>
      <span>
        {KIND[deadline.kind]}
        {who && <span class="muted"> · {who}</span>}
      </span>
      <span class="countdown num muted">
        <Countdown until={deadline.at} past="due" />
      </span>
    </li>
  );
}

/** The first lines of "Next", for the Overview. */
export function NextSummary() {
  const { view } = useBoard(firstOr("next", commands.nextView), [...NEXT_SLICES]);
  if (!view || view.lines.length === 0) return null;
  return (
    <ul class="next-summary" data-testid="overview-next">
      {view.lines.slice(0, 3).map((l) => (
        <li data-now={l.now}>{l.text}</li>
      ))}
    </ul>
  );
}
