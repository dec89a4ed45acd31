// Search keys for a person's name: what an agent types to find 张三丰 on a tablet keyboard —
// "zsf" (initials), "sf" (given-name initials), "zhangsanfeng" (full pinyin) or any one character.
// pinyin-pro carries a ~300 KB dictionary: it is imported on first use so it stays out of the
// first bundle. Never call `loadSearchKeys` inside a Dexie transaction (the import is not IDB).

type PinyinFn = (text: string, options: Record<string, unknown>) => string[];

let pinyinPromise: Promise<PinyinFn> | undefined;

function loadPinyin(): Promise<PinyinFn> {
  pinyinPromise ??= import('pinyin-pro').then((m) => m.pinyin as unknown as PinyinFn);
  return pinyinPromise;
}

/** Distinct characters of the name (Han characters and letters), no separators. */
export function nameCharKeys(name: string): string[] {
  const chars = Array.from(name.normalize('NFC')).filter((c) => /[\p{L}\p{N}]/u.test(c));
  return [...new Set(chars.map((c) => c.toLowerCase()))];
}

function pinyinKeys(pinyin: PinyinFn, name: string): string[] {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true };
  const syllables = pinyin(name, opts).map((s) => s.toLowerCase()).filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return [];
  const initials = syllables.map((s) => s[0]).join('');
  const keys = [initials, syllables.join('')];
  if (syllables.length > 1) keys.push(initials.slice(1), syllables.slice(1).join(''));
  return keys;
}

/** Computes every search key of a name (loads pinyin-pro on first use). */
export async function loadSearchKeys(name: string): Promise<string[]> {
  const pinyin = await loadPinyin();
  return searchKeysWith(pinyin, name);
}

/** Returns a synchronous key function once pinyin-pro is loaded (for batches inside a transaction). */
export async function loadSearchKeyFn(): Promise<(name: string) => string[]> {
  const pinyin = await loadPinyin();
  return (name) => searchKeysWith(pinyin, name);
}

function searchKeysWith(pinyin: PinyinFn, name: string): string[] {
  return [...new Set([...pinyinKeys(pinyin, name), ...nameCharKeys(name)])];
}
