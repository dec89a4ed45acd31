import { describe, expect, it } from 'vitest';
import { countyOf, townshipOf } from '../../src/domain';

describe('division codes', () => {
  it('finds the township and county inside a 12-digit village code', () => {
    expect(townshipOf('341822100201')).toBe('341822100000');
    expect(countyOf('341822100201')).toBe('341822');
    expect(countyOf('341822100000')).toBe('341822');
  });
});
