import { Roster } from "./roster";

export function App() {
  return (
    <div class="app">
      <header class="app-header">
        <img class="app-logo" src="/logo.png" alt="" width="28" height="28" />
        <h1>Cynosure</h1>
      </header>
      <main class="app-main">
        <Roster />
      </main>
    </div>
  );
}
