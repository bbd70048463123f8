import { render } from "preact";
import { App } from "./app";
import { loadStartup } from "./first";
import { pageStep } from "./startup";
import { startClock } from "./time";
import "./styles.css";

pageStep("script");
// One call before the first render: the window's own preferences (so it opens as it was
// left) and what its first view shows (first.ts).
void loadStartup().finally(() => {
  pageStep("answered");
  // Before the first render: a clock started after it would move every board's time
  // once more, and re-render them all, just after the first paint.
  startClock();
  render(<App />, document.getElementById("app")!);
});
