// Reads the lines of a 国务院办公厅 holiday notice, e.g.
//   二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
// into holiday ranges and 调休 working days. A line it cannot read gets a Chinese reason; it
// never guesses. The result still goes through HolidayYearInput (weekday checks and so on).
import { daysInMonth, formatYmd } from '../dates';

export interface NoticeLineError {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  message: string;
}

export interface ParsedNotice {
  holidays: { name: string; from: string; to: string }[];
  workingWeekends: { date: string; for: string }[];
  /** The notice's title when a pasted line names it (…关于2027年部分节假日安排的通知). */
  source?: string;
  errors: NoticeLineError[];
}

const NUMBERING = /^\s*[一二三四五六七八九十]+\s*[、.．]\s*/;
const PARENS = /[（(][^）)]*[）)]/g;
const DAY = /(\d{1,2})月(\d{1,2})日/;
const RANGE = /^(\d{1,2})月(\d{1,2})日(?:至(?:(\d{1,2})月)?(\d{1,2})日)?放假/;
const TOTAL = /共(\d{1,2})天/;
const DAY_MS = 86_400_000;

function day(year: number, month: number, d: number): string | undefined {
  if (month < 1 || month > 12 || d < 1 || d > daysInMonth(year, month)) return undefined;
  return formatYmd({ year, month, day: d });
}

/** Parses the pasted notice of `year`, line by line; blank lines are skipped. */
export function parseNotice(text: string, year: number): ParsedNotice {
  const out: ParsedNotice = { holidays: [], workingWeekends: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const fail = (message: string) => out.errors.push({ line: i + 1, text, message });
    if (/通知/.test(text) && !/放假/.test(text)) {
      out.source = text.replace(/[。，,]$/, '');
      return;
    }
    const colon = text.search(/[：:]/);
    if (colon < 0) return fail('读不出节日名称：应写成“一、元旦：1月1日（周五）放假……”');
    const name = text.slice(0, colon).replace(NUMBERING, '').trim();
    if (!name || name.length > 20) return fail('读不出节日名称：冒号前应是节日名称，如“春节”');
    // Weekdays and lunar dates in brackets are only for the reader; the dates carry the meaning.
    const body = text
      .slice(colon + 1)
      .replace(PARENS, '')
      .replace(/\s+/g, '');
    const m = RANGE.exec(body);
    if (!m) return fail(`读不出${name}的放假日期：应写成“1月1日放假”或“2月15日至23日放假”`);
    const from = day(year, Number(m[1]), Number(m[2]));
    const to = m[4] === undefined ? from : day(year, Number(m[3] ?? m[1]), Number(m[4]));
    if (!from || !to) return fail(`${name}的日期不存在（${year}年没有这一天）`);
    if (to < from) return fail(`${name}的结束日期早于开始日期（跨年的安排请分两行写）`);
    const total = TOTAL.exec(body);
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (total && Number(total[1]) !== days)
      return fail(`${name}：写的是共${total[1]}天，但${from}至${to}是${days}天，请核对`);
    const working: string[] = [];
    // The sentences after the first one list the 调休 working days: "2月14日、2月28日上班".
    for (const sentence of body.split('。').slice(1)) {
      if (!sentence) continue;
      if (!sentence.endsWith('上班')) return fail(`读不懂“${sentence}”：调休应写成“2月14日、2月28日上班”`);
      const parts = sentence.slice(0, -2).split(/[、，,和及]/);
      for (const part of parts) {
        const d = DAY.exec(part);
        const date = d && part === d[0] ? day(year, Number(d[1]), Number(d[2])) : undefined;
        if (!date) return fail(`读不出${name}的调休上班日“${part}”`);
        working.push(date);
      }
    }
    out.holidays.push({ name, from, to });
    for (const date of working) out.workingWeekends.push({ date, for: name });
  });
  return out;
}
