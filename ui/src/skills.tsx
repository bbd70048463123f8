import { commands, type Attributes, type CharacterSkills, type QueuedSkill } from "./bindings";
import { useBoard } from "./board";
import { OnlineDot } from "./dot";
import { Fold } from "./fold";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, count, currentEntry, level, moment, passed, progress, queueEnd, queueState, useTimed } from "./time";
import { Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { unnamed } from "./names";
import { PilotLink } from "./pilot";
import { NoCharacters } from "./empty";

/** The skill-queue board across all characters, from the stored boards. */
export function SkillsBoard() {
  const { view, error } = useBoard(() => commands.skillsOnView(true), ["skills", "skillqueue", "attributes"]);
  const warnMs = (view?.queueWarningHours ?? 24) * 3_600_000;

  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (view.characters.length === 0) {
    return (
      <NoCharacters what="their skill queues" />
    );
  }
  return (
    <section class="board" data-testid="skills-board">
      <ul class="cards">
        {view.characters.map((c) => (
          <SkillCard key={c.characterId} character={c} warnMs={warnMs} />
        ))}
      </ul>
    </section>
  );
}

const skillName = (e: { skillId: number; name?: string | null }) => e.name ?? unnamed("Skill");

function SkillCard({ character, warnMs }: { character: CharacterSkills; warnMs: number }) {
  const at = moment.value;
  const queue = character.queue ?? [];
  const current = currentEntry(queue, at);
  const end = queueEnd(queue);
  const state = character.queue ? queueState(queue, at, warnMs) : null;
  const remaining = queue.filter((e) => e.finishAt === null || e.finishAt > at).length;
  return (
    <li class="card" data-character-id={character.characterId} data-queue-state={state ?? "unknown"}>
      <header class="card-head">
        <h3>
          <OnlineDot characterId={character.characterId} /> <PilotLink entry={character} />
        </h3>
        {state === "empty" && <span class="badge badge-error">Not training</span>}
        {state === "short" && end !== null && (
          <span class="badge badge-warn">
            Queue ends in <Countdown until={end} />
          </span>
        )}
        {state === "paused" && <span class="badge">Paused</span>}
      </header>
      {current ? (
        <Training entry={current} />
      ) : character.queue ? (
        <p class="muted">Nothing in training.</p>
      ) : (
        firstReadPending(character.queue, character.queueSync) && <Skeleton lines={2} />
      )}
      {character.queue && remaining > 0 && end !== null && (
        <p class="muted queue-end">
          {remaining} {remaining === 1 ? "skill" : "skills"} queued · ends {clockTime(end)} (in{" "}
          <span class="num">
            <Countdown until={end} />
          </span>
          )
        </p>
      )}
      {character.skills && (
        <p class="muted">
          <span class="num">{count(character.skills.totalSp)}</span> SP
          {character.skills.unallocatedSp > 0 && (
            <>
              {" "}
              · <span class="num">{count(character.skills.unallocatedSp)}</span> unallocated
            </>
          )}
        </p>
      )}
      {character.attributes && <AttributesLine attributes={character.attributes} at={at} />}
      {remaining > 0 && (
        <Fold
          class="trained"
          id={`skills-queue-${character.characterId}`}
          summary={`Queue: ${remaining} ${remaining === 1 ? "skill" : "skills"}`}
        >
          <QueueEntries queue={queue} at={at} />
        </Fold>
      )}
      {character.skills && character.skills.skills.length > 0 && (
        <Fold
          class="trained"
          id={`skills-trained-${character.characterId}`}
          summary={`${character.skills.skills.length} skills trained`}
        >
          <ul>
            {[...character.skills.skills]
              .sort((a, b) => skillName(a).localeCompare(skillName(b)))
              .map((s) => (
                <li key={s.skillId}>
                  <span>{skillName(s)}</span>
                  <span class="num muted">{level(s.trainedLevel)}</span>
                </li>
              ))}
          </ul>
        </Fold>
      )}
      <SyncNote sync={character.queueSync} what="queue" />
    </li>
  );
}

/** Every entry still to train: skill and level, start, finish and the SP it adds. */
export function QueueEntries({ queue, at }: { queue: QueuedSkill[]; at: number }) {
  const pending = queue.filter((e) => e.finishAt === null || e.finishAt > at);
  return (
    <table class="queue-entries" data-testid="queue-entries">
      <thead>
        <tr>
          <th scope="col">Skill</th>
          <th scope="col">Starts</th>
          <th scope="col">Finishes</th>
          <th scope="col" class="num">
            SP
          </th>
        </tr>
      </thead>
      <tbody>
        {pending.map((e) => {
          const sp = e.levelEndSp !== null && e.trainingStartSp !== null ? e.levelEndSp - e.trainingStartSp : null;
          return (
            <tr key={`${e.skillId}-${e.finishedLevel}`} data-skill-id={e.skillId}>
              <td>
                {skillName(e)} {level(e.finishedLevel)}
              </td>
              <td class="num muted">{e.startAt === null ? "—" : e.startAt <= at ? "training" : clockTime(e.startAt, at)}</td>
              <td class="num">{e.finishAt === null ? "paused" : clockTime(e.finishAt, at)}</td>
              <td class="num muted">{sp !== null ? count(sp) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const DAY = 86_400_000;

/** "Int 27 · Mem 21 · Per 17 · Wil 17 · Cha 17 · remap in 165 days · 1 bonus remap". */
export function AttributesLine({ attributes: a, at }: { attributes: Attributes; at: number }) {
  const remap =
    a.accruedRemapAt === null || passed(a.accruedRemapAt, at) ? (
      "remap available"
    ) : !passed(a.accruedRemapAt - DAY, at) ? (
      `remap in ${Math.ceil((a.accruedRemapAt - at) / DAY)} days`
    ) : (
      <>
        remap in <Countdown until={a.accruedRemapAt} />
      </>
    );
  const bonus = a.bonusRemaps === 0 ? "" : a.bonusRemaps === 1 ? " · 1 bonus remap" : ` · ${a.bonusRemaps} bonus remaps`;
  return (
    <p
      class="muted small attributes"
      data-testid="attributes"
      title="Attributes with implants, as EVE reports them; the yearly remap and bonus remaps"
    >
      Int <span class="num">{a.intelligence}</span> · Mem <span class="num">{a.memory}</span> · Per{" "}
      <span class="num">{a.perception}</span> · Wil <span class="num">{a.willpower}</span> · Cha{" "}
      <span class="num">{a.charisma}</span> · {remap}
      {bonus}
    </p>
  );
}

export function Training({ entry }: { entry: QueuedSkill }) {
  const finish = entry.finishAt;
  // To a thousandth: the bar is redrawn when it moves by a visible step, with the countdown's
  // ticks, not on a clock of its own.
  const permille = useTimed((at) => Math.floor(progress(entry.startAt ?? at, finish ?? at, at) * 1000));
  return (
    <div class="training" data-testid="training">
      <div class="training-line">
        <span class="training-skill">
          {skillName(entry)} {level(entry.finishedLevel)}
        </span>
        <span class="num countdown" data-testid="skill-countdown">
          {finish === null ? "paused" : <Countdown until={finish} />}
        </span>
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(permille / 10)}
        aria-label={`${skillName(entry)} training progress`}
      >
        <div class="bar-fill" style={{ transform: `scaleX(${permille / 1000})` }} />
      </div>
    </div>
  );
}
