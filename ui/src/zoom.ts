// Zoom with Ctrl+= / Ctrl+- / Ctrl+0 (⌘ on macOS) and Ctrl+wheel, in steps of 20 %,
// kept between starts as a preference.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { pref, setPref } from "./prefs";

const STEP = 20;
const MIN = 60;
const MAX = 300;
const mac = navigator.platform.startsWith("Mac");

let current = 100;

function apply(percent: number) {
  current = Math.min(MAX, Math.max(MIN, percent));
  try {
    void getCurrentWebview()
      .setZoom(current / 100)
      .catch(() => undefined);
  } catch {
    // Not in a Tauri web view (a plain browser): nothing to zoom.
  }
}

function change(percent: number) {
  apply(percent);
  setPref("zoom", current);
}

let started = false;

/** Restores the kept zoom and follows the zoom keys. */
export function startZoom() {
  if (started) return;
  started = true;
  const kept = pref("zoom", 100);
  if (kept !== 100) apply(kept);
  window.addEventListener("keydown", (e) => {
    if (!(mac ? e.metaKey : e.ctrlKey)) return;
    if (e.key === "=" || e.key === "+") change(current + STEP);
    else if (e.key === "-") change(current - STEP);
    else if (e.key === "0") change(100);
    else return;
    e.preventDefault();
  });
  window.addEventListener(
    "wheel",
    (e) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      change(current + (e.deltaY < 0 ? STEP : -STEP));
    },
    { passive: false },
  );
}
