// Greedy CTC decoding of the PP-OCR recogniser's output, keeping for every emitted character its
// runner-up readings (the ID-card reader picks among them to satisfy the ID number's checksum).
import type { CharCandidate, OcrChar } from '../domain/idcard/ocr-types';

export interface Decoded {
  readonly text: string;
  readonly score: number;
  readonly chars: OcrChar[];
}

/** The dictionary as the model sees it: class 0 is the CTC blank, class i is `keys[i - 1]`. */
export function parseKeys(text: string): string[] {
  const keys = text.split('\n');
  if (keys.at(-1) === '') keys.pop();
  return [...keys.map((k) => k.replace(/\r$/, '')), ' '];
}

/**
 * `probs` is steps × classes softmax rows. A character is a run of equal non-blank argmaxes; its
 * probability is the run's best frame; its alternatives are the other classes' best probabilities
 * over the run's frames (blank excluded), best first, at most `topK`.
 */
export function ctcDecode(
  probs: ArrayLike<number>,
  steps: number,
  classes: number,
  keys: readonly string[],
  topK = 5,
): Decoded {
  const runs: { cls: number; from: number; to: number }[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probs[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === prev) runs.at(-1)!.to = t;
    else if (best !== 0) runs.push({ cls: best, from: t, to: t });
    prev = best;
  }
  const chars: OcrChar[] = runs.map(({ cls, from, to }) => {
    const maxP = new Float32Array(classes);
    for (let t = from; t <= to; t++) {
      const row = t * classes;
      for (let c = 1; c < classes; c++) if (probs[row + c]! > maxP[c]!) maxP[c] = probs[row + c]!;
    }
    return { ch: keys[cls - 1] ?? '', p: maxP[cls]!, alts: topAlternatives(maxP, cls, keys, topK) };
  });
  const text = chars.map((c) => c.ch).join('');
  const score = chars.length ? chars.reduce((s, c) => s + c.p, 0) / chars.length : 0;
  return { text, score, chars };
}

function topAlternatives(maxP: Float32Array, chosen: number, keys: readonly string[], k: number): CharCandidate[] {
  const top: { c: number; p: number }[] = [];
  for (let c = 1; c < maxP.length; c++) {
    const p = maxP[c]!;
    if (c === chosen || p <= 0.001) continue;
    if (top.length < k) top.push({ c, p });
    else if (p > top[k - 1]!.p) top[k - 1] = { c, p };
    else continue;
    top.sort((a, b) => b.p - a.p);
  }
  return top.map(({ c, p }) => ({ ch: keys[c - 1] ?? '', p }));
}
