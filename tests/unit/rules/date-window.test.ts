// The date-window rule kind on inline items: periods by days, months and years (民法典 §201–202),
// a date measured against another date instead of today, a fallback date, material data, and the
// source named in the message.
import { describe, expect, it } from 'vitest';
import type { ServiceItemInput } from '../../../src/domain/schemas/catalog';
import { codes, makeItem, only, run } from './fixtures';

const fields: ServiceItemInput['fields'] = [
  { key: 'eventDate', label: '事件日期', type: 'date' },
  { key: 'otherDate', label: '其他日期', type: 'date' },
  { key: 'claimDate', label: '申请日期', type: 'date' },
];
const proof: ServiceItemInput['materials'][number] = {
  id: 'proof',
  name: '证明',
  kind: 'document-photo',
  handling: 'original-kept',
  requirement: 'optional',
  dataFields: [{ key: 'issuedOn', label: '出具日期', type: 'date' }],
};
const item = (rule: Record<string, unknown>) =>
  makeItem({
    fields,
    materials: [...makeItem().materials, proof],
    rules: [{ kind: 'date-window', ref: { source: 'field', key: 'eventDate' }, ...rule } as never],
  });

describe('date-window', () => {
  it('counts days from the day after the event', () => {
    const days = item({ within: { amount: 30, unit: 'days' } });
    // 2025-05-01 + 30 days = 2025-05-31.
    expect(codes(run(days, { fields: { eventDate: '2025-05-01' }, today: '2025-05-31' }))).not.toContain(
      'date.window_passed',
    );
    const late = only(run(days, { fields: { eventDate: '2025-05-01' }, today: '2025-06-02' }), 'date.window_passed');
    expect(late.severity).toBe('warning');
    expect(late.message).toContain('最后一天 2025-05-31');
    expect(late.message).toContain('已超过 2 天');
  });

  it('counts years to the same day; 29 February to 28 February', () => {
    const years = item({ within: { amount: 1, unit: 'years' } });
    expect(codes(run(years, { fields: { eventDate: '2024-02-29' }, today: '2025-02-28' }))).not.toContain(
      'date.window_passed',
    );
    expect(codes(run(years, { fields: { eventDate: '2024-02-29' }, today: '2025-03-01' }))).toContain(
      'date.window_passed',
    );
  });

  it('measures against another date instead of today', () => {
    const r = item({ within: { amount: 2, unit: 'months' }, until: { source: 'field', key: 'claimDate' } });
    const ok = run(r, { fields: { eventDate: '2025-01-15', claimDate: '2025-03-15' }, today: '2025-06-02' });
    expect(codes(ok)).not.toContain('date.window_passed');
    const late = run(r, { fields: { eventDate: '2025-01-15', claimDate: '2025-03-16' }, today: '2025-06-02' });
    expect(only(late, 'date.window_passed').message).toContain('「申请日期」2025-03-16');
    const order = run(r, { fields: { eventDate: '2025-04-01', claimDate: '2025-03-16' } });
    expect(only(order, 'date.window_order').severity).toBe('error');
  });

  it('uses the fallback when the first date is empty, and skips when both are', () => {
    const r = item({ within: { amount: 10, unit: 'days' }, fallback: { source: 'field', key: 'otherDate' } });
    const late = only(run(r, { fields: { otherDate: '2025-05-01' }, today: '2025-05-20' }), 'date.window_passed');
    expect(late.target).toEqual({ type: 'field', key: 'otherDate' });
    expect(
      codes(run(r, { fields: { eventDate: '2025-05-15', otherDate: '2025-05-01' }, today: '2025-05-20' })),
    ).not.toContain('date.window_passed');
    expect(codes(run(r, { fields: {}, today: '2025-05-20' })).filter((c) => c.startsWith('date.'))).toEqual([]);
  });

  it('reads a date typed from a material and names the source and the advice', () => {
    const r = makeItem({
      fields,
      materials: [...makeItem().materials, proof],
      rules: [
        {
          kind: 'date-window',
          ref: { source: 'material', material: 'proof', key: 'issuedOn' },
          within: { amount: 3, unit: 'months' },
          source: '本县规定（测试）',
          local: true,
          lateAdvice: '请重新开具证明',
        },
      ],
    });
    const rows = [
      {
        id: '01900000-0000-7000-8000-000000000777',
        caseId: '01900000-0000-7000-8000-000000000001',
        requirementId: 'proof',
        pages: [],
        data: { issuedOn: '2025-01-10' },
        updatedAt: 1,
      },
    ];
    const late = only(run(r, { materials: rows, today: '2025-06-02' }), 'date.window_passed');
    expect(late.target).toEqual({ type: 'material', id: 'proof', field: 'issuedOn' });
    expect(late.message).toContain('（依据：本县规定（测试））');
    expect(late.message).toMatch(/请重新开具证明$/);
  });
});
