// 退回补正 on the tablet: the reviewer's return decision arrives by pull and reopens ONLY the
// flagged material and field. Actions on anything else are refused with a Chinese message (not
// just hidden buttons); resubmitting needs every flagged item changed.
import { describe, expect, it } from 'vitest';
import { type Decision, Mutation, uuidv7 } from '../../../src/domain';
import { applyPullPage, getCase, getDb, getMaterial, listMaterials, markDone } from '../../../src/storage';
import {
  addPhotos,
  attachIdCardPhoto,
  createNewCase,
  deletePage,
  emptyPersonDraft,
  openCase,
  replacePage,
  savePersonDraft,
  setAcknowledged,
  setField,
  setMaterialData,
  setTolerance,
  signMaterial,
  submitOpenCase,
  type AppState,
} from '../../../src/state';
import { WorkbenchError } from '../../../src/state/workbench/return-scope';
import { NOW, SHARP, VILLAGE, photo, useHarness } from './harness';

const h = useHarness();
const ITEM = 'MZ-LNRYDZ'; // 老年人优待证: ID card both sides or 户口簿, 1-inch photo, 代办委托书
const png = () => new Blob([new Uint8Array([137, 80, 78, 71, Math.floor(Math.random() * 255)])], { type: 'image/png' });

/** A case prepared, submitted and synced: the server applied it as version 1. */
async function submittedCase(state: AppState) {
  const draft = {
    ...emptyPersonDraft(VILLAGE),
    name: '王秀英',
    idNumber: '11010519491231002X',
    idCardIssuedOn: '2016-06-01',
    phone: '13812345678',
    address: '某村 12 号',
  };
  draft.frontPhoto = await attachIdCardPhoto(state, photo(SHARP));
  const p = await savePersonDraft(state, draft);
  const c = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
  await openCase(state, c.id);
  await addPhotos(state, 'id-card-back', [photo(SHARP)]);
  await addPhotos(state, 'photo', [photo(SHARP)]);
  await signMaterial(state, 'entrustment', png(), '王秀英', 'applicant');
  for (const f of state.workbench.report.value!.unacknowledged) await setAcknowledged(state, f.key, true);
  await submitOpenCase(state);
  const row = (await getDb().outbox.toArray())[0]!;
  await markDone(row.id, { status: 'submitted', baseVersion: 1 }, NOW);
  return c.id;
}

const reasons: Decision['reasons'] = [
  { target: 'id-card-back', code: 'blurred', text: '国徽面反光看不清' },
  { target: 'field:phone', code: 'other', text: '电话打不通，请核实' },
];

/** The township returns the case: status change and decision, as the pull delivers them. */
async function pullReturn(caseId: string, withDecision = true) {
  const decision: Decision = {
    id: uuidv7(NOW + 1000),
    caseId,
    kind: 'return',
    reasons,
    toleranceDue: [],
    reviewerId: 'reviewer1',
    decidedAt: NOW + 1000,
    revision: 1,
  };
  await applyPullPage({
    cursor: 2,
    changes: [
      { seq: 1, type: 'case.status', caseId, status: 'returned', version: 2, at: NOW + 1000 },
      ...(withDecision ? [{ seq: 2, type: 'decision' as const, caseId, decision, version: 2 }] : []),
    ],
  });
}

async function returnedCase() {
  const { state } = h.get();
  const caseId = await submittedCase(state);
  await pullReturn(caseId);
  await openCase(state, caseId);
  return { state, caseId };
}

async function refused(work: () => unknown, code: string) {
  let error: unknown;
  try {
    await work();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WorkbenchError);
  expect((error as WorkbenchError).code).toBe(code);
  expect((error as Error).message).toMatch(/乡镇没有要求修改：退回补正时只能修改审核员标出的材料和填写项/);
}

describe('a returned case', () => {
  it('lists exactly the flagged material and field with the reviewer’s reasons, none changed yet', async () => {
    const { state } = await returnedCase();
    const wb = state.workbench;
    expect(wb.record.value?.status).toBe('returned');
    expect(wb.editable.value).toBe(true);
    expect(wb.returnTargets.value.map((t) => [t.target, t.label, t.reasons.map((r) => r.code), t.changed])).toEqual([
      ['id-card-back', '居民身份证（国徽面）', ['blurred'], false],
      ['field:phone', '联系电话', ['other'], false],
    ]);
    expect(wb.returnBlock.value).toBe('还有 2 项退回的内容没有修改：居民身份证（国徽面）、联系电话');
    await expect(submitOpenCase(state)).rejects.toThrow('还有 2 项退回的内容没有修改');
  });

  it('refuses every edit of an unflagged material or field, and stores nothing', async () => {
    const { state, caseId } = await returnedCase();
    const before = await listMaterials(caseId);
    const front = state.workbench.materialByRequirement.value.get('id-card-front')!;
    await refused(() => addPhotos(state, 'photo', [photo(SHARP)]), 'return.material_not_flagged');
    await refused(() => replacePage(state, 'photo', 0, photo(SHARP)), 'return.material_not_flagged');
    await refused(() => deletePage(state, 'id-card-front', front.pages[0]!.sha256), 'return.material_not_flagged');
    await refused(
      () => signMaterial(state, 'entrustment', png(), '王秀英', 'applicant'),
      'return.material_not_flagged',
    );
    await refused(() => setMaterialData(state, 'hukou', 'name', '王秀英'), 'return.material_not_flagged');
    await refused(() => setTolerance(state, 'photo', '2026-11-27'), 'return.material_not_flagged');
    await refused(() => setField(state, 'address', '另一个村 1 号'), 'return.field_not_flagged');
    expect(state.workbench.record.value?.fields.address).toBe('某村 12 号');
    await new Promise((r) => setTimeout(r, 450)); // past the typing save delay
    expect(await listMaterials(caseId)).toEqual(before);
    expect((await getCase(caseId))?.fields.address).toBe('某村 12 号');
    expect(await getMaterial(front.id)).toEqual(front);
  });

  it('resubmits once every flagged item changed: a retaken page and a new phone number', async () => {
    const { state, caseId } = await returnedCase();
    const wb = state.workbench;
    await replacePage(state, 'id-card-back', 0, photo(SHARP));
    expect(wb.returnTargets.value.map((t) => t.changed)).toEqual([true, false]);
    expect(wb.returnBlock.value).toBe('还有 1 项退回的内容没有修改：联系电话');

    // Typing the old value back is not a change.
    setField(state, 'phone', '13912345678');
    expect(wb.returnBlock.value).toBeNull();
    setField(state, 'phone', '13812345678');
    expect(wb.returnBlock.value).toBe('还有 1 项退回的内容没有修改：联系电话');
    setField(state, 'phone', '13912345678');

    for (const f of wb.report.value!.unacknowledged) await setAcknowledged(state, f.key, true);
    const saved = await submitOpenCase(state);
    expect(saved).toMatchObject({ status: 'queued', revision: 2 });
    // The first submission's row and the resubmission's may share a millisecond: pick by kind.
    const rows = (await getDb().outbox.toArray()).map((r) => Mutation.parse(r.mutation));
    const resubmits = rows.filter((r) => r.kind === 'case.resubmit');
    expect(resubmits).toHaveLength(1);
    const m = resubmits[0]!;
    expect(m.kind).toBe('case.resubmit');
    if (m.kind !== 'case.resubmit') throw new Error('kind');
    expect(m.baseVersion).toBe(2);
    expect(m.payload.case.fields.phone).toBe('13912345678');
    expect((await getCase(caseId))?.status).toBe('queued');
  });

  it('measures changes against the submitted copy kept on the device when the outbox row is gone', async () => {
    const { state } = h.get();
    const caseId = await submittedCase(state);
    await getDb().outbox.clear();
    await pullReturn(caseId);
    await openCase(state, caseId);
    expect(state.workbench.returnTargets.value.map((t) => t.changed)).toEqual([false, false]);
    await replacePage(state, 'id-card-back', 0, photo(SHARP));
    await openCase(state, caseId); // reopened later: the kept baseline, not the edited copy
    expect(state.workbench.returnTargets.value.map((t) => t.changed)).toEqual([true, false]);
  });

  it('locks everything until the return decision itself has arrived', async () => {
    const { state } = h.get();
    const caseId = await submittedCase(state);
    await pullReturn(caseId, false);
    await openCase(state, caseId);
    expect(state.workbench.returnBlock.value).toMatch(/退回原因还没有同步到本机/);
    await refused(() => replacePage(state, 'id-card-back', 0, photo(SHARP)), 'return.material_not_flagged');
    await refused(() => setField(state, 'phone', '13912345678'), 'return.field_not_flagged');
  });
});
