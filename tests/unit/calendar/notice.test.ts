import { describe, expect, it } from 'vitest';
import { HolidayYearInput, parseNotice } from '../../../src/domain/calendar';

// The lines of the State Council notices as published; expectations written out by hand.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

const NOTICE_2025 = `一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

describe('parseNotice', () => {
  it('reads the 2026 notice line by line', () => {
    const p = parseNotice(NOTICE_2026, 2026);
    expect(p.errors).toEqual([]);
    expect(p.source).toBe('国务院办公厅关于2026年部分节假日安排的通知');
    expect(p.holidays).toEqual([
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ]);
    expect(p.workingWeekends).toEqual([
      { date: '2026-01-04', for: '元旦' },
      { date: '2026-02-14', for: '春节' },
      { date: '2026-02-28', for: '春节' },
      { date: '2026-05-09', for: '劳动节' },
      { date: '2026-09-20', for: '国庆节' },
      { date: '2026-10-10', for: '国庆节' },
    ]);
    expect(HolidayYearInput.safeParse({ year: 2026, source: p.source, ...p }).success).toBe(true);
  });

  it('reads cross-month ranges, lunar remarks and a shared holiday name (2025)', () => {
    const p = parseNotice(NOTICE_2025, 2025);
    expect(p.errors).toEqual([]);
    expect(p.holidays).toEqual([
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ]);
    expect(p.workingWeekends.map((w) => w.date)).toEqual(['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11']);
  });

  it('reads the example lines of a 2027 notice', () => {
    const p = parseNotice('一、元旦：1月1日（周五）放假，与周末连休。', 2027);
    expect(p).toMatchObject({ errors: [], holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] });
  });

  it('gives a Chinese reason with the line number for what it cannot read', () => {
    const p = parseNotice(
      [
        '一、元旦：1月1日放假。',
        '',
        '春节放假很长',
        '三、清明节：4月4日至6日放假，共4天。',
        '四、劳动节：5月32日放假。',
        '五、端午节：6月19日至21日放假。6月下旬上班。',
      ].join('\n'),
      2026,
    );
    expect(p.holidays).toEqual([{ name: '元旦', from: '2026-01-01', to: '2026-01-01' }]);
    expect(p.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(p.errors[0]?.message).toMatch(/读不出节日名称/);
    expect(p.errors[1]?.message).toMatch(/共4天.*3天/);
    expect(p.errors[2]?.message).toMatch(/日期不存在/);
    expect(p.errors[3]?.message).toMatch(/6月下旬/);
  });
});

describe('HolidayYearInput', () => {
  const base = { year: 2027, source: '通知', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] };
  it('refuses a weekday entered as a 调休 working day and dates outside the year', () => {
    // 2027-01-04 is a Monday.
    const r = HolidayYearInput.safeParse({ ...base, workingWeekends: [{ date: '2027-01-04', for: '元旦' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('2027-01-04不是周末，不需要调休上班');
    const outside = HolidayYearInput.safeParse({ ...base, year: 2028, workingWeekends: [] });
    expect(outside.error?.issues[0]?.message).toBe('元旦的日期不在2028年内');
  });
});
