// Shared by the UI tests.
import { act } from "preact/test-utils";
import { mockIPC } from "@tauri-apps/api/mocks";
import { commands } from "./bindings";

/** Lets commands settle and the effects they trigger (a reload) run, a few rounds deep. */
export async function settle() {
  for (let round = 0; round < 3; round++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

type Commands = typeof commands;
type Answer<K extends keyof Commands> =
  Awaited<ReturnType<Commands[K]>> extends infer R ? (R extends { status: "ok"; data: infer D } ? D : R) : never;

/**
 * The core, mocked per command of the generated bindings: names and answers are typed
 * from Rust, so a renamed command or a changed shape fails `tsc`. A handler may throw an
 * `IpcError` (`{code, message}`). Unmocked commands answer nothing.
 */
export type CoreMock = {
  [K in keyof Commands]?: (args: Record<string, unknown>) => Answer<K> | Promise<Answer<K>>;
};

export function mockCore(mock: CoreMock, options?: { events?: boolean }) {
  mockIPC(
    (cmd, args) => {
      const name = cmd.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof Commands;
      const handler = mock[name] as ((a: Record<string, unknown>) => unknown) | undefined;
      return handler?.((args ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: options?.events ?? false },
  );
}
