// Input clean-up shared by the validators: what a Chinese keyboard (IME) types in full-width mode
// — `１３８`, `Ｘ`, the ideographic space — is the same character the agent meant.

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

const HAS_FULL_WIDTH = /[\u3000\uFF01-\uFF5E]/;

/** Maps full-width ASCII (U+FF01–U+FF5E) to ASCII and U+3000 to a space. */
export function toHalfWidth(input: string): string {
  if (!HAS_FULL_WIDTH.test(input)) return input; // the usual case: nothing to map
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END) out += String.fromCharCode(cp - FULL_WIDTH_OFFSET);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/**
 * Dots people type (or OCR reads) for the U+00B7 separator of a minority name like 阿依古丽·买买提:
 * • ・ ‧ ． ･ ∙ ⋅ ⸱ (U+2E31) ﹒ (U+FE52) 。 (U+3002) and the ASCII full stop.
 */
export const NAME_DOT_LOOK_ALIKES = /[\u2022\u30FB\u2027\uFF0E\uFF65\u2219\u22C5\u2E31\uFE52\u3002.]/gu;

/** Half-width, without any white space or dashes: the form in which numbers are checked. */
export const compactNumber = (input: string) => toHalfWidth(input).replace(/[\s-]+/g, '');

/** Number of Unicode code points (a name like 王𬌗 is two characters, not three UTF-16 units). */
export const codePointLength = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
