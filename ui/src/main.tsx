import { render } from "preact";
import { App } from "./app";
import { loadStartup } from "./first";
import "./styles.css";

// One call before the first render: the window's own preferences (so it opens as it was
// left) and what its first view shows (first.ts).
void loadStartup().finally(() => render(<App />, document.getElementById("app")!));
