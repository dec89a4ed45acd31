// Local parameters in the admin catalogue: source notes, the local flag, the limit unit and the
// date-window rule survive export → import → check, and the check names what is wrong.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import { catalogFile, checkItem, checkItemText, diffItems, readCatalogFile } from '../../../src/domain/catalog-edit';
import { ServiceItem } from '../../../src/domain/schemas/catalog';

describe('local parameters in the catalogue editor', () => {
  it('round-trip through export and import unchanged', () => {
    const items = ['SB-JMYL-CB', 'GA-SFZ-BL', 'YB-LXBX', 'GA-CSDJ'].map((c) => findItem(c)!);
    const file = readCatalogFile(JSON.stringify(catalogFile(items, Date.UTC(2026, 11, 2))));
    if ('error' in file) throw new Error(file.error);
    for (const [i, raw] of file.items.entries()) {
      const check = checkItem(raw);
      expect(check.problems).toEqual([]);
      expect(check.ok && check.item).toEqual(items[i]);
    }
  });

  it('an item stored before limits had a unit parses as working days', () => {
    const old = structuredClone(findItem('MZ-GLJT')!) as Record<string, unknown>;
    delete old.limitUnit;
    expect(ServiceItem.parse(old).limitUnit).toBe('working-days');
  });

  it('changing the age cap, its source and the unit shows in the diff', () => {
    const before = findItem('SB-JMYL-CB')!;
    const after = structuredClone(before);
    const i = after.rules.findIndex((r) => r.local);
    const cap = after.rules[i]!;
    if (cap.kind !== 'age-range') throw new Error('cap');
    cap.maxAge = 64;
    cap.source = '本县人社局2024年通知';
    after.limitUnit = 'calendar-days';
    expect(checkItem(after).problems).toEqual([]);
    const paths = diffItems(before, after).map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining([`rules.${i}.maxAge`, `rules.${i}.source`, 'limitUnit']));
  });

  it('refuses a date window on an unknown field, an empty source and a bad unit', () => {
    const item = structuredClone(findItem('GA-CSDJ')!) as unknown as { rules: Record<string, unknown>[] };
    const i = item.rules.findIndex((r) => r.kind === 'date-window');
    item.rules[i] = { ...item.rules[i], ref: { source: 'field', key: 'ghost' } };
    expect(checkItem(item).problems).toContainEqual({
      path: `rules.${i}.ref.key`,
      message: expect.stringContaining('ghost'),
    });
    item.rules[i] = { ...item.rules[i], ref: { source: 'field', key: 'childBirthDate' }, source: ' ' };
    expect(checkItem(item).problems.map((p) => p.path)).toContain(`rules.${i}.source`);
    const unit = structuredClone(findItem('GA-SFZ-BL')!) as unknown as Record<string, unknown>;
    unit.limitUnit = 'weeks';
    expect(checkItemText(JSON.stringify(unit)).problems.map((p) => p.path)).toEqual(['limitUnit']);
  });
});
