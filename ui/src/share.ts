// A board read again is mostly what it was. Keeping the parts that did not change as the
// same objects lets everything that shows them (memoised cards, rows) skip re-rendering:
// at 100 pilots, re-rendering a whole Overview for a read that changed one character
// cost the window a tenth of a second.

/** `next`, with every part deep-equal to the same part of `prev` replaced by that part. */
export function keepEqual<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const merged = next.map((v, i) => keepEqual(prev[i], v));
    const same = prev.length === next.length && merged.every((v, i) => Object.is(v, prev[i]));
    return (same ? prev : merged) as T;
  }
  if (isPlain(prev) && isPlain(next)) {
    const keys = Object.keys(next);
    const merged: Record<string, unknown> = {};
    let same = keys.length === Object.keys(prev).length;
    for (const k of keys) {
      merged[k] = keepEqual(prev[k], next[k]);
      same &&= k in prev && Object.is(merged[k], prev[k]);
    }
    return (same ? prev : merged) as T;
  }
  return next;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
