import { useEffect, useState } from "preact/hooks";
import { commands, type AuthStatus, type RosterEntry, type VaultKind } from "./bindings";
import { call, describe, type UiError } from "./ipc";
import { Accounts } from "./accounts";
import { OnlineDot } from "./dot";
import { loadOnline } from "./live";
import { SignIn } from "./signin";
import { PilotLink } from "./pilot";
import { NoCharacters } from "./empty";
import { session } from "./session";
import { unnamed } from "./names";

type State =
  | { kind: "loading" }
  | { kind: "ready"; characters: RosterEntry[]; auth: AuthStatus | null }
  | { kind: "failed"; error: UiError };

/** The linked characters, straight from the local store (no network), with sign-in. */
export function Roster() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((g) => g + 1);

  useEffect(() => {
    let live = true;
    Promise.all([call(commands.rosterList()), call(commands.authStatus()).catch(() => null)])
      .then(([characters, auth]) => {
        if (!live) return;
        setState({ kind: "ready", characters, auth });
        void loadOnline();
      })
      .catch((e) => live && setState({ kind: "failed", error: describe(e) }));
    return () => {
      live = false;
    };
  }, [generation]);

  switch (state.kind) {
    case "loading":
      return <section class="roster" aria-busy="true" />;
    case "failed":
      return (
        <section class="roster">
          <CannotShowCharacters error={state.error} testId="roster-error" />
        </section>
      );
    case "ready":
      return (
        <section class="roster">
          <div class="section-head">
            <h2 class="section-title">Characters</h2>
            {state.characters.length > 0 && <SignIn label="Add character" onLinked={reload} />}
          </div>
          {state.auth && !session.value.demo && <VaultNotice auth={state.auth} onChanged={reload} />}
          {state.characters.length === 0 ? (
            <NoCharacters
              what="their skill queues, industry jobs and who is online"
              testId="roster-empty"
              onLinked={reload}
            />
          ) : (
            <>
              <ul class="roster-list" data-testid="roster-list">
                {state.characters.map((c) => (
                  <Character key={c.characterId} entry={c} onChanged={reload} />
                ))}
              </ul>
              <Accounts characters={state.characters} onChanged={reload} />
            </>
          )}
        </section>
      );
  }
}

function Character({ entry, onChanged }: { entry: RosterEntry; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const unlink = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(commands.authUnlink(entry.characterId));
      onChanged();
    } catch (e) {
      setError(describe(e));
      setBusy(false);
    }
  };

  return (
    <li class="roster-item" data-character-id={entry.characterId} data-health={entry.tokenHealth}>
      <Identity entry={entry} />
      <div class="roster-actions">
        {entry.tokenHealth !== "ok" && <SignIn label="Re-authorise" onLinked={onChanged} compact />}
        {confirming ? (
          <span class="confirm" role="group" aria-label={`Unlink ${entry.name}?`}>
            <span>Unlink {entry.name}? Its data is removed from this computer and Cynosure's access is revoked.</span>
            <button type="button" class="danger" disabled={busy} onClick={unlink} data-testid="unlink-confirm">
              Unlink
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" class="quiet" onClick={() => setConfirming(true)} data-testid="unlink">
            Unlink
          </button>
        )}
      </div>
      {error && (
        <p class="notice notice-error roster-error" role="alert" data-code={error.code}>
          {error.message}
        </p>
      )}
    </li>
  );
}

/**
 * Where sign-in tokens are kept, when it is not the keychain: a keychain that does not
 * answer (sign-ins wait for it, or for the player to choose the file), or the file the
 * player chose. Nothing moves between the two without a click here.
 */
function VaultNotice({ auth, onChanged }: { auth: AuthStatus; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const choose = async (kind: VaultKind) => {
    setBusy(true);
    setError(null);
    try {
      await call(commands.authVaultChoose(kind));
      onChanged();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  const failure = error && (
    <p class="notice-detail" role="alert" data-code={error.code}>
      {error.message}
    </p>
  );
  switch (auth.vault) {
    case "keychain":
      return null;
    case "keychain_locked":
      return (
        <div class="notice notice-warn" role="status" data-testid="vault-locked">
          <strong>Your keychain is locked or not answering.</strong>
          <p>
            Cynosure keeps sign-ins only in your system keychain unless you choose otherwise, so sign-ins and refreshes wait
            until it answers. Unlock it and try again, or keep sign-ins in a file in Cynosure's data folder that only your
            user account can read (they move into the keychain once it answers).
          </p>
          <div class="notice-actions">
            <button type="button" disabled={busy} onClick={() => void choose("keychain")} data-testid="vault-retry">
              Try the keychain again
            </button>
            <button type="button" class="quiet" disabled={busy} onClick={() => void choose("file")} data-testid="vault-use-file">
              Keep sign-ins in a file
            </button>
          </div>
          {failure}
        </div>
      );
    case "file":
      return (
        <div class="notice" data-testid="vault-file">
          <p>
            As you chose, sign-in tokens are stored in a file in Cynosure's data folder that only your user account can read.
            They move into your system keychain when it answers.
          </p>
          <div class="notice-actions">
            <button type="button" class="quiet" disabled={busy} onClick={() => void choose("keychain")} data-testid="vault-retry">
              Move them to the keychain
            </button>
          </div>
          {failure}
        </div>
      );
  }
}

/** Why the characters cannot be shown (the core did not start, or the store failed). */
export function CannotShowCharacters({ error, testId }: { error: UiError; testId: string }) {
  return (
    <div class="notice notice-error" role="alert" data-testid={testId} data-code={error.code}>
      <strong>Cynosure cannot show your characters.</strong>
      <p>{error.message}</p>
    </div>
  );
}

/** The portrait from EVE's image server; initials when it cannot be loaded (offline). */
/** Portrait with online dot, name, corporation and sign-in health: a character at a glance. */
export function Identity({ entry }: { entry: RosterEntry }) {
  return (
    <>
      <Portrait entry={entry} />
      <div class="roster-who">
        <span class="roster-name">
          <PilotLink entry={entry} />
        </span>
        <span class="roster-corp">{entry.corporationName ?? <span class="name-pending">{unnamed("Corporation")}</span>}</span>
      </div>
      <TokenHealth entry={entry} />
    </>
  );
}

export function Portrait({ entry }: { entry: RosterEntry }) {
  const [failed, setFailed] = useState(false);
  const initials = entry.name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2);
  return (
    <span class="portrait-wrap">
      {failed ? (
        <span class="portrait portrait-initials" aria-hidden="true">
          {initials}
        </span>
      ) : (
        <img class="portrait" src={entry.portraitUrl} alt="" width="48" height="48" onError={() => setFailed(true)} />
      )}
      <OnlineDot characterId={entry.characterId} />
    </span>
  );
}

export function TokenHealth({ entry }: { entry: RosterEntry }) {
  switch (entry.tokenHealth) {
    case "ok":
      // A badge only for what needs the player.
      return null;
    case "reauth_required":
      return (
        <span class="badge badge-warn" title="EVE no longer accepts Cynosure's sign-in for this character.">
          Sign-in needed
        </span>
      );
    case "missing_scopes":
      return (
        <span class="badge badge-warn" title={`Not granted: ${entry.missingScopes.join(", ")}`}>
          Missing permissions
        </span>
      );
  }
}
