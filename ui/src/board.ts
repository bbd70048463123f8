import { useEffect, useState } from "preact/hooks";
import { call, describe, type Result, type UiError } from "./ipc";
import { versionOf } from "./live";
import type { Slice } from "./bindings";
import { keepEqual } from "./share";

/**
 * An on-view board: read at mount (the core answers from its store and refreshes behind
 * the answer), and again whenever the core says one of `slices` changed; what did not
 * change in a new read stays the same object (`keepEqual`).
 */
export function useBoard<T>(read: () => Promise<Result<T>>, slices: Slice[]) {
  const [view, setView] = useState<T | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const version = versionOf(...slices);

  useEffect(() => {
    let live = true;
    call(read())
      .then((v) => {
        if (!live) return;
        setView((prev) => (prev === null ? v : keepEqual(prev, v)));
        setError(null);
      })
      .catch((e) => live && setError(describe(e)));
    return () => {
      live = false;
    };
  }, [version]);

  return { view, error };
}
