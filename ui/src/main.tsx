import { render } from "preact";
import { App } from "./app";
import { loadPrefs } from "./prefs";
import "./styles.css";

// The window's own preferences first (one quick call), so it opens as it was left.
void loadPrefs().finally(() => render(<App />, document.getElementById("app")!));
