/**
 * Grey bars where data will appear, shown only before a board's very first read (a board
 * read once shows its data, however old, with its age instead).
 */
export function Skeleton({ lines = 1 }: { lines?: number }) {
  return (
    <span class="skeleton" role="status" aria-label="Reading from EVE…" data-testid="skeleton">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} class="skeleton-line" />
      ))}
    </span>
  );
}
