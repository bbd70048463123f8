import type { ComponentChildren } from "preact";
import { sectionOpen, setSectionOpen } from "./prefs";

/** A section the player can fold away; it stays as they left it, between starts too. */
export function Fold(props: { id: string; open?: boolean; summary: ComponentChildren; class?: string; children: ComponentChildren }) {
  const open = sectionOpen(props.id, props.open ?? false);
  return (
    <details
      class={props.class}
      open={open}
      data-section={props.id}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== sectionOpen(props.id, props.open ?? false)) setSectionOpen(props.id, now);
      }}
    >
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}
