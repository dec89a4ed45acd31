// The raw figure of the bench: each field read straight off the recogniser's lines by its printed
// label, no correction. (The card reader with checksum-guided correction lives in src/domain/idcard.)
import type { OcrLine } from '../../src/domain/idcard/ocr-types';

export interface RawFields {
  idNumber?: string;
  name?: string;
  address?: string;
  validity?: string;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The text after `label` on its line, or the next line's when the label stands alone. */
function after(lines: readonly string[], label: RegExp): { value: string; at: number } | undefined {
  const at = lines.findIndex((l) => label.test(l));
  if (at < 0) return undefined;
  const rest = lines[at]!.replace(label, '');
  if (rest) return { value: rest, at };
  return lines[at + 1] !== undefined ? { value: lines[at + 1]!, at: at + 1 } : undefined;
}

export function rawFields(ocr: readonly OcrLine[]): RawFields {
  const lines = ocr.map((l) => squeeze(l.text));
  const out: RawFields = {};
  const id = lines.join('\n').match(/\d{17}[\dXx]/);
  if (id) out.idNumber = id[0].toUpperCase();
  const name = after(lines, /^.*?姓名/);
  if (name) out.name = name.value;
  const addr = after(lines, /^.*?住址/);
  if (addr) {
    const parts = [addr.value];
    for (let i = addr.at + 1; i < lines.length && !/公民|身份|号码|\d{6,}/.test(lines[i]!); i++) parts.push(lines[i]!);
    out.address = parts.join('');
  }
  const validity = after(lines, /^.*?有效期限/);
  if (validity) out.validity = validity.value;
  return out;
}
