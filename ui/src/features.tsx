import { useEffect, useState } from "preact/hooks";
import { commands, type FeatureState, type Lacking } from "./bindings";
import { call, describe, type UiError } from "./ipc";
import { boardsMayHaveChanged } from "./live";
import { ErrorNotice } from "./notice";

/**
 * Settings → Features: each opt-in feature with the ESI scopes it needs. Turning one on
 * lists the characters whose sign-in lacks them and walks through re-authorising them,
 * one after another; their data is kept.
 */
export function FeaturesSection(props: { onChanged?: () => void }) {
  const [features, setFeatures] = useState<FeatureState[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const load = () =>
    call(commands.featuresList())
      .then(setFeatures)
      .catch((e) => setError(describe(e)));
  useEffect(() => {
    void load();
  }, []);

  const toggle = async (f: FeatureState, on: boolean) => {
    try {
      const next = await call(commands.featureSet(f.feature, on));
      setFeatures((all) => all?.map((x) => (x.feature === next.feature ? next : x)) ?? null);
      setError(null);
      props.onChanged?.();
    } catch (e) {
      setError(describe(e));
    }
  };

  if (!features) {
    return error ? (
      <ErrorNotice error={error} />
    ) : null;
  }
  return (
    <div class="features" data-testid="features">
      {features.map((f) => (
        <div class="feature" data-feature={f.feature}>
          <label class="field field-toggle">
            <input
              type="checkbox"
              checked={f.on}
              onChange={(e) => toggle(f, (e.target as HTMLInputElement).checked)}
              data-testid={`feature-${f.feature}`}
            />
            <span>
              {f.name} <span class="muted small">— {f.about}</span>
            </span>
          </label>
          <p class="muted small">
            Needs the permission <code>{f.scopes.join(", ")}</code>.
          </p>
          {f.on && f.lacking.length > 0 && <Reauthorise lacking={f.lacking} onDone={load} />}
        </div>
      ))}
      {error && (
        <ErrorNotice error={error} />
      )}
    </div>
  );
}

/** Characters on different accounts cannot share EVE's login session in the browser. */
function sameAccount(a: Lacking, b: Lacking): boolean {
  return a.accountId !== null && a.accountId === b.accountId;
}

/** "Re-authorise N characters": one sign-in after another, in the system browser. */
function Reauthorise(props: { lacking: Lacking[]; onDone: () => void }) {
  const [step, setStep] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const n = props.lacking.length;

  const signIn = async (i: number) => {
    setStep(i);
    setBusy(true);
    setError(null);
    try {
      await call(commands.authLogin());
      boardsMayHaveChanged();
      if (i + 1 < n) setStep(i + 1);
      else {
        setStep(null);
        props.onDone();
      }
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  if (step === null) {
    return (
      <div class="reauthorise" data-testid="reauthorise">
        <p class="small">
          {n === 1 ? "1 character needs" : `${n} characters need`} this permission:{" "}
          {props.lacking.map((c) => c.name).join(", ")}. Their data is kept.
        </p>
        <button type="button" onClick={() => signIn(0)} data-testid="reauthorise-start">
          Re-authorise {n === 1 ? "1 character" : `${n} characters`}
        </button>
      </div>
    );
  }
  const who = props.lacking[step];
  const previous = step > 0 ? props.lacking[step - 1] : null;
  return (
    <div class="reauthorise" data-testid="reauthorise">
      <p class="small" data-testid="reauthorise-step">
        {step + 1} of {n}: sign in as <strong>{who.name}</strong> in your browser.
        {previous && !sameAccount(previous, who) && (
          <> {who.name} is on another account than {previous.name}: sign out of EVE in the browser first.</>
        )}
      </p>
      {!busy && (
        <button type="button" onClick={() => signIn(step)} data-testid="reauthorise-next">
          {error ? "Try again" : `Sign in as ${who.name}`}
        </button>
      )}
      {error && (
        <ErrorNotice error={error} />
      )}
    </div>
  );
}
