// Finding a service item the way agents type: part of the name (医保), a keyword (新农合),
// pinyin initials (ybcb → 医保参保) or full pinyin. Pure once given a pinyin function; the page
// loads pinyin-pro lazily (it is ~300 KB) and searches by name and keyword until it arrives.
import type { ServiceItem } from '../domain';
import { loadPinyin, type PinyinFn } from '../storage/pinyin';

export { loadPinyin, type PinyinFn };

export interface IndexedItem {
  item: ServiceItem;
  /** Lower-case texts matched as substrings: name, keywords, category, code. */
  texts: string[];
  /** Pinyin initials and full pinyin of the name and keywords. */
  pinyin: string[];
}

// Keys per text, per pinyin function: pinyin-pro's first calls are slow (its dictionary is read
// lazily), and the catalogue's names are the same every time the picker opens (issue 13: ~0.3 s
// at 4× CPU when it first opened). The app warms this while idle (ui/app/preload-screens.ts).
const memo = new WeakMap<PinyinFn, Map<string, string[]>>();

function pinyinKeys(pinyin: PinyinFn, text: string): string[] {
  let known = memo.get(pinyin);
  if (!known) memo.set(pinyin, (known = new Map()));
  let keys = known.get(text);
  if (!keys) known.set(text, (keys = computeKeys(pinyin, text)));
  return keys;
}

function computeKeys(pinyin: PinyinFn, text: string): string[] {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
  return syllables.length ? [syllables.map((s) => s[0]).join(''), syllables.join('')] : [];
}

export function indexItems(items: readonly ServiceItem[], pinyin?: PinyinFn): IndexedItem[] {
  return items.map((item) => {
    const words = [item.name, ...item.keywords];
    return {
      item,
      texts: [...words, item.category, item.code].map((t) => t.toLowerCase()),
      pinyin: pinyin ? words.flatMap((w) => pinyinKeys(pinyin, w)) : [],
    };
  });
}

/**
 * Items matching the query within the category (undefined = all). Best first: name starts with
 * the query, then name contains it, then keyword/pinyin matches; catalogue order breaks ties.
 */
export function searchItems(index: readonly IndexedItem[], query: string, category?: string): ServiceItem[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  const scored: { item: ServiceItem; score: number; order: number }[] = [];
  index.forEach((entry, order) => {
    if (category && entry.item.category !== category) return;
    const score = q === '' ? 1 : scoreOf(entry, q);
    if (score > 0) scored.push({ item: entry.item, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.item);
}

function scoreOf(entry: IndexedItem, q: string): number {
  const name = entry.texts[0] ?? '';
  if (name.startsWith(q)) return 5;
  if (name.includes(q)) return 4;
  if (entry.texts.some((t) => t.includes(q))) return 3;
  if (/^[a-z]+$/.test(q)) {
    if (entry.pinyin.some((p) => p.startsWith(q))) return 2;
    if (entry.pinyin.some((p) => p.includes(q))) return 1;
  }
  return 0;
}
