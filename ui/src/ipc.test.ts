import { describe, expect, it } from "vitest";
import { call, describe as describeError, UiError } from "./ipc";

describe("call", () => {
  it("returns the data of an ok result", async () => {
    await expect(call(Promise.resolve({ status: "ok" as const, data: 42 }))).resolves.toBe(42);
  });

  it("throws the core's code and message for an error result", async () => {
    const failing = call(
      Promise.resolve({ status: "error" as const, error: { code: "roster.unknown_character", message: "Character 7 is not linked to Cynosure." } }),
    );
    await expect(failing).rejects.toMatchObject({ code: "roster.unknown_character", message: "Character 7 is not linked to Cynosure." });
  });

  it("turns a broken IPC into a human message", async () => {
    const failing = call(Promise.reject(new Error("TypeError: window.__TAURI_INTERNALS__ is undefined")));
    await expect(failing).rejects.toMatchObject({ code: "ipc.failed" });
    await failing.catch((e: UiError) => expect(e.message).not.toContain("__TAURI"));
  });
});

describe("describe", () => {
  it("keeps a UiError and hides anything else", () => {
    const known = new UiError("x.y", "Readable.");
    expect(describeError(known)).toBe(known);
    const hidden = describeError(new RangeError("stack trace at foo.ts:12"));
    expect(hidden.code).toBe("ui.unexpected");
    expect(hidden.message).not.toContain("foo.ts");
  });
});
