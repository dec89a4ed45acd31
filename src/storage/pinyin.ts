// pinyin-pro carries a ~280 KB dictionary: imported on first use so it stays out of the first
// bundle. The app's one loader (person search keys here, item search in state/item-search.ts).
// Never call these inside a Dexie transaction (the import is not an IndexedDB request).
import { searchKeysWith, type PinyinFn } from './name-keys';

export type { PinyinFn } from './name-keys';

let pinyinPromise: Promise<PinyinFn> | undefined;

/** pinyin-pro's `pinyin` function, imported on first use. */
export function loadPinyin(): Promise<PinyinFn> {
  pinyinPromise ??= import('pinyin-pro').then((m) => m.pinyin as unknown as PinyinFn);
  return pinyinPromise;
}

/** Computes every search key of a name (loads pinyin-pro on first use). */
export async function loadSearchKeys(name: string): Promise<string[]> {
  return searchKeysWith(await loadPinyin(), name);
}

/** A synchronous key function once pinyin-pro is loaded (for batches inside a transaction). */
export async function loadSearchKeyFn(): Promise<(name: string) => string[]> {
  const pinyin = await loadPinyin();
  return (name) => searchKeysWith(pinyin, name);
}
