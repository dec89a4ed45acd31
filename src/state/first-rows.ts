// The moment the case list has drawn its first rows (or its empty state) — once per page. Work
// that is not needed for them (sync, the due-soon panel, the service worker's updates) waits for
// it, so the first screen downloads and runs only what it shows. The performance mark lets the
// bundle test and the cold-start measurement find the moment too.
export const FIRST_ROWS_MARK = 'daiban:first-rows';

let drawn = false;
let resolve: () => void = () => undefined;
const whenDrawn = new Promise<void>((r) => {
  resolve = r;
});

/** Called by the case list after the frame that shows its first rows. */
export function markFirstRows(): void {
  if (drawn) return;
  drawn = true;
  performance.mark(FIRST_ROWS_MARK);
  resolve();
}

/** Resolves once the case list has drawn its first rows. */
export const firstRowsDrawn = (): Promise<void> => whenDrawn;
