import { describe, expect, it } from 'vitest';
import { caseNumber, chinaDate, chinaDateTime, chinaMidnight } from '../../src/domain';

describe('China time (UTC+8)', () => {
  it('turns a timestamp into the day and minute in China, whatever the runtime zone', () => {
    const lateUtc = Date.parse('2026-03-01T16:30:00Z'); // 00:30 on 2 March in China
    expect(chinaDate(lateUtc)).toBe('2026-03-02');
    expect(chinaDateTime(lateUtc)).toBe('2026-03-02 00:30');
  });

  it('gives 00:00 China time of a day, the inverse of chinaDate at the day boundary', () => {
    expect(chinaMidnight('2026-03-02')).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(chinaDate(chinaMidnight('2026-03-02'))).toBe('2026-03-02');
    expect(chinaDate(chinaMidnight('2026-03-02') - 1)).toBe('2026-03-01');
  });
});

describe('caseNumber', () => {
  it('is DB-<village>-<yyyymmdd in China>-<serial>', () => {
    expect(caseNumber('341822100201', Date.parse('2026-03-01T16:30:00Z'), 'A7001')).toBe(
      'DB-341822100201-20260302-A7001',
    );
  });
});
