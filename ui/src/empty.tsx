import { SignIn } from "./signin";

/** The one empty state of every view before any character is linked: what the view would show, and the way to fix it. */
export function NoCharacters({ what, testId, onLinked }: { what: string; testId?: string; onLinked?: () => void }) {
  return (
    <div class="empty" data-testid={testId ?? "no-characters"}>
      <h2>No characters yet</h2>
      <p>Link your EVE Online characters to see {what}.</p>
      <SignIn label="Add character" onLinked={onLinked ?? (() => undefined)} />
    </div>
  );
}
