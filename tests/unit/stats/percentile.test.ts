import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/domain/stats';

describe('percentile (nearest rank)', () => {
  it('picks the ceil(p·n)-th smallest value', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 100)).toBe(10);
    expect(percentile([4, 1, 3], 90)).toBe(4);
  });
  it('is 0 for no values and the value itself for one', () => {
    expect(percentile([], 90)).toBe(0);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([7], 0)).toBe(7);
  });
});
