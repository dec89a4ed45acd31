// Search keys for a person's name: what an agent types to find 张三丰 on a tablet keyboard —
// "zsf" (initials), "sf" (given-name initials), "zhangsanfeng" (full pinyin) or any one character.
// Pure: the pinyin function is passed in (see pinyin.ts, which loads it lazily).

export type PinyinFn = (text: string, options: Record<string, unknown>) => string[];

/** Distinct characters of the name (Han characters and letters), no separators. */
export function nameCharKeys(name: string): string[] {
  const chars = Array.from(name.normalize('NFC')).filter((c) => /[\p{L}\p{N}]/u.test(c));
  return [...new Set(chars.map((c) => c.toLowerCase()))];
}

function pinyinKeys(pinyin: PinyinFn, name: string): string[] {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true };
  const syllables = pinyin(name, opts)
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return [];
  const initials = syllables.map((s) => s[0]).join('');
  const keys = [initials, syllables.join('')];
  if (syllables.length > 1) keys.push(initials.slice(1), syllables.slice(1).join(''));
  return keys;
}

export function searchKeysWith(pinyin: PinyinFn, name: string): string[] {
  return [...new Set([...pinyinKeys(pinyin, name), ...nameCharKeys(name)])];
}
