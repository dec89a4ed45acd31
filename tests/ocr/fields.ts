// The raw figure of the bench: each field read straight off the recogniser's text by its printed
// label, without the card reader's tolerance for misread labels or its checksum-guided correction.
// The rows are the reader's own (src/domain/idcard/rows.ts: along the card's slant, text around
// the card left out), so the raw and the corrected figures read the same rows.
import { CARD_BACK, CARD_FRONT } from '../../src/domain/idcard/card-region';
import type { OcrLine } from '../../src/domain/idcard/ocr-types';
import { readingRows } from '../../src/domain/idcard/rows';

export interface RawFields {
  idNumber?: string;
  name?: string;
  address?: string;
  validity?: string;
}

/** The text after `label` on its row, or the next row's when the label stands alone. */
function after(rows: readonly string[], label: RegExp): string | undefined {
  const at = rows.findIndex((r) => label.test(r));
  if (at < 0) return undefined;
  return rows[at]!.replace(label, '') || rows[at + 1];
}

export function rawFields(ocr: readonly OcrLine[], side: 'front' | 'back'): RawFields {
  const rows = readingRows(ocr, side === 'front' ? CARD_FRONT : CARD_BACK).map((r) => r.text);
  const out: RawFields = {};
  if (side === 'back') {
    const validity = after(rows, /^.*?有效期限/);
    if (validity) out.validity = validity;
    return out;
  }
  const id = rows.join('\n').match(/\d{17}[\dXx]/);
  if (id) out.idNumber = id[0].toUpperCase();
  const name = after(rows, /^.*?姓名/);
  if (name) out.name = name;
  // The address: its label's row and the rows below it, up to the number's.
  const at = rows.findIndex((r) => /住址/.test(r));
  if (at >= 0) {
    const end = rows.findIndex((r, i) => i > at && /公民|身份|号码|\d{15,}/.test(r));
    const address = [rows[at]!.replace(/^.*?住址/, ''), ...rows.slice(at + 1, end < 0 ? undefined : end)].join('');
    if (address) out.address = address;
  }
  return out;
}
