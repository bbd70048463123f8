import { useEffect, useState } from "preact/hooks";
import { commands, type AppInfo, type AuthStatus, type Component, type Settings, type SettingsPatch } from "./bindings";
import { call, describe, type UiError } from "./ipc";
import { FeaturesSection } from "./features";
import { ErrorNotice } from "./notice";
import { pref, setPref } from "./prefs";

/** The settings the core acts on; each change is saved at once. */
export function SettingsView() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [folderError, setFolderError] = useState<UiError | null>(null);
  const [startAtLogin, setStartAtLogin] = useState<boolean | null>(null);

  useEffect(() => {
    call(commands.settingsGet())
      .then(setSettings)
      .catch((e) => setError(describe(e)));
    call(commands.authStatus())
      .then(setAuth)
      .catch(() => undefined);
    call(commands.appInfo())
      .then(setInfo)
      .catch(() => undefined);
    call(commands.autostartGet())
      .then(setStartAtLogin)
      .catch(() => undefined);
  }, []);

  const changeStartAtLogin = async (enabled: boolean) => {
    setSaved(false);
    try {
      setStartAtLogin(await call(commands.autostartSet(enabled)));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(describe(e));
    }
  };

  const openLogs = async () => {
    try {
      await call(commands.openLogFolder());
      setFolderError(null);
    } catch (e) {
      setFolderError(describe(e));
    }
  };

  const change = async (patch: SettingsPatch) => {
    setSaved(false);
    try {
      setSettings(await call(commands.settingsUpdate(patch)));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(describe(e));
    }
  };

  if (!settings) {
    return error ? (
      <ErrorNotice error={error} />
    ) : (
      <section aria-busy="true" />
    );
  }
  return (
    <section class="settings" data-testid="settings">
      <h2 class="section-title">Window and tray</h2>
      <Toggle
        label="Closing the window keeps Cynosure in the tray"
        checked={settings.closeToTray}
        onChange={(v) => change({ closeToTray: v })}
      />
      {startAtLogin !== null && (
        <Toggle
          label="Start Cynosure when you log in (it waits in the tray)"
          checked={startAtLogin}
          onChange={changeStartAtLogin}
          testId="start-at-login"
        />
      )}
      <Toggle
        label="Keep tray indicator live while the window is hidden"
        checked={settings.trayLive}
        onChange={(v) => change({ trayLive: v })}
        testId="tray-live"
      />
      <NumberField
        label="Check online status while hidden every (minutes)"
        value={settings.trayLiveMinutes}
        min={1}
        disabled={!settings.trayLive}
        onChange={(v) => change({ trayLiveMinutes: v })}
      />

      <h2 class="section-title">Times</h2>
      <Toggle
        label="Show times in EVE time (UTC) instead of this computer's"
        checked={pref("time.eve", false)}
        onChange={(v) => setPref("time.eve", v)}
        testId="time-eve"
      />
      <Toggle
        label="12-hour clock (AM/PM)"
        checked={pref("time.hour12", false)}
        onChange={(v) => setPref("time.hour12", v)}
        testId="time-hour12"
      />

      <h2 class="section-title">Features</h2>
      <FeaturesSection onChanged={() => call(commands.settingsGet()).then(setSettings).catch(() => undefined)} />

      <h2 class="section-title">Notifications</h2>
      <Toggle
        label="Notify when an industry job is ready (keeps job boards refreshed in the background)"
        checked={settings.jobNotifications}
        onChange={(v) => change({ jobNotifications: v })}
        testId="job-notifications"
      />
      <Toggle
        label="Include corporation jobs"
        checked={settings.corporationJobNotifications}
        disabled={!settings.jobNotifications}
        onChange={(v) => change({ corporationJobNotifications: v })}
        testId="corporation-job-notifications"
      />
      <NumberField
        label="Background job refresh every (minutes)"
        value={settings.jobRefreshMinutes}
        min={5}
        disabled={!settings.jobNotifications}
        onChange={(v) => change({ jobRefreshMinutes: v })}
      />
      <Toggle
        label="Notify when a skill queue runs out"
        checked={settings.skillQueueNotifications}
        onChange={(v) => change({ skillQueueNotifications: v })}
        testId="skill-queue-notifications"
      />
      <NumberField
        label="Warn this many hours before a queue ends: amber on the boards, and a notification when those are on (0: no warning)"
        value={settings.skillQueueWarningHours}
        min={0}
        max={336}
        onChange={(v) => change({ skillQueueWarningHours: v })}
        testId="skill-queue-warning-hours"
      />

      <Toggle
        label="Notify when an industry slot stays idle after its job ended"
        checked={settings.slotIdleNotifications}
        onChange={(v) => change({ slotIdleNotifications: v })}
        testId="slot-idle-notifications"
      />
      <NumberField
        label="After this many hours idle"
        value={settings.slotIdleHours}
        min={1}
        max={168}
        disabled={!settings.slotIdleNotifications}
        onChange={(v) => change({ slotIdleHours: v })}
        testId="slot-idle-hours"
      />

      {settings.features.includes("planets") && (
        <WarnedAlarm
          what="extractor"
          settings={settings}
          change={change}
          label="Notify before planetary extractors stop, and when they stop"
          hoursLabel="Warn this many hours before an extractor stops (0: only when it stops)"
          max={168}
        />
      )}

      {settings.features.includes("clones") && (
        <Toggle
          label="Notify when a character's next clone jump is available"
          checked={settings.cloneJumpNotifications}
          onChange={(v) => change({ cloneJumpNotifications: v })}
          testId="clone-jump-notifications"
        />
      )}

      {settings.features.includes("markets") && (
        <WarnedAlarm
          what="order"
          settings={settings}
          change={change}
          label="Notify before market orders expire, and when they are filled"
          hoursLabel="Warn this many hours before an order expires (0: never)"
          max={336}
        />
      )}

      {settings.features.includes("contracts") && (
        <WarnedAlarm
          what="contract"
          settings={settings}
          change={change}
          label="Notify when your contracts are accepted, and before contracts expire or couriers are due"
          hoursLabel="Warn this many hours before a contract expires or a courier is due (0: never)"
          max={336}
        />
      )}

      <h2 class="section-title">EVE application</h2>
      {info?.demo ? (
        <p class="muted small" data-testid="demo-application">
          In the demo, EVE's login and ESI are simulated on this computer: no application is needed. Your own
          application and characters are kept as they were.
        </p>
      ) : (
        <EveApplication settings={settings} auth={auth} change={change} />
      )}
      {info && (
        <>
          <h2 class="section-title">Your data</h2>
          <dl class="facts" data-testid="your-data">
            <dt>Data folder</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Sign-in tokens</dt>
            <dd>
              {info.demo
                ? "The demo's simulated sign-ins, in the demo's folder"
                : auth?.vault === "file"
                  ? "In a file in the data folder, readable by your user only (as you chose)"
                  : auth?.vault === "keychain_locked"
                    ? "In your system keychain, which is locked or not answering (see Characters)"
                    : "In your system keychain"}
            </dd>
            <dt>Logs</dt>
            <dd>
              <code>{info.logDir}</code>{" "}
              <button type="button" class="quiet" onClick={openLogs} data-testid="open-log-folder">
                Open log folder
              </button>
            </dd>
          </dl>
          {folderError && (
            <ErrorNotice error={folderError} />
          )}
          <h2 class="section-title">About</h2>
          <p class="muted small" data-testid="about">
            Cynosure {info.version} · MIT licence · Not affiliated with CCP Games. EVE Online and the EVE logo are
            trademarks of CCP hf.
          </p>
          <Licences />
        </>
      )}
      <p class="settings-status" role="status">
        {error ? (
          <span class="sync-error" data-code={error.code}>
            {error.message}
          </span>
        ) : saved ? (
          "Saved."
        ) : null}
      </p>
    </section>
  );
}

/**
 * The EVE application sign-ins go through: Cynosure's own where this build has one (the
 * player's own under Advanced), else the player's client id and callback port.
 */
function EveApplication(props: {
  settings: Settings;
  auth: AuthStatus | null;
  change: (patch: SettingsPatch) => void;
}) {
  const { settings, auth, change } = props;
  const fields = (
    <>
      <TextField
        label="Client id"
        value={settings.clientId ?? ""}
        disabled={auth?.clientIdFromEnv ?? false}
        onChange={(v) => change({ clientId: v })}
      />
      <NumberField
        label="Callback port"
        value={settings.callbackPort}
        min={1024}
        onChange={(v) => change({ callbackPort: v })}
      />
      {auth && (
        <p class="muted small">
          Callback URL to register: <code>{auth.callbackUrl}</code>. Sign-in tokens are kept in{" "}
          {auth.vault === "file" ? "a file only your user can read (as you chose)" : "your system keychain"}.
        </p>
      )}
    </>
  );
  if (!auth?.builtInClientId) return fields;
  const own = Boolean(settings.clientId) || auth.clientIdFromEnv;
  return (
    <>
      <p class="muted small" data-testid="built-in-application">
        {own
          ? "Sign-ins go through your own EVE application (below)."
          : "Sign-ins go through Cynosure's own EVE application: nothing to set up."}
      </p>
      <details class="advanced" open={own} data-testid="own-application">
        <summary>Advanced: use your own EVE application</summary>
        <p class="muted small">
          Leave the client id empty to use Cynosure's. With your own, register the callback URL below and every
          permission Cynosure asks for.
        </p>
        {fields}
      </details>
    </>
  );
}

/** The open-source components inside this build, read when first opened. */
function Licences() {
  const [list, setList] = useState<Component[] | UiError | null>(null);
  const load = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open && list === null) {
      call(commands.appLicences())
        .then(setList)
        .catch((err) => setList(describe(err)));
    }
  };
  return (
    <details class="licences" onToggle={load} data-testid="licences">
      <summary>Open-source components and their licences</summary>
      {list === null ? (
        <p class="muted small">Reading…</p>
      ) : list instanceof Error ? (
        <ErrorNotice error={list} />
      ) : (
        <>
          <p class="muted small">
            Cynosure is built on {list.length} open-source components. Their licences allow this use; the full texts
            come with each component's source.
          </p>
          <table class="licence-list">
            <tbody>
              {list.map((c) => (
                <tr key={`${c.name}@${c.version}`}>
                  <td>{c.name}</td>
                  <td class="num muted">{c.version}</td>
                  <td class="muted">{c.licence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}

/** An alarm with a warning some hours ahead: its switch, and the hours (`<what>Notifications`, `<what>WarningHours`). */
function WarnedAlarm(props: {
  what: "extractor" | "order" | "contract";
  settings: Settings;
  change: (patch: SettingsPatch) => void;
  label: string;
  hoursLabel: string;
  max: number;
}) {
  const on = props.settings[`${props.what}Notifications`];
  return (
    <>
      <Toggle
        label={props.label}
        checked={on}
        onChange={(v) => props.change({ [`${props.what}Notifications`]: v })}
        testId={`${props.what}-notifications`}
      />
      <NumberField
        label={props.hoursLabel}
        value={props.settings[`${props.what}WarningHours`]}
        min={0}
        max={props.max}
        disabled={!on}
        onChange={(v) => props.change({ [`${props.what}WarningHours`]: v })}
        testId={`${props.what}-warning-hours`}
      />
    </>
  );
}

function Toggle(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (v: boolean) => void;
  testId?: string;
}) {
  return (
    <label class="field field-toggle">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
        data-testid={props.testId}
      />
      <span>{props.label}</span>
    </label>
  );
}

function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max?: number;
  disabled?: boolean;
  onChange: (v: number) => void;
  testId?: string;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        data-testid={props.testId}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number((e.target as HTMLInputElement).value))}
      />
    </label>
  );
}

function TextField(props: { label: string; value: string; disabled?: boolean; onChange: (v: string) => void }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        value={props.value}
        disabled={props.disabled}
        spellcheck={false}
        autocomplete="off"
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
