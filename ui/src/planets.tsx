import { commands, type CharacterPlanets, type Colony, type Extractor } from "./bindings";
import { useBoard } from "./board";
import { OnlineDot } from "./dot";
import { Fold } from "./fold";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, count, moment, passed } from "./time";
import { Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { unnamed } from "./names";
import { NoCharacters } from "./empty";

/** Planetary industry: every character's colonies and their extractors' countdowns. */
export function PlanetsBoard() {
  const { view, error } = useBoard(commands.planetsOnView, ["planets"]);

  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (!view.on) {
    return (
      <div class="empty" data-testid="planets-off">
        <h2>Planetary industry is off</h2>
        <p>Turn it on under Settings → Features to see your colonies and be warned before an extractor stops.</p>
      </div>
    );
  }
  if (view.characters.length === 0) {
    return (
      <NoCharacters what="their planetary colonies" />
    );
  }
  return (
    <section class="board" data-testid="planets-board">
      <p class="muted small">
        Extractors count down to when their program stops. Factories and storage are as of your last change in game:
        EVE updates them only then.
      </p>
      <ul class="cards">
        {view.characters.map((c) => (
          <PlanetsCard key={c.characterId} character={c} />
        ))}
      </ul>
    </section>
  );
}

const typeLabel = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

function PlanetsCard({ character }: { character: CharacterPlanets }) {
  const colonies = character.colonies;
  return (
    <li class="card" data-character-id={character.characterId}>
      <header class="card-head">
        <h3>
          <OnlineDot characterId={character.characterId} /> {character.name}
        </h3>
      </header>
      {colonies === null ? (
        firstReadPending(colonies, character.sync) && <Skeleton lines={2} />
      ) : colonies.length === 0 ? (
        <p class="muted">No colonies.</p>
      ) : (
        <ul class="colonies">
          {colonies.map((colony) => (
            <ColonyRow key={colony.planetId} colony={colony} />
          ))}
        </ul>
      )}
      <SyncNote sync={character.sync} what="colonies" />
    </li>
  );
}

/** One colony: its extractors' countdowns, and what its factories and storage hold. */
export function ColonyRow({ colony }: { colony: Colony }) {
  const at = moment.value;
  const layout = colony.layout;
  const stopped = layout?.extractors.filter((e) => e.expiryAt !== null && passed(e.expiryAt, at)).length ?? 0;
  return (
    <li class="colony" data-planet-id={colony.planetId} data-stopped={stopped > 0}>
      <div class="colony-head">
        <span class="colony-name">{colony.planetName ?? unnamed("Planet")}</span>
        <span class="muted small">
          {typeLabel(colony.planetType)} · level {colony.upgradeLevel}
        </span>
        {stopped > 0 && <span class="badge badge-warn">{stopped === 1 ? "Extractor stopped" : `${stopped} extractors stopped`}</span>}
      </div>
      {layout === null ? (
        <p class="muted small">Layout not read yet.</p>
      ) : (
        <>
          {layout.extractors.length > 0 && (
            <table class="extractors">
              <tbody>
                {layout.extractors.map((e) => (
                  <ExtractorRow key={e.pinId} extractor={e} at={at} />
                ))}
              </tbody>
            </table>
          )}
          {(layout.factories.length > 0 || layout.stored.length > 0) && (
            <Fold id={`colony-${colony.planetId}`} class="trained" summary={storedSummary(colony)}>
              <ul>
                {layout.stored.map((a) => (
                  <li key={a.typeId}>
                    <span>{a.name ?? unnamed("Item")}</span>
                    <span class="num muted">{count(a.amount)}</span>
                  </li>
                ))}
              </ul>
            </Fold>
          )}
        </>
      )}
    </li>
  );
}

function storedSummary(colony: Colony): string {
  const l = colony.layout!;
  const factories = l.factories.length === 1 ? "1 factory" : `${l.factories.length} factories`;
  return `${factories} · storage as of ${clockTime(colony.lastUpdate)}`;
}

function ExtractorRow({ extractor, at }: { extractor: Extractor; at: number }) {
  const product = extractor.productName ?? (extractor.productTypeId ? unnamed("Item") : "No program");
  const expiry = extractor.expiryAt;
  return (
    <tr data-pin-id={extractor.pinId} data-stopped={expiry !== null && passed(expiry, at)}>
      <td>{product}</td>
      <td class="num">
        {expiry === null ? (
          <span class="muted">Idle</span>
        ) : passed(expiry, at) ? (
          <span class="badge badge-warn">Stopped</span>
        ) : (
          <span class="countdown" title={`Stops at ${clockTime(expiry)}`}>
            <Countdown until={expiry} />
          </span>
        )}
      </td>
    </tr>
  );
}
