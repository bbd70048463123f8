// Going to a view from inside another one (a count on the Overview opens the filtered
// board): the App follows this signal.
import { signal } from "@preact/signals";

/** A view asked for by id (`null`: none pending). */
export const viewRequest = signal<string | null>(null);

export function goToView(view: string) {
  viewRequest.value = view;
}
