// The fixtures the real-server tests and the bench rely on must pass the rules engine, or every
// push would be `rules.failed` and the tests would measure rejections.
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../../src/domain';
import { workingDaysBetween } from '../../../src/domain/calendar';
import { evaluate } from '../../../src/domain/rules';
import { catalogItem, serverCase } from './server-fixtures';

describe('server fixtures', () => {
  it.each([
    ['YB-JMCB-DJ', 5],
    ['MZ-LNRYDZ', 5],
  ])('%s with %i photos passes the rules', (code, photos) => {
    const { submission, blobs } = serverCase(code, '341822100201', 'agent1');
    const report = evaluate({
      item: catalogItem(code),
      caseData: submission.case,
      applicant: submission.applicant,
      materials: submission.materials,
      today: chinaDate(Date.now()),
      workingDaysBetween,
    });
    expect(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    expect(report.canSubmit).toBe(true);
    expect(blobs.filter((b) => b.mime === 'image/jpeg')).toHaveLength(photos);
  });
});
