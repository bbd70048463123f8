import { useEffect, useState } from "preact/hooks";
import { events } from "./bindings";
import { IndustryBoard } from "./industry";
import { Overview } from "./overview";
import { startLive } from "./live";
import { startPresence } from "./presence";
import { Roster } from "./roster";
import { SettingsView } from "./settings";
import { SkillsBoard } from "./skills";
import { startClock } from "./time";

const VIEWS = [
  { id: "overview", label: "Overview", key: "1" },
  { id: "skills", label: "Skills", key: "2" },
  { id: "industry", label: "Industry", key: "3" },
  { id: "characters", label: "Characters", key: "4" },
  { id: "settings", label: "Settings", key: "5" },
] as const;

type View = (typeof VIEWS)[number]["id"];

export function App() {
  const [view, setView] = useState<View>("overview");

  useEffect(() => {
    startClock();
    startLive();
    startPresence();
    // Alt+1…5 switch views.
    const onKey = (e: KeyboardEvent) => {
      const target = VIEWS.find((v) => v.key === e.key);
      if (e.altKey && target) {
        e.preventDefault();
        setView(target.id);
      }
    };
    window.addEventListener("keydown", onKey);
    // A click on a job or skill-queue notification opens its board.
    const unlisten = events.openView.listen((e) => setView(e.payload.view)).catch(() => undefined);
    return () => {
      window.removeEventListener("keydown", onKey);
      void unlisten.then((stop) => stop?.());
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
      </header>
      <main class="app-main">
        {view === "overview" && <Overview />}
        {view === "characters" && <Roster />}
        {view === "skills" && <SkillsBoard />}
        {view === "industry" && <IndustryBoard />}
        {view === "settings" && <SettingsView />}
      </main>
    </div>
  );
}
