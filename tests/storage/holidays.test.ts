// Holiday arrangements from the pull feed: cached on the device (newest version per year, kept
// when an older one arrives late), and the calendar counts with them once installed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain';
import { addWorkingDaysChecked, installHolidayYears, monthGrid } from '../../src/domain/calendar';
import { applyPullPage, getDeviceId, getHolidayYears } from '../../src/storage';
import { calendarRevision, loadHolidayCalendar } from '../../src/state/holiday-calendar';
import { freshDbPerTest } from './fixtures';

freshDbPerTest();
// The app opens the database long before a pull; open it first here too.
beforeEach(async () => {
  await getDeviceId();
});
afterEach(() => installHolidayYears([]));

const year2027 = (version: number, holidays = [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }]) => ({
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays,
  workingWeekends: [],
  version,
  updatedAt: 1,
});

describe('holiday arrangements on the device', () => {
  it('stores the newest version per year and ignores an older one', async () => {
    const changes: Change[] = [
      { seq: 1, type: 'holiday.year', arrangement: year2027(2) },
      {
        seq: 2,
        type: 'holiday.year',
        arrangement: year2027(1, [{ name: '旧', from: '2027-03-01', to: '2027-03-01' }]),
      },
    ];
    const summary = await applyPullPage({ changes, cursor: 2 });
    expect(summary.holidayYears).toBe(1);
    expect((await getHolidayYears()).map((y) => [y.year, y.version, y.holidays[0]?.name])).toEqual([[2027, 2, '元旦']]);
    // Nothing new: the summary does not ask for a reinstall.
    expect((await applyPullPage({ changes: [changes[0]!], cursor: 3 })).holidayYears).toBeUndefined();
  });

  it('counts with the cached arrangement after loading it (the mark goes away)', async () => {
    expect(addWorkingDaysChecked('2026-12-31', 1)).toEqual({ date: '2027-01-01', uncoveredYears: [2027] });
    await applyPullPage({ changes: [{ seq: 1, type: 'holiday.year', arrangement: year2027(1) }], cursor: 1 });
    const before = calendarRevision.value;
    await loadHolidayCalendar();
    expect(calendarRevision.value).toBe(before + 1);
    expect(addWorkingDaysChecked('2026-12-31', 1)).toEqual({ date: '2027-01-04', uncoveredYears: [] });
  });
});

describe('monthGrid', () => {
  it('lays out February 2026 Monday first with 春节 and its working Saturdays', () => {
    const grid = monthGrid(
      {
        year: 2026,
        holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-23' }],
        workingWeekends: [
          { date: '2026-02-14', for: '春节' },
          { date: '2026-02-28', for: '春节' },
        ],
      },
      2,
    );
    // 1 February 2026 is a Sunday: six empty cells before it.
    expect(grid[0]!.slice(0, 7).map((d) => d?.day ?? null)).toEqual([null, null, null, null, null, null, 1]);
    const days = grid.flat().filter((d) => d !== null);
    expect(days.filter((d) => d.kind === 'holiday').map((d) => d.day)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(days.filter((d) => d.kind === 'workingWeekend').map((d) => d.day)).toEqual([14, 28]);
    expect(days.find((d) => d.day === 7)?.kind).toBe('weekend');
    expect(days.find((d) => d.day === 2)?.kind).toBe('workday');
  });
});
