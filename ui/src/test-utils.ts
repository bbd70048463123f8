// Shared by the UI tests.
import { expect } from "vitest";
import { render, type ComponentChild } from "preact";
import { act } from "preact/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { commands, type IpcError } from "./bindings";
import { resetStartup } from "./first";
import { resetLive } from "./live";
import { prefs } from "./prefs";
import { setClock } from "./time";

/** Lets commands settle and the effects they trigger (a reload) run, a few rounds deep. */
export async function settle() {
  for (let round = 0; round < 3; round++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

const mounted: HTMLElement[] = [];

/** Renders `node` into a fresh element of the page and lets its first reads settle. */
export async function mount(node: ComponentChild): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  mounted.push(root);
  await act(async () => {
    render(node, root);
  });
  await settle();
  return root;
}

/** Clicks `el` (which must be there) and lets what it started settle. */
export async function click(el: Element | null | undefined) {
  expect(el).toBeTruthy();
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}

/**
 * For `afterEach`: unmounts what `mount` rendered (its effects' clean-ups, such as an
 * unlisten, still reach the mocked core), then drops the mocked core and empties the page.
 */
export async function cleanup() {
  const roots = mounted.splice(0);
  if (roots.length > 0) {
    await act(async () => {
      for (const root of roots) render(null, root);
    });
    await settle();
  }
  clearMocks();
  resetLive();
  resetStartup();
  prefs.value = {};
  document.body.innerHTML = "";
}

type Commands = typeof commands;
/** A command of the generated bindings, by its name there (`rosterList`). */
export type Command = keyof Commands;
/** A command's arguments, in the bindings' order. */
export type Args<K extends Command> = Parameters<Commands[K]>;
type Answer<K extends Command> =
  Awaited<ReturnType<Commands[K]>> extends infer R ? (R extends { status: "ok"; data: infer D } ? D : R) : never;

/**
 * The core, mocked per command of the generated bindings: names, arguments and answers are
 * typed from Rust, so a renamed command or a changed shape fails `tsc`. A handler gets the
 * command's arguments as the bindings take them, may answer a promise (one that never
 * settles: a command still running) and may throw an `IpcError` (`{code, message}`).
 */
export type CoreMock = {
  [K in Command]?: (...args: Args<K>) => Answer<K> | Promise<Answer<K>>;
};

export type CoreOptions = {
  /** Mock the event plugin too, so that `emit` reaches the UI's listeners. */
  events?: boolean;
  /** Every command without a handler fails with this error (by default it answers nothing). */
  failUnmocked?: IpcError;
};

/** One call that reached the mocked core. */
export type Call = { [K in Command]: { command: K; args: Args<K> } }[Command];

/** What reached the mocked core, mocked or not, in order. */
export class CoreLog {
  readonly calls: Call[] = [];

  /** The commands called, in order. */
  get commands(): Command[] {
    return this.calls.map((c) => c.command);
  }

  /** How many times `command` was called. */
  count(command: Command): number {
    return this.calls.filter((c) => c.command === command).length;
  }

  /** The arguments of each call of `command`, in order. */
  argsOf<K extends Command>(command: K): Args<K>[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.args as Args<K>);
  }
}

const COMMANDS = new Set<string>(Object.keys(commands));

/** The bindings' name of an IPC command (`roster_list` → `rosterList`), if it is one of them. */
function commandOf(ipcName: string): Command | undefined {
  const name = ipcName.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return COMMANDS.has(name) ? (name as Command) : undefined;
}

/** Mocks the core (see `CoreMock`); the log it returns records every command called. */
export function mockCore(mock: CoreMock, options: CoreOptions = {}): CoreLog {
  const log = new CoreLog();
  mockIPC(
    (ipcName, payload) => {
      const command = commandOf(ipcName);
      // The bindings pass a command's arguments as `{ name: value }` in their order.
      const args = Object.values((payload ?? {}) as Record<string, unknown>);
      if (command !== undefined) log.calls.push({ command, args } as Call);
      const handler = command === undefined ? undefined : (mock[command] as ((...a: unknown[]) => unknown) | undefined);
      if (handler) return handler(...args);
      if (options.failUnmocked) throw options.failUnmocked;
      return undefined;
    },
    { shouldMockEvents: options.events ?? false },
  );
  return log;
}

/** Moves the window's clock to `at` (server time): the boards' states and every shown text. */
export function setTime(at: number) {
  setClock(at);
}
