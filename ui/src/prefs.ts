// The window's own preferences: what the player left as it was (the last view, the
// Industry filters, sort and columns, the zoom level, opened and folded sections). Kept
// by the shell in a file of their own (tauri-plugin-store), read once at start (with
// the start-up answer, first.ts), written on each change. The core's settings are another thing (Settings, in its database).
import { signal } from "@preact/signals";
import { commands } from "./bindings";

/** Every preference with its shape. */
export type PrefValues = {
  /** The view shown last. */
  view: string;
  /** Zoom in percent (100: none). */
  zoom: number;
  "industry.filter": string;
  "industry.who": string;
  "industry.activity": string;
  /** Times on the boards in EVE time (UTC) rather than this computer's. */
  "time.eve": boolean;
  /** A 12-hour clock (24-hour by default, as EVE's). */
  "time.hour12": boolean;
  "industry.sort": { column: string; descending: boolean };
  /** Industry columns the player hid. */
  "industry.hidden": string[];
  /** The Overview as cards or as the All pilots table. */
  "overview.layout": string;
  "pilots.sort": { column: string; descending: boolean };
  "pilots.grouped": boolean;
  /** The player's own order of pilots (dragged), by character id. */
  "pilots.order": number[];
  /** Sections opened or folded away, by id (absent: the section's default). */
  sections: Record<string, boolean>;
};

export type PrefKey = keyof PrefValues;

export const prefs = signal<Partial<PrefValues>>({});

/** The stored preferences, as the start-up answer brings them (first.ts). */
export function applyPrefs(stored: Partial<{ [key in string]: unknown }>) {
  prefs.value = stored as Partial<PrefValues>;
}

/** A stored preference, if it has the expected type; otherwise `fallback`. */
export function pref<K extends PrefKey>(key: K, fallback: PrefValues[K]): PrefValues[K] {
  const value = prefs.value[key];
  return value !== undefined && value !== null && typeof value === typeof fallback
    ? (value as PrefValues[K])
    : fallback;
}

/** Changes a preference now and keeps it. */
export function setPref<K extends PrefKey>(key: K, value: PrefValues[K]) {
  prefs.value = { ...prefs.value, [key]: value };
  void commands.uiPrefsSet(key, value as never).catch(() => undefined);
}

/** Whether a section is open: as the player left it, else `open`. */
export function sectionOpen(id: string, open: boolean): boolean {
  return pref("sections", {})[id] ?? open;
}

export function setSectionOpen(id: string, open: boolean) {
  setPref("sections", { ...pref("sections", {}), [id]: open });
}
