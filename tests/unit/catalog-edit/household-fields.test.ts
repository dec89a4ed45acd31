// Issue 15, defects 5 and 7: the new catalogue properties (signers, householdPages, the
// business-scope format) survive the admin's export → import → check, and are checked for sense.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import { catalogFile, checkItemText, readCatalogFile } from '../../../src/domain/catalog-edit';

describe('new catalogue properties through the admin file', () => {
  it.each(['MZ-DB-SQ', 'SC-GTGSH-SL'])('%s round-trips unchanged', (code) => {
    const item = findItem(code)!;
    const file = readCatalogFile(JSON.stringify(catalogFile([item], 0)));
    if ('error' in file) throw new Error(file.error);
    const check = checkItemText(JSON.stringify(file.items[0]));
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.item).toEqual(item);
  });

  it('keeps signers and householdPages on the materials that use them', () => {
    const check = checkItemText(JSON.stringify(findItem('MZ-DB-SQ')));
    if (!check.ok) throw new Error('expected ok');
    expect(check.item.materials.find((m) => m.id === 'economic-check-authorisation')?.signers).toBe('household-adults');
    expect(check.item.materials.find((m) => m.id === 'hukou')?.householdPages).toBe(true);
  });

  it('refuses household signers on a photo and household pages on a signature', () => {
    const item = structuredClone(findItem('MZ-DB-SQ')!);
    const hukou = item.materials.find((m) => m.id === 'hukou')!;
    const auth = item.materials.find((m) => m.id === 'economic-check-authorisation')!;
    hukou.signers = 'household-adults';
    auth.householdPages = true;
    const check = checkItemText(JSON.stringify(item));
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.path)).toEqual([
      `materials.${item.materials.indexOf(hukou)}.signers`,
      `materials.${item.materials.indexOf(auth)}.householdPages`,
    ]);
  });

  it('refuses an unknown signers value with a schema problem', () => {
    const item = structuredClone(findItem('MZ-DB-SQ')!) as unknown as { materials: Record<string, unknown>[] };
    item.materials[0]!.signers = 'everyone';
    const check = checkItemText(JSON.stringify(item));
    expect(check.ok).toBe(false);
    expect(check.problems[0]?.path).toBe('materials.0.signers');
  });
});
