// Going to a view from inside another one (a count on the Overview opens the filtered
// board): the App follows this signal.
import { signal } from "@preact/signals";

/** A view asked for by id (`null`: none pending). */
export const viewRequest = signal<string | null>(null);

export function goToView(view: string) {
  viewRequest.value = view;
}

/** Where a window opened by the tray or a notification lands, from its address
 * (`#view=industry&ready`, `#pilot=90000001`); read once, then cleared so a reload stays. */
export type Landing = { view: string; readyOnly: boolean } | { pilot: number } | null;

export function takeLanding(): Landing {
  const hash = window.location.hash.replace(/^#/, "");
  if (!hash) return null;
  history.replaceState(null, "", window.location.pathname + window.location.search);
  const params = new URLSearchParams(hash);
  const pilot = Number(params.get("pilot"));
  if (Number.isInteger(pilot) && pilot > 0) return { pilot };
  const view = params.get("view");
  return view ? { view, readyOnly: params.has("ready") } : null;
}
