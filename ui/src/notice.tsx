import type { UiError } from "./ipc";

/** An error said in words, with its stable code for tests and support. */
export function ErrorNotice({ error, class: extra }: { error: UiError; class?: string }) {
  return (
    <p class={extra ? `notice notice-error ${extra}` : "notice notice-error"} role="alert" data-code={error.code}>
      {error.message}
    </p>
  );
}
