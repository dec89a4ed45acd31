// A list's last measured sizes, per list and window size (issue 13): its first render draws the
// rows that will show, at the height they will have, so the measure after it changes nothing.
// Without them the first render guessed (600 px, the least row height), the measure drew the list
// again and the page was laid out twice before its first rows showed. Not personal data: two
// numbers per list, in localStorage because the first render must have them synchronously.

export interface ListSizes {
  /** The scroller's client height (px). */
  viewport: number;
  /** The measured row height (px). */
  rowHeight: number;
}

const KEY = 'daiban:list-sizes';

type Stored = Record<string, ListSizes & { window: string }>;

/** The window the sizes were measured in: another size (turned, zoomed, resized) starts from a guess.
 *  A change the window's size does not show (the system's text size) is corrected by the measure. */
const windowNow = (): string => `${window.innerWidth}x${window.innerHeight}`;

const validSize = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 100_000;

function readAll(): Stored {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Stored) : {};
  } catch {
    return {}; // storage blocked or a damaged entry: measure as before
  }
}

/** The sizes `list` had in a window of this size, if it was measured in one. */
export function rememberedSizes(list: string): ListSizes | undefined {
  const s = readAll()[list];
  if (!s || s.window !== windowNow() || !validSize(s.viewport) || !validSize(s.rowHeight)) return undefined;
  return { viewport: s.viewport, rowHeight: s.rowHeight };
}

/** Keeps `list`'s measured sizes for its next first render (one entry per list: the last window). */
export function rememberSizes(list: string, sizes: ListSizes): void {
  if (!validSize(sizes.viewport) || !validSize(sizes.rowHeight)) return;
  const all = readAll();
  const old = all[list];
  const window_ = windowNow();
  if (old?.window === window_ && old.viewport === sizes.viewport && old.rowHeight === sizes.rowHeight) return;
  all[list] = { ...sizes, window: window_ };
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Full or blocked: the next start measures, as it did before.
  }
}
