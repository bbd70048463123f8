// The one place the UI turns command results into values or human errors.
import type { IpcError } from "./bindings";

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };

/** A failure the UI can show: the core's `{code, message}`, or one made here. */
export class UiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns a command's result into its value, or throws a `UiError`. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  let settled: Result<T>;
  try {
    settled = await result;
  } catch {
    // The IPC itself failed (not a command error): never show a raw debug string.
    throw new UiError("ipc.failed", "Cynosure's core did not answer. Try restarting the app.");
  }
  if (settled.status === "error") {
    const { code, message } = settled.error;
    throw new UiError(code, message);
  }
  return settled.data;
}

/** What to show a person for any thrown value. */
export function describe(error: unknown): UiError {
  if (error instanceof UiError) return error;
  return new UiError("ui.unexpected", "Something went wrong in the window. Try restarting the app.");
}
