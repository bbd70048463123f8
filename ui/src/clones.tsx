import { commands, type CharacterClones, type Named } from "./bindings";
import { useBoard } from "./board";
import { OnlineDot } from "./dot";
import { Fold } from "./fold";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, moment, passed } from "./time";
import { Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { unnamed } from "./names";
import { NoCharacters } from "./empty";
import { PilotLink } from "./pilot";

/** Clones and jumps: each character's home, jump clones and implants, next clone jump and jump fatigue. */
export function ClonesBoard() {
  const { view, error } = useBoard(commands.clonesOnView, ["clones", "implants", "fatigue", "skills"]);

  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (!view.on) {
    return (
      <div class="empty" data-testid="clones-off">
        <h2>Clones and jumps are off</h2>
        <p>Turn them on under Settings → Features to see your jump clones, implants and when you can jump again.</p>
      </div>
    );
  }
  if (view.characters.length === 0) return <NoCharacters what="their clones" />;
  return (
    <section class="board" data-testid="clones-board">
      <ul class="cards">
        {view.characters.map((c) => (
          <ClonesCard key={c.characterId} character={c} />
        ))}
      </ul>
    </section>
  );
}

const place = (n: Named) => n.name ?? (n.id < 100_000_000 ? unnamed("Station") : "An Upwell structure");
const implantNames = (implants: Named[]) =>
  implants.length === 0 ? "no implants" : implants.map((i) => i.name ?? unnamed("Implant")).join(", ");

function ClonesCard({ character: c }: { character: CharacterClones }) {
  const at = moment.value;
  const jump = c.nextJumpAt !== null && !passed(c.nextJumpAt, at) ? c.nextJumpAt : null;
  const fatigue = c.fatigueEndsAt !== null && !passed(c.fatigueEndsAt, at) ? c.fatigueEndsAt : null;
  return (
    <li class="card" data-character-id={c.characterId}>
      <header class="card-head">
        <h3>
          <OnlineDot characterId={c.characterId} /> <PilotLink entry={c} />
        </h3>
      </header>
      {c.jumpClones === null ? (
        firstReadPending(c.jumpClones, c.sync) && <Skeleton lines={2} />
      ) : (
        <>
          <p data-testid="clone-jump">
            {jump === null ? (
              <span class="ready">Clone jump available</span>
            ) : (
              <>
                Next clone jump <span class="countdown num"><Countdown until={jump} /></span>{" "}
                <span class="muted">({clockTime(jump, at)})</span>
              </>
            )}
            {c.cooldownHours !== null && <span class="muted small"> · every {c.cooldownHours} h</span>}
          </p>
          {fatigue !== null && (
            <p data-testid="jump-fatigue">
              <span class="badge badge-warn">Jump fatigue</span> ends in{" "}
              <span class="countdown num"><Countdown until={fatigue} /></span>
            </p>
          )}
          <p class="muted small" data-testid="home">
            Home: {c.home ? place(c.home) : "not set"}
          </p>
          {c.implants !== null && (
            <p class="small" data-testid="active-implants">
              Active clone: {implantNames(c.implants)}
            </p>
          )}
          <Fold
            class="trained"
            id={`jump-clones-${c.characterId}`}
            summary={`${c.jumpClones.length}${c.maxJumpClones !== null ? ` of ${c.maxJumpClones}` : ""} jump clones`}
          >
            <ul data-testid="jump-clones">
              {c.jumpClones.map((j) => (
                <li key={j.jumpCloneId} data-jump-clone-id={j.jumpCloneId}>
                  <span>{place(j.location)}</span>
                  <span class="muted small">{implantNames(j.implants)}</span>
                </li>
              ))}
            </ul>
          </Fold>
        </>
      )}
      <SyncNote sync={c.sync} what="clones" />
    </li>
  );
}
