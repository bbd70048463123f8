import { useEffect, useState } from "preact/hooks";
import { commands, type UpdateInfo } from "./bindings";
import { call, describe, type UiError } from "./ipc";

type State =
  | { kind: "none" }
  | { kind: "offered"; update: UpdateInfo }
  | { kind: "installing"; update: UpdateInfo }
  | { kind: "failed"; update: UpdateInfo; error: UiError };

/**
 * "Cynosure 1.2.0 is available": asked once at start (nothing is asked when this build has
 * no update feed); installing downloads, verifies the signature, installs and restarts.
 */
export function UpdateBanner() {
  const [state, setState] = useState<State>({ kind: "none" });

  useEffect(() => {
    // A failed check is not worth a player's attention: the next start asks again.
    call(commands.updateCheck())
      .then((update) => update && setState({ kind: "offered", update }))
      .catch(() => undefined);
  }, []);

  if (state.kind === "none") return null;
  const { update } = state;
  const install = async () => {
    setState({ kind: "installing", update });
    try {
      await call(commands.updateInstall());
    } catch (e) {
      setState({ kind: "failed", update, error: describe(e) });
    }
  };
  return (
    <div class="update-banner" role="status" data-testid="update-banner">
      <span>
        Cynosure {update.version} is available{update.notes ? `: ${update.notes}` : "."}
      </span>
      <button type="button" class="primary" onClick={install} disabled={state.kind === "installing"} data-testid="update-install">
        {state.kind === "installing" ? "Installing…" : "Install and restart"}
      </button>
      {state.kind === "failed" && (
        <span class="notice notice-error" role="alert" data-testid="update-error" data-code={state.error.code}>
          {state.error.message}
        </span>
      )}
    </div>
  );
}
