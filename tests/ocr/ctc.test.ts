import { describe, expect, it } from 'vitest';
import { ctcDecode, parseKeys } from '../../src/ocr/ctc';

// Classes: 0 blank, then the keys a, b, 1, 7 and the space parseKeys appends.
const KEYS = parseKeys('a\nb\n1\n7\n');
const C = KEYS.length + 1;

/** One frame: the given probabilities, the rest spread on blank so the row sums to 1. */
function frame(p: Record<string, number>): number[] {
  const row = new Array<number>(C).fill(0);
  let rest = 1;
  for (const [ch, v] of Object.entries(p)) {
    row[KEYS.indexOf(ch) + 1] = v;
    rest -= v;
  }
  row[0] = rest;
  return row;
}

const decode = (frames: number[][]) => ctcDecode(frames.flat(), frames.length, C, KEYS, 3);

describe('parseKeys', () => {
  it('ends with the space class and drops the trailing empty line', () => {
    expect(KEYS).toEqual(['a', 'b', '1', '7', ' ']);
    expect(parseKeys('x\r\ny')).toEqual(['x', 'y', ' ']);
  });
});

describe('ctcDecode', () => {
  it('collapses repeats, splits on blanks, drops blanks', () => {
    const d = decode([
      frame({}),
      frame({ a: 0.9 }),
      frame({ a: 0.8 }),
      frame({}),
      frame({ a: 0.7 }),
      frame({ b: 0.95 }),
      frame({ b: 0.6 }),
    ]);
    expect(d.text).toBe('aab');
    expect(d.chars.map((c) => c.ch)).toEqual(['a', 'a', 'b']);
    // A character's probability is its run's best frame.
    expect(d.chars.map((c) => c.p)).toEqual([0.9, 0.7, 0.95].map(Math.fround));
    expect(d.score).toBeCloseTo((0.9 + 0.7 + 0.95) / 3, 5);
  });

  it('gives each character its runner-ups over its run, best first, never itself nor blank', () => {
    const d = decode([frame({ '1': 0.55, '7': 0.4 }), frame({ '1': 0.6, '7': 0.1, b: 0.2 }), frame({})]);
    expect(d.text).toBe('1');
    expect(d.chars[0]!.alts.map((a) => a.ch)).toEqual(['7', 'b']);
    expect(d.chars[0]!.alts[0]!.p).toBeCloseTo(0.4, 5);
  });

  it('reads nothing from blanks only', () => {
    const d = decode([frame({}), frame({})]);
    expect(d).toEqual({ text: '', score: 0, chars: [] });
  });
});
