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

/**
 * A build without Cynosure's own EVE application: the player registers one, once, in
 * numbered steps — a real link, and a copy button for the callback URL and each scope.
 */
function Setup({ status, onSaved }: { status: AuthStatus | null; onSaved: () => void }) {
  const [clientId, setClientId] = useState("");
  const [port, setPort] = useState(() => new URL(status?.callbackUrl ?? "http://localhost:8471/callback").port);
  const [error, setError] = useState<UiError | null>(null);
  const callback = `http://localhost:${port}/callback`;
  const scopes = status?.scopes ?? [];
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await call(commands.settingsUpdate({ clientId, callbackPort: Number(port) }));
      onSaved();
    } catch (err) {
      setError(describe(err));
    }
  };
  const openSite = () => void call(commands.openDevelopersSite()).catch((err) => setError(describe(err)));
  return (
    <form class="setup" onSubmit={save} data-testid="signin-setup">
      <p>
        <strong>This build of Cynosure has no EVE application of its own.</strong> Register one once; it takes a
        minute and no secret is needed.
      </p>
      <ol class="setup-steps">
        <li>
          Open{" "}
          <button type="button" class="link" onClick={openSite} data-testid="open-developers">
            developers.eveonline.com
          </button>{" "}
          and sign in with your EVE account.
        </li>
        <li>
          Create an application of type <em>Authentication &amp; API Access</em> with this callback URL:{" "}
          <Copyable text={callback} testId="copy-callback" />
        </li>
        <li>
          Give it these permissions:
          <ul class="scope-list" data-testid="setup-scopes">
            {scopes.map((scope) => (
              <li key={scope}>
                <Copyable text={scope} />
              </li>
            ))}
          </ul>
          {scopes.length > 1 && <CopyButton text={scopes.join(" ")} label="Copy all" testId="copy-scopes" />}
        </li>
        <li>
          <label>
            Paste its client id:{" "}
            <input
              value={clientId}
              onInput={(e) => setClientId((e.target as HTMLInputElement).value)}
              required
              pattern="[A-Za-z0-9_\-]{1,64}"
              autocomplete="off"
              spellcheck={false}
              data-testid="setup-client-id"
            />
          </label>{" "}
          <button type="submit" class="primary">
            Save and sign in
          </button>
        </li>
      </ol>
      <details class="setup-port">
        <summary>Another callback port</summary>
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
      </details>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

/** A value to paste elsewhere, whole on one line, with its copy button. */
function Copyable({ text, testId }: { text: string; testId?: string }) {
  return (
    <span class="copyable">
      <code>{text}</code> <CopyButton text={text} label="Copy" testId={testId} />
    </span>
  );
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <button type="button" class="quiet copy" onClick={copy} data-testid={testId} data-copied={copied || undefined}>
      {copied ? "Copied" : label}
    </button>
  );
}
