// The raw figure of the bench: each field read straight off the recogniser's lines by its printed
// label, no correction. (The card reader with checksum-guided correction lives in src/domain/idcard.)
import type { OcrLine } from '../../src/domain/idcard/ocr-types';
import { slant, type Quad } from '../../src/ocr/boxes';

export interface RawFields {
  idNumber?: string;
  name?: string;
  address?: string;
  validity?: string;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

interface Placed {
  text: string;
  left: number;
  top: number;
  h: number;
}

/** Lines in the frame of the photo's slant (left edge, top, height), in reading order. */
function place(ocr: readonly OcrLine[]): Placed[] {
  const boxes = ocr.map((l) => l.box as unknown as Quad);
  const a = slant(boxes.filter((b) => b.length === 4));
  const cos = Math.cos(a),
    sin = Math.sin(a);
  return ocr.map((l, i) => {
    const b = boxes[i]!;
    if (b.length !== 4) return { text: squeeze(l.text), left: 0, top: i * 10, h: 10 };
    const rot = (p: readonly [number, number]) => [p[0] * cos + p[1] * sin, -p[0] * sin + p[1] * cos] as const;
    const [tl, , , bl] = b.map(rot);
    return { text: squeeze(l.text), left: tl![0], top: tl![1], h: Math.max(1, bl![1] - tl![1]) };
  });
}

/** The text after `label` on its line, or the next line's when the label stands alone. */
function after(lines: readonly Placed[], label: RegExp): { value: string; at: number } | undefined {
  const at = lines.findIndex((l) => label.test(l.text));
  if (at < 0) return undefined;
  const rest = lines[at]!.text.replace(label, '');
  if (rest) return { value: rest, at };
  return lines[at + 1] !== undefined ? { value: lines[at + 1]!.text, at: at + 1 } : undefined;
}

export function rawFields(ocr: readonly OcrLine[]): RawFields {
  const lines = place(ocr);
  const out: RawFields = {};
  const id = lines
    .map((l) => l.text)
    .join('\n')
    .match(/\d{17}[\dXx]/);
  if (id) out.idNumber = id[0].toUpperCase();
  const name = after(lines, /^.*?姓名/);
  if (name) out.name = name.value;
  const addr = after(lines, /^.*?住址/);
  if (addr) {
    // Continuation lines start under the first one and follow it closely; anything else (a
    // newspaper beside the card) is skipped, and the number's label ends the address.
    const parts = [addr.value];
    const first = lines[addr.at]!;
    // Where continuation lines start: under the value (its own box), or, when the label and the
    // value came as one box, somewhere right of the label's start.
    const merged = /住址/.test(first.text);
    const aligned = (l: Placed) =>
      merged ? l.left > first.left && l.left < first.left + 5 * first.h : Math.abs(l.left - first.left) < first.h;
    let last = first;
    for (let i = addr.at + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (/公民|身份|号码|\d{15,}/.test(l.text) || l.top - last.top > 2.2 * first.h) break;
      if (!aligned(l) || l.top - last.top < 0.5 * first.h) continue;
      parts.push(l.text);
      last = l;
    }
    out.address = parts.join('');
  }
  const validity = after(lines, /^.*?有效期限/);
  if (validity) out.validity = validity.value;
  return out;
}
