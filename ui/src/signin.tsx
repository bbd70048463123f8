import { useState } from "preact/hooks";
import { commands, type AuthStatus } from "./bindings";
import { boardsMayHaveChanged } from "./live";
import { call, describe, type UiError } from "./ipc";
import { ErrorNotice } from "./notice";

type State =
  | { kind: "idle" }
  | { kind: "waiting" }
  | { kind: "setup"; status: AuthStatus | null }
  | { kind: "failed"; error: UiError };

/**
 * "Add character" / "Re-authorise": the core opens EVE's login in the system browser
 * and resolves when the sign-in ends. Without a client id, a short setup comes first.
 */
export function SignIn({ label, onLinked, compact }: { label: string; onLinked: () => void; compact?: boolean }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  const start = async () => {
    setState({ kind: "waiting" });
    try {
      await call(commands.authLogin());
      setState({ kind: "idle" });
      boardsMayHaveChanged();
      onLinked();
    } catch (e) {
      const error = describe(e);
      if (error.code === "auth.no_client_id") {
        setState({ kind: "setup", status: await call(commands.authStatus()).catch(() => null) });
      } else if (error.code === "auth.login_cancelled") {
        setState({ kind: "idle" });
      } else {
        setState({ kind: "failed", error });
      }
    }
  };

  const cancel = () => void call(commands.authLoginCancel()).catch(() => undefined);

  return (
    <div class={compact ? "signin signin-compact" : "signin"}>
      {state.kind === "waiting" ? (
        <span class="signin-waiting" role="status" data-testid="signin-waiting">
          Waiting for EVE's login in your browser…
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" class="primary" onClick={start} data-testid={compact ? "reauthorise" : "add-character"}>
          {label}
        </button>
      )}
      {state.kind === "failed" && (
        <p class="notice notice-error" role="alert" data-testid="signin-error" data-code={state.error.code}>
          {state.error.message}
        </p>
      )}
      {state.kind === "setup" && <Setup status={state.status} onSaved={start} />}
    </div>
  );
}

/** The EVE application's client id, entered once (Settings keeps it). */
function Setup({ status, onSaved }: { status: AuthStatus | null; onSaved: () => void }) {
  const [clientId, setClientId] = useState("");
  const [port, setPort] = useState(() => new URL(status?.callbackUrl ?? "http://localhost:8471/callback").port);
  const [error, setError] = useState<UiError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await call(commands.settingsUpdate({ clientId, callbackPort: Number(port) }));
      onSaved();
    } catch (err) {
      setError(describe(err));
    }
  };
  return (
    <form class="setup" onSubmit={save} data-testid="signin-setup">
      <p>
        Cynosure signs in through your own EVE application. Create one at <strong>developers.eveonline.com</strong> with
        the callback URL <code>http://localhost:{port}/callback</code> and the scopes{" "}
        {status ? <code>{status.scopes.join(" ")}</code> : "listed in the README"}, then paste its client id here (no
        secret is needed).
      </p>
      <label>
        Client id{" "}
        <input
          value={clientId}
          onInput={(e) => setClientId((e.target as HTMLInputElement).value)}
          required
          pattern="[A-Za-z0-9_\-]{1,64}"
          autocomplete="off"
          spellcheck={false}
        />
      </label>
      <label>
        Callback port{" "}
        <input
          type="number"
          min={1024}
          max={65535}
          value={port}
          onInput={(e) => setPort((e.target as HTMLInputElement).value)}
          required
        />
      </label>
      <button type="submit" class="primary">
        Save and sign in
      </button>
      {error && (
        <ErrorNotice error={error} />
      )}
    </form>
  );
}
