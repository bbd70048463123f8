import { useEffect, useState } from "preact/hooks";
import { events } from "./bindings";
import { IndustryBoard } from "./industry";
import { NextBoard } from "./next";
import { Overview } from "./overview";
import { PlanetsBoard } from "./planets";
import { ClonesBoard } from "./clones";
import { TradeView } from "./trade";
import { serverStatus, startLive } from "./live";
import { openPilot, PilotPage, pilotShown } from "./pilot";
import { afterStartupPaint, forgetFirst } from "./first";
import { takeLanding, viewRequest } from "./nav";
import { startPresence } from "./presence";
import { Roster } from "./roster";
import { leaveDemo, session, startSession } from "./session";
import { SettingsView } from "./settings";
import { SkillsBoard } from "./skills";
import { describe, type UiError } from "./ipc";
import { count, startClock } from "./time";
import { EveTime } from "./clock";
import { UpdateBanner } from "./update";
import { pref, setPref } from "./prefs";
import { startZoom } from "./zoom";

const VIEWS = [
  { id: "overview", label: "Overview", key: "1" },
  { id: "next", label: "Next", key: "2" },
  { id: "skills", label: "Skills", key: "3" },
  { id: "industry", label: "Industry", key: "4" },
  { id: "planets", label: "Planets", key: "5" },
  { id: "clones", label: "Clones", key: "6" },
  { id: "trade", label: "Trade", key: "7" },
  { id: "characters", label: "Characters", key: "8" },
  { id: "settings", label: "Settings", key: "9" },
] as const;

type View = (typeof VIEWS)[number]["id"];

/** A text field or an editable element: where the system's edit menu belongs. */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea"));
}

/** The view the player left the window on, if it still exists. */
function keptView(): View {
  const kept = pref("view", "overview");
  return VIEWS.find((v) => v.id === kept)?.id ?? "overview";
}

export function App() {
  const [view, show] = useState<View>(keptView);
  const setView = (next: View) => {
    pilotShown.value = null;
    show(next);
    setPref("view", next);
  };
  const { demo, generation } = session.value;
  // A view asked for from inside another (the Overview's counts).
  const requested = VIEWS.find((v) => v.id === viewRequest.value)?.id;
  useEffect(() => {
    if (!requested) return;
    viewRequest.value = null;
    setView(requested);
  }, [requested]);

  useEffect(() => {
    // The first view's reads (effects of this and the next render) take their share of
    // the start-up answer at once; what is left after a second would be old by the time
    // another view opens.
    const forget = setTimeout(forgetFirst, 1000);
    startClock();
    startZoom();
    startSession();
    // Listening for news (and the reads it may bring) and the online heartbeats wait until
    // the first frame of stored boards is on screen: at 100 pilots they cost more than it.
    let mounted = true;
    void afterStartupPaint().then(() => {
      if (!mounted) return;
      startLive();
      startPresence();
    });
    // Alt+1…9 switch views.
    const onKey = (e: KeyboardEvent) => {
      const target = VIEWS.find((v) => v.key === e.key);
      if (e.altKey && target) {
        e.preventDefault();
        setView(target.id);
      }
    };
    window.addEventListener("keydown", onKey);
    // A desktop app, not a web page: no Back/Forward/Reload menu (text fields keep theirs,
    // for cut, copy and paste).
    const onContextMenu = (e: MouseEvent) => {
      if (!isEditable(e.target)) e.preventDefault();
    };
    window.addEventListener("contextmenu", onContextMenu);
    // A click on a notification or the tray opens its board or a pilot's page: in a
    // window just opened for it, from its address; in one already open, by an event.
    const goTo = (view: string, readyOnly: boolean) => {
      if (readyOnly) {
        setPref("industry.filter", "ready");
        setPref("industry.who", "all");
      }
      const target = VIEWS.find((v) => v.id === view);
      if (target) setView(target.id);
    };
    const landing = takeLanding();
    if (landing && "pilot" in landing) openPilot(landing.pilot);
    else if (landing) goTo(landing.view, landing.readyOnly);
    const unlisten = events.openView.listen((e) => goTo(e.payload.view, e.payload.readyOnly)).catch(() => undefined);
    const unlistenPilot = events.openPilot.listen((e) => openPilot(e.payload.characterId)).catch(() => undefined);
    return () => {
      clearTimeout(forget);
      mounted = false;
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("contextmenu", onContextMenu);
      void unlisten.then((stop) => stop?.());
      void unlistenPilot.then((stop) => stop?.());
    };
  }, []);

  return (
    <div class="app">
      <header class="app-header">
        <img class="app-logo" src="/logo.png" alt="" width="28" height="28" />
        <h1>Cynosure</h1>
        <nav class="tabs" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              type="button"
              class={view === v.id ? "tab tab-on" : "tab"}
              aria-current={view === v.id ? "page" : undefined}
              title={`Alt+${v.key}`}
              onClick={() => setView(v.id)}
              data-testid={`nav-${v.id}`}
            >
              {v.label}
            </button>
          ))}
        </nav>
        {demo && <DemoBadge onLeft={() => setView("overview")} />}
        <ServerBadge />
        <EveClock />
      </header>
      <UpdateBanner />
      <main class="app-main" key={generation}>
        {pilotShown.value !== null && <PilotPage characterId={pilotShown.value} />}
        {pilotShown.value === null && view === "overview" && <Overview />}
        {pilotShown.value === null && view === "next" && <NextBoard />}
        {pilotShown.value === null && view === "characters" && <Roster />}
        {pilotShown.value === null && view === "skills" && <SkillsBoard />}
        {pilotShown.value === null && view === "industry" && <IndustryBoard />}
        {pilotShown.value === null && view === "planets" && <PlanetsBoard />}
        {pilotShown.value === null && view === "clones" && <ClonesBoard />}
        {pilotShown.value === null && view === "trade" && <TradeView />}
        {pilotShown.value === null && view === "settings" && <SettingsView />}
      </main>
    </div>
  );
}

/** On every view while the demo runs: what this is, and the way back. */
function DemoBadge({ onLeft }: { onLeft: () => void }) {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const leave = async () => {
    setLeaving(true);
    setError(null);
    try {
      await leaveDemo();
      onLeft();
    } catch (e) {
      setError(describe(e));
    } finally {
      setLeaving(false);
    }
  };
  return (
    <div class="demo" data-testid="demo-badge">
      <span class="demo-badge" title="The characters and their data are simulated">
        Demo
      </span>
      <button type="button" class="demo-leave" onClick={leave} disabled={leaving} data-testid="leave-demo">
        {leaving ? "Leaving…" : "Leave the demo"}
      </button>
      {error && (
        <span class="notice notice-error demo-error" role="alert" data-code={error.code}>
          {error.message}
        </span>
      )}
    </div>
  );
}

/** The game's clock, from EVE's servers' time (the core learns their offset). */
function EveClock() {
  return (
    <span class="eve-clock" title="EVE time (UTC), as Tranquility keeps it" data-testid="eve-clock">
      EVE <EveTime />
    </span>
  );
}

/** Tranquility at a glance: players online (the title says since when), or VIP only. */
function ServerBadge() {
  const status = serverStatus.value;
  if (!status) return null;
  const since = new Date(status.startedAt).toISOString().slice(11, 16);
  return (
    <span
      class="server-status"
      title={`Tranquility: ${count(status.players)} players online, up since ${since} EVE time`}
      data-testid="server-status"
    >
      {status.vip ? "TQ: VIP only" : `TQ ${count(status.players)}`}
    </span>
  );
}
