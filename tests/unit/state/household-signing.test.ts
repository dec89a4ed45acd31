// Issue 15, defect 7 on the device: opening a 低保 case loads the applicant's household; each
// adult signs on their own pad (stored as further signatures by person), and the live report
// names who is still missing.
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../src/domain/validators';
import { listMaterials } from '../../../src/storage';
import {
  clearSignature,
  createNewCase,
  emptyPersonDraft,
  openCase,
  savePersonDraft,
  signMaterial,
} from '../../../src/state';
import { VILLAGE, useHarness } from './harness';

const h = useHarness();
const AUTH = 'economic-check-authorisation';
const id = (first17: string) => first17 + idCheckCharacter(first17);
const png = () =>
  new Blob([new Uint8Array([137, 80, 78, 71, Math.floor(Math.random() * 255), 2, 3])], { type: 'image/png' });

async function person(
  name: string,
  idNumber: string,
  household: { personId: string; relation: 'spouse' | 'child' }[] = [],
) {
  const { state } = h.get();
  return savePersonDraft(state, {
    ...emptyPersonDraft(VILLAGE),
    name,
    idNumber,
    idCardIssuedOn: '2016-06-01',
    phone: '13812345678',
    address: '某村 12 号',
    household,
  });
}

const authFindings = () =>
  h.get().state.workbench.report.value!.materials[AUTH]!.findings.map((f) => `${f.code} ${f.message}`);

describe('a household material on the workbench', () => {
  it('loads the household, signs per person and names who is missing', async () => {
    const { state } = h.get();
    const wife = await person('李秀兰', id('11010519520301002'));
    const son = await person('张小明', id('11010519800909001'));
    const head = await person('张三', id('11010519500315001'), [
      { personId: wife.id, relation: 'spouse' },
      { personId: son.id, relation: 'child' },
    ]);
    const c = await createNewCase(state, { itemCode: 'MZ-DB-SQ', applicantId: head.id });
    await openCase(state, c.id);
    expect(state.workbench.household.value.map((p) => p.name).sort()).toEqual(['张小明', '李秀兰']);

    await signMaterial(state, AUTH, png(), '张三', 'applicant', head.id);
    expect(authFindings().join()).toMatch(/还缺李秀兰、张小明的签名/);

    await signMaterial(state, AUTH, png(), '李秀兰', 'household', wife.id);
    expect(authFindings().join()).toMatch(/还缺张小明的签名（1人）/);

    await signMaterial(state, AUTH, png(), '张小明', 'household', son.id);
    expect(authFindings()).toEqual([]);

    // Stored: the applicant's as the material's signature, the others one per person.
    const stored = (await listMaterials(c.id)).find((m) => m.requirementId === AUTH)!;
    expect(stored.signature?.personId).toBe(head.id);
    expect(stored.signatures?.map((s) => [s.personId, s.signerRole])).toEqual([
      [wife.id, 'household'],
      [son.id, 'household'],
    ]);

    // Signing again replaces that person's signature; voiding removes only theirs.
    await signMaterial(state, AUTH, png(), '李秀兰', 'household', wife.id);
    expect((await listMaterials(c.id)).find((m) => m.requirementId === AUTH)!.signatures).toHaveLength(2);
    await clearSignature(state, AUTH, wife.id);
    const after = (await listMaterials(c.id)).find((m) => m.requirementId === AUTH)!;
    expect(after.signatures?.map((s) => s.personId)).toEqual([son.id]);
    expect(after.signature?.personId).toBe(head.id);
    expect(authFindings().join()).toMatch(/还缺李秀兰的签名/);
  });
});
