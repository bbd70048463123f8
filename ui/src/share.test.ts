import { describe, expect, it } from "vitest";
import { keepEqual } from "./share";

describe("a board read again", () => {
  it("is the same object when nothing in it changed", () => {
    const prev = { characters: [{ id: 1, queue: [{ skill: 3, at: 5 }] }], hours: 24 };
    const next = structuredClone(prev);
    expect(keepEqual(prev, next)).toBe(prev);
  });

  it("keeps the unchanged parts and takes the changed ones", () => {
    const prev = { characters: [{ id: 1, queue: [1, 2] }, { id: 2, queue: [3] }], hours: 24 };
    const next = { characters: [{ id: 1, queue: [1, 2] }, { id: 2, queue: [3, 4] }], hours: 24 };
    const merged = keepEqual(prev, next);
    expect(merged).toEqual(next);
    expect(merged).not.toBe(prev);
    expect(merged.characters[0]).toBe(prev.characters[0]);
    expect(merged.characters[1]).not.toBe(prev.characters[1]);
    expect(merged.characters[1].queue).toEqual([3, 4]);
  });

  it("sees added, removed and emptied fields and rows", () => {
    const prev: Record<string, unknown> = { a: 1, b: null, rows: [1, 2, 3] };
    expect(keepEqual(prev, { a: 1, b: null, rows: [1, 2] })).toEqual({ a: 1, b: null, rows: [1, 2] });
    expect(keepEqual(prev, { a: 1, rows: [1, 2, 3] })).toEqual({ a: 1, rows: [1, 2, 3] });
    expect(keepEqual(prev, { a: 1, b: null, c: undefined, rows: [1, 2, 3] })).not.toBe(prev);
    expect(keepEqual(prev, { a: 1, b: 0, rows: [1, 2, 3] })).toEqual({ a: 1, b: 0, rows: [1, 2, 3] });
  });
});
