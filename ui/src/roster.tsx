import { useEffect, useState } from "preact/hooks";
import { commands, type RosterEntry } from "./bindings";
import { call, describe, type UiError } from "./ipc";

type State =
  | { kind: "loading" }
  | { kind: "ready"; characters: RosterEntry[] }
  | { kind: "failed"; error: UiError };

/** The linked characters, straight from the local store (no network). */
export function Roster() {
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let live = true;
    call(commands.rosterList())
      .then((characters) => live && setState({ kind: "ready", characters }))
      .catch((e) => live && setState({ kind: "failed", error: describe(e) }));
    return () => {
      live = false;
    };
  }, []);

  switch (state.kind) {
    case "loading":
      return <section class="roster" aria-busy="true" />;
    case "failed":
      return (
        <section class="roster">
          <div class="notice notice-error" role="alert" data-testid="roster-error" data-code={state.error.code}>
            <strong>Cynosure cannot show your characters.</strong>
            <p>{state.error.message}</p>
          </div>
        </section>
      );
    case "ready":
      if (state.characters.length === 0) {
        return (
          <section class="roster">
            <div class="empty" data-testid="roster-empty">
              <h2>No characters yet</h2>
              <p>Link your EVE Online characters to see their skill queues, industry jobs and who is online.</p>
            </div>
          </section>
        );
      }
      return (
        <section class="roster">
          <h2 class="section-title">Characters</h2>
          <ul class="roster-list" data-testid="roster-list">
            {state.characters.map((c) => (
              <li key={c.characterId} class="roster-item" data-character-id={c.characterId}>
                <span class="roster-name">{c.name}</span>
                <TokenHealth entry={c} />
              </li>
            ))}
          </ul>
        </section>
      );
  }
}

function TokenHealth({ entry }: { entry: RosterEntry }) {
  return entry.authState === "ok" ? (
    <span class="badge badge-ok">Linked</span>
  ) : (
    <span class="badge badge-warn">Sign-in needed</span>
  );
}
