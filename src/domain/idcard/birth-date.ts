// 出生 as printed on the card: "1990年1月5日", read with noise ("199O年l月5日", lost 年/月).
import { formatYmd, parseIsoDate } from '../dates';
import { digitsIn } from './ocr-text';

/** The ISO date in a 出生 value, or undefined when year, month and day cannot be told apart. */
export function parsePrintedBirth(text: string): string | undefined {
  const groups = digitsIn(text).match(/\d+/g) ?? [];
  let parts: string[] | undefined;
  if (groups.length >= 3 && groups[0]!.length === 4) parts = groups.slice(0, 3);
  else if (groups.length === 1 && groups[0]!.length === 8) {
    const g = groups[0]!;
    parts = [g.slice(0, 4), g.slice(4, 6), g.slice(6, 8)];
  }
  if (!parts) return undefined;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (m > 12 || d > 31) return undefined;
  const iso = formatYmd({ year: y, month: m, day: d });
  return parseIsoDate(iso) ? iso : undefined;
}
