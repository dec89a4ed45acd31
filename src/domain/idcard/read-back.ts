// The back (国徽面) of a 居民身份证: 签发机关 and 有效期限 ("2015.03.01-2035.03.01" or
// "2015.03.01-长期"). A card is valid for exactly 5, 10 or 20 years, or long-term: a period that
// is not is a misreading, and is refused rather than filled in.
import { addYears, formatYmd, parseIsoDate } from '../dates';
import type { Issue } from '../result';
import { digitsIn } from './ocr-text';
import { CARD_BACK } from './card-region';
import type { OcrResult } from './ocr-types';
import { dropPrefix, readingRows, type TextRow } from './rows';

export interface BackReading {
  authority?: string;
  /** Start of 有效期限 = the day of issue. */
  issuedOn?: string;
  validUntil?: string | 'long-term';
  issues: Issue[];
}

const AUTHORITY = /^(?:签发机关|签发|机关)/;
const VALIDITY = /^(?:有效期限|有效期|有效|期限)/;
const HEADER = /中华|人民|共和国|居民身份证/;
const VALID_YEARS = [5, 10, 20];

const error = (code: string, message: string): Issue => ({ code, severity: 'error', message });

function after(row: TextRow, label: RegExp): string {
  const m = label.exec(row.text);
  return m ? dropPrefix(row, [...m[0]].length).text : row.text;
}

const isoOf = (digits8: string) => {
  const iso = formatYmd({ year: +digits8.slice(0, 4), month: +digits8.slice(4, 6), day: +digits8.slice(6, 8) });
  return parseIsoDate(iso) ? iso : undefined;
};

/** `2015.03.01-2035.03.01`, `2015.03.01-长期`, with the dots or the dash lost or misread. */
export function parseValidity(
  text: string,
  today: string,
): { issuedOn: string; validUntil: string | 'long-term' } | Issue {
  const mapped = digitsIn(text);
  // 长期 after the last digit (a misread half of it is enough).
  const longTerm = /[长期]/.test(mapped.slice(mapped.search(/\d\D*$/) + 1));
  const digits = mapped.replace(/\D/g, '');
  const wrong = error('idcard.validity.unread', `有效期限读作“${text}”，看不清，请对照证件背面填写签发日期`);
  if (digits.length !== (longTerm ? 8 : 16)) return wrong;
  const issuedOn = isoOf(digits.slice(0, 8));
  if (!issuedOn) return wrong;
  if (issuedOn > today) {
    return error('idcard.validity.future', `有效期限的开始日期 ${issuedOn} 晚于今天，可能读错，请对照证件背面核对`);
  }
  if (longTerm) return { issuedOn, validUntil: 'long-term' };
  const validUntil = isoOf(digits.slice(8));
  if (!validUntil || !VALID_YEARS.some((n) => addYears(issuedOn, n) === validUntil)) {
    return error(
      'idcard.validity.span',
      `有效期限读作 ${issuedOn} 至 ${validUntil ?? digits.slice(8)}，不是 5、10 或 20 年，可能读错，请对照证件背面核对`,
    );
  }
  return { issuedOn, validUntil };
}

export function readCardBack(ocr: OcrResult, today: string): BackReading {
  const rows = readingRows(ocr.lines, CARD_BACK).filter((r) => !HEADER.test(r.text));
  const issues: Issue[] = [];
  const out: BackReading = { issues };
  const validityIndex = rows.findIndex((r) => VALIDITY.test(r.text) || digitsIn(r.text).replace(/\D/g, '').length >= 8);
  const authorityIndex = rows.findIndex((r) => AUTHORITY.test(r.text));

  if (authorityIndex >= 0) {
    // A long authority name may wrap onto the next row, above 有效期限.
    const end = validityIndex > authorityIndex ? validityIndex : authorityIndex + 1;
    const text = rows
      .slice(authorityIndex, end)
      .map((r, i) => (i === 0 ? after(r, AUTHORITY) : r.text))
      .join('')
      .replace(/\s+/g, '');
    if (text) out.authority = text;
  }
  if (!out.authority) issues.push(error('idcard.authority.unread', '没有读出签发机关'));

  const row = rows[validityIndex];
  if (!row) {
    issues.push(error('idcard.validity.unread', '没有读出有效期限，请把身份证国徽面放平重拍，或对照证件填写签发日期'));
    return out;
  }
  const v = parseValidity(after(row, VALIDITY), today);
  if ('code' in v) issues.push(v);
  else Object.assign(out, v);
  return out;
}
