import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES, toStorageFilter } from '../../../src/state/case-list';

describe('case list filter → storage query', () => {
  const today = '2026-11-20'; // a Friday
  it('passes status, item and applicant through', () => {
    expect(toStorageFilter({ status: 'draft', itemCode: 'MZ-GLJT', applicantId: 'p1' }, today)).toEqual({
      status: 'draft',
      itemCode: 'MZ-GLJT',
      applicantId: 'p1',
    });
  });
  it('"due soon" = due before the 4th working day from today, open cases only', () => {
    // Fri 20 → Mon 23, Tue 24, Wed 25, Thu 26: strictly before Thu 26 means due by Wed 25 (3 working days).
    expect(toStorageFilter({ dueSoon: true }, today)).toEqual({ status: [...OPEN_STATUSES], dueBefore: '2026-11-26' });
  });
  it('keeps an explicit status with "due soon"', () => {
    expect(toStorageFilter({ dueSoon: true, status: 'accepted' }, today)).toEqual({
      status: 'accepted',
      dueBefore: '2026-11-26',
    });
  });
  it('"returned" only when asked; empty filter is everything', () => {
    expect(toStorageFilter({ returned: true }, today)).toEqual({ returned: true });
    expect(toStorageFilter({}, today)).toEqual({});
    expect(toStorageFilter({ applicantName: '张三' }, today)).toEqual({});
  });
});
