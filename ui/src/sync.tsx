import type { GateState, SyncInfo } from "./bindings";
import { Age } from "./clock";

/** The one line under a board that says how fresh it is, or why it is not. */
export function SyncNote({ sync, what, owner }: { sync: SyncInfo; what: string; owner?: string }) {
  // A role refusal the core put in words (ESI refused a Director) says more than the gate.
  const problem =
    sync.gateState === "needs_role" && sync.error?.code === "esi.director_refused"
      ? sync.error.message
      : gateMessage(sync.gateState, owner);
  if (problem) {
    return (
      <p class="sync-note sync-warn" data-gate={sync.gateState}>
        {problem}
      </p>
    );
  }
  if (sync.error) {
    return (
      <p class="sync-note sync-error" role="status" data-code={sync.error.code}>
        {sync.error.message}
        {sync.lastRefreshedAt !== null && (
          <>
            {" "}
            Showing the {what} from <Age since={sync.lastRefreshedAt} />.
          </>
        )}
      </p>
    );
  }
  if (sync.lastRefreshedAt === null) {
    return <p class="sync-note">{sync.refreshing ? "Reading from EVE…" : "Not read yet."}</p>;
  }
  return (
    <p class="sync-note">
      Updated <Age since={sync.lastRefreshedAt} />
    </p>
  );
}

/** A board never read, whose first read is still to come (not refused, not failed). */
export function firstReadPending(data: unknown, sync: SyncInfo): boolean {
  return data === null && sync.gateState === "ok" && sync.error === null;
}

function gateMessage(gate: GateState, owner?: string): string | null {
  switch (gate) {
    case "ok":
      return null;
    case "missing_scope":
      return "Cynosure was not given permission to read this: re-authorise the character.";
    case "needs_role":
      return `Needs a Factory Manager or Director of ${owner ?? "this corporation"} linked to Cynosure.`;
    case "reauth_required":
      return "EVE no longer accepts this character's sign-in: re-authorise it under Characters.";
  }
}
