/**
 * What the window says for a thing whose name ESI has not given yet (names arrive in the
 * background, in batches): the kind of thing, never a raw id.
 */
export function unnamed(kind: string): string {
  return `${kind} (name pending)`;
}
