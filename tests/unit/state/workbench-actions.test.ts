// The workbench's actions over real storage (fake-indexeddb): a case from a profile, photos with
// their findings, retake, reorder, signature, acknowledgements, submit = one transaction with an
// outbox row, and recall before sync.
import { describe, expect, it } from 'vitest';
import { Mutation, type QualityMetrics } from '../../../src/domain';
import { getCase, getDb, listAudit, listMaterials, pendingCount } from '../../../src/storage';
import {
  addPhotos,
  attachIdCardPhoto,
  buildNotice,
  createNewCase,
  deletePage,
  emptyPersonDraft,
  flushCaseSave,
  movePage,
  openCase,
  recallOpenCase,
  replacePage,
  savePersonDraft,
  setAcknowledged,
  setField,
  setTolerance,
  signMaterial,
  submitOpenCase,
} from '../../../src/state';
import { reloadCase } from '../../../src/state/workbench/open';
import { forgetPhotoQualities } from '../../../src/state/photo-quality-memo';
import { BLURRED, DARK, SHARP, VILLAGE, photo, useHarness } from './harness';

const h = useHarness();
const ITEM = 'MZ-LNRYDZ'; // 老年人优待证: ID card both sides or 户口簿, 1-inch photo, 代办委托书

/** 王秀英, with an ID-card front photo the worker measured as `front` when given. */
async function applicant(front?: QualityMetrics) {
  const { state } = h.get();
  const draft = {
    ...emptyPersonDraft(VILLAGE),
    name: '王秀英',
    idNumber: '11010519491231002X',
    idCardIssuedOn: '2016-06-01',
    phone: '13812345678',
    address: '某村 12 号',
  };
  if (front) draft.frontPhoto = await attachIdCardPhoto(state, photo(front));
  return savePersonDraft(state, draft);
}

async function openNewCase(withFront = false) {
  const { state } = h.get();
  const p = await applicant(withFront ? SHARP : undefined);
  const c = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
  await openCase(state, c.id);
  return { c, p };
}

const codesOn = (requirementId: string) =>
  h.get().state.workbench.report.value!.materials[requirementId]!.findings.map((f) => f.code);
const statusOf = (requirementId: string) => h.get().state.workbench.report.value!.materials[requirementId]!.status;

describe('a new case', () => {
  it('is a draft with the form prefilled from the profile and a village case number', async () => {
    const { c, p } = await openNewCase();
    expect(c.status).toBe('draft');
    expect(c.number).toMatch(new RegExp(`^DB-${VILLAGE}-20261120-[0-9A-F]{2}001$`));
    expect(c.fields).toMatchObject({
      name: '王秀英',
      sex: 'F',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      address: '某村 12 号',
    });
    expect(c.applicantId).toBe(p.id);
    expect((await listAudit(c.id)).map((a) => a.action)).toEqual(['create']);
    // A second case the same day gets the next number.
    const c2 = await createNewCase(h.get().state, { itemCode: ITEM, applicantId: p.id });
    expect(c2.number.endsWith('002')).toBe(true);
    // Each case gets its own lookup token for the receipt, made here, offline.
    expect(c.lookupToken).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{20}$/);
    expect(c2.lookupToken).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{20}$/);
    expect(c2.lookupToken).not.toBe(c.lookupToken);
  });

  it('reuses the profile ID-card photo (with its measured quality) while the card is valid', async () => {
    await openNewCase(true);
    const wb = h.get().state.workbench;
    expect(wb.materialByRequirement.value.get('id-card-front')?.pages).toHaveLength(1);
    expect(statusOf('id-card-front')).toBe('passes');
    expect(statusOf('id-card-back')).toBe('missing');
  });

  it('measures a profile photo again when its metrics are not on this device (another tablet, a logout)', async () => {
    const { state } = h.get();
    const p = await applicant(BLURRED);
    await forgetPhotoQualities(); // what a logout does; a photo pulled from the server never had any
    const c = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
    await openCase(state, c.id);
    // Checked like a new photo (the blur found), not left to the agent's eye (photo.unmeasured).
    expect(codesOn('id-card-front')).toContain('photo.blurred');
    expect(codesOn('id-card-front')).not.toContain('photo.unmeasured');
  });

  it('refuses the applicant as their own entruster', async () => {
    const p = await applicant();
    await expect(
      createNewCase(h.get().state, { itemCode: ITEM, applicantId: p.id, entrusterId: p.id }),
    ).rejects.toThrow('委托人不能是申请人本人');
  });
});

describe('photos', () => {
  it('flags blurred and dark pages, and a retake clears the finding in place', async () => {
    await openNewCase();
    const { state } = h.get();
    await addPhotos(state, 'id-card-back', [photo(BLURRED)]);
    await addPhotos(state, 'photo', [photo(DARK)]);
    expect(codesOn('id-card-back')).toContain('photo.blurred');
    expect(codesOn('photo')).toContain('photo.dark');
    expect(statusOf('id-card-back')).toBe('warnings');

    await replacePage(state, 'id-card-back', 0, photo(SHARP));
    expect(codesOn('id-card-back')).not.toContain('photo.blurred');
    expect(statusOf('id-card-back')).toBe('passes');
    const stored = await listMaterials(state.workbench.record.value!.id);
    expect(stored.find((m) => m.requirementId === 'id-card-back')?.pages[0]?.quality?.sharpness).toBe(SHARP.sharpness);
  });

  it('keeps every measure the worker made, so each check sees it: camera shake', async () => {
    await openNewCase();
    const { state } = h.get();
    // Sharp by the Laplacian, but smeared one way (a shaken hand).
    await addPhotos(state, 'id-card-back', [photo({ ...SHARP, isotropy: 0.02 })]);
    expect(codesOn('id-card-back')).toContain('photo.blurred');
    const stored = await listMaterials(state.workbench.record.value!.id);
    expect(stored.find((m) => m.requirementId === 'id-card-back')?.pages[0]?.quality?.isotropy).toBe(0.02);
  });

  it("checks a portrait's colour and background as its standard asks (白色或蓝色背景, 彩色)", async () => {
    await openNewCase();
    const { state } = h.get();
    // A black-and-white 1寸 photo on a red background.
    await addPhotos(state, 'photo', [photo({ ...SHARP, chroma: 1, backdrop: { r: 206, g: 28, b: 38, spread: 6 } })]);
    expect(codesOn('photo')).toEqual(expect.arrayContaining(['photo.greyscale', 'photo.backdrop']));
    expect(statusOf('photo')).toBe('errors');
    await replacePage(
      state,
      'photo',
      0,
      photo({ ...SHARP, chroma: 22, backdrop: { r: 70, g: 140, b: 212, spread: 7 } }),
    );
    expect(statusOf('photo')).toBe('passes');
    const stored = await listMaterials(state.workbench.record.value!.id);
    expect(stored.find((m) => m.requirementId === 'photo')?.pages[0]?.quality).toMatchObject({
      chroma: 22,
      backdrop: { r: 70, g: 140, b: 212, spread: 7 },
    });
  });

  it('keeps several pages in order: add, move up/down, delete', async () => {
    await openNewCase();
    const { state } = h.get();
    await addPhotos(state, 'hukou', [photo(SHARP), photo(BLURRED)]);
    const pages = () =>
      state.workbench.materialByRequirement.value.get('hukou')!.pages.map((p) => p.quality?.sharpness);
    expect(pages()).toEqual([SHARP.sharpness, BLURRED.sharpness]);
    await movePage(state, 'hukou', 1, -1);
    expect(pages()).toEqual([BLURRED.sharpness, SHARP.sharpness]);
    await movePage(state, 'hukou', 0, -1); // already first: no change
    expect(pages()).toEqual([BLURRED.sharpness, SHARP.sharpness]);
    const first = state.workbench.materialByRequirement.value.get('hukou')!.pages[0]!.sha256;
    await deletePage(state, 'hukou', first);
    expect(pages()).toEqual([SHARP.sharpness]);
    expect(
      (await listMaterials(state.workbench.record.value!.id)).find((m) => m.requirementId === 'hukou')?.pages,
    ).toHaveLength(1);
  });
});

describe('submit and recall', () => {
  async function completeCase() {
    const { state } = h.get();
    await openNewCase(true);
    await addPhotos(state, 'id-card-back', [photo(SHARP)]);
    await addPhotos(state, 'photo', [photo(SHARP)]);
    await signMaterial(
      state,
      'entrustment',
      new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' }),
      '王秀英',
      'applicant',
    );
    return state;
  }

  it('cannot submit while the report has errors', async () => {
    await openNewCase();
    await expect(submitOpenCase(h.get().state)).rejects.toThrow(/问题必须先解决/);
    expect(await pendingCount()).toBe(0);
  });

  it('writes status, audit and a case.submit outbox row together; recall takes it back out', async () => {
    const state = await completeCase();
    const wb = state.workbench;
    const sig = wb.materialByRequirement.value.get('entrustment')!.signature!;
    expect(sig).toMatchObject({ signerName: '王秀英', signerRole: 'applicant', deviceId: 'device-0001' });
    for (const f of wb.report.value!.unacknowledged) await setAcknowledged(state, f.key, true);
    expect(wb.report.value!.canSubmit).toBe(true);

    const submitted = await submitOpenCase(state);
    expect(submitted).toMatchObject({ status: 'queued', revision: 1 });
    expect((await getCase(submitted.id))?.status).toBe('queued');
    const trail = (await listAudit(submitted.id)).map((a) => `${a.action}:${a.from}→${a.to}`);
    expect(trail).toEqual(expect.arrayContaining(['precheck-pass:draft→ready', 'submit:ready→queued']));
    expect(trail.indexOf('precheck-pass:draft→ready')).toBeLessThan(trail.indexOf('submit:ready→queued'));
    const rows = await getDb().outbox.toArray();
    expect(rows).toHaveLength(1);
    const m = Mutation.parse(rows[0]!.mutation);
    expect(m.kind).toBe('case.submit');
    if (m.kind !== 'case.submit') throw new Error('kind');
    expect(m.payload.case.id).toBe(submitted.id);
    // The receipt's lookup token goes to the server with the case (it keeps only its hash).
    expect(m.payload.case.lookupToken).toBe(submitted.lookupToken);
    expect(m.payload.case.lookupToken).toMatch(/^[0-9a-z]{20}$/);
    expect(m.payload.applicant.name).toBe('王秀英');
    expect(m.payload.materials.map((x) => x.requirementId).sort()).toEqual([
      'entrustment',
      'id-card-back',
      'id-card-front',
      'photo',
    ]);
    expect(wb.editable.value).toBe(false);

    const recalled = await recallOpenCase(state);
    expect(recalled).toMatchObject({ status: 'draft', revision: 0 });
    expect(await getDb().outbox.count()).toBe(0);
    expect(wb.editable.value).toBe(true);
  });

  it('does not recall while the mutation is being sent', async () => {
    const state = await completeCase();
    for (const f of state.workbench.report.value!.unacknowledged) await setAcknowledged(state, f.key, true);
    const c = await submitOpenCase(state);
    await getDb().outbox.toCollection().modify({ state: 'sending' });
    await expect(recallOpenCase(state)).rejects.toThrow('正在发送');
    expect((await getCase(c.id))?.status).toBe('queued');
  });
});

describe('typing', () => {
  it('updates the report at once and saves after the pause (or on flush)', async () => {
    const { c } = await openNewCase();
    const { state } = h.get();
    setField(state, 'phone', '12812345678');
    expect(
      state.workbench.report.value!.findings.some(
        (f) => f.target.type === 'field' && f.target.key === 'phone' && f.severity === 'error',
      ),
    ).toBe(true);
    expect((await getCase(c.id))?.fields.phone).toBe('13812345678');
    await flushCaseSave(state);
    expect((await getCase(c.id))?.fields.phone).toBe('12812345678');
  });
});

describe('one-time notice', () => {
  it('lists every missing or faulty material with how to fix it', async () => {
    await openNewCase();
    const { state } = h.get();
    await addPhotos(state, 'id-card-back', [photo(BLURRED)]);
    const wb = state.workbench;
    const notice = buildNotice(wb.item.value!, wb.record.value!, wb.report.value!);
    const what = notice.lines.map((l) => l.what);
    expect(what).toEqual(
      expect.arrayContaining(['身份证明（以下之一）', '居民身份证（国徽面）', '近期免冠1寸照片', '代办委托书']),
    );
    // 身份证或户口簿: one line for the choice, none for each of its materials.
    expect(what).not.toContain('居民身份证（人像面）');
    expect(what).not.toContain('居民户口簿（户主页、本人页）');
    const choice = notice.lines.find((l) => l.what === '身份证明（以下之一）')!;
    expect(choice.problems[0]).toContain('已提供“居民身份证（国徽面）”，选这一种还缺“居民身份证（人像面）”');
    expect(choice.choices).toHaveLength(2);
    expect(choice.choices![1]).toMatch(/^居民户口簿（户主页、本人页）。居民户口簿（户主页、本人页）：验原件、收复印件/);
    const back = notice.lines.find((l) => l.what === '居民身份证（国徽面）')!;
    expect(back.problems.join()).toContain('模糊');
    expect(back.how).toContain('验原件、收复印件');
    // The villager's line says what to bring and why, without the agent's camera advice.
    expect(back.forVillager).toEqual({ reasons: ['已拍的照片模糊，看不清字'], ask: '请带上您的居民身份证原件' });
    expect(notice.villagerLines.map((l) => l.what)).toContain('居民身份证（国徽面）');
    expect(choice.forVillager).toEqual({
      reasons: ['还没有提供'],
      ask: '请带上下面任意一种材料',
      choices: ['居民身份证（人像面和国徽面）', '居民户口簿（户主页、本人页）'],
    });
    expect(notice.complete).toBe(false);
  });
});

describe('tolerance (容缺)', () => {
  it('accepts a promise within the item limit and asks for the signed commitment; refuses a late one', async () => {
    const { state } = h.get();
    const p = await applicant();
    const c = await createNewCase(state, { itemCode: 'MZ-GLJT', applicantId: p.id }); // 高龄津贴: photo tolerable, ≤ 8 working days
    await openCase(state, c.id);
    // Friday 2026-11-20 + 8 working days = Wednesday 2026-12-02.
    await setTolerance(state, 'photo', '2026-12-02');
    expect(statusOf('photo')).toBe('tolerated');
    expect(codesOn('tolerance-commitment')).toContain('tolerance.commitment_unsigned');
    await setTolerance(state, 'photo', '2026-12-03');
    expect(codesOn('photo')).toContain('tolerance.date_too_late');
    await setTolerance(state, 'photo', null);
    expect(statusOf('photo')).toBe('missing');
    expect((await getCase(c.id))?.tolerance).toEqual([]);
  });

  it('a tap whose save fails says so on the workbench, and the next save still writes it', async () => {
    const { state } = h.get();
    const p = await applicant();
    const c = await createNewCase(state, { itemCode: 'MZ-GLJT', applicantId: p.id });
    await openCase(state, c.id);
    getDb().close(); // storage gone for a moment (the browser closed the database)
    await setTolerance(state, 'photo', '2026-12-02'); // resolves: the failure is shown, not thrown
    expect(state.workbench.error.value).toMatch(/^保存失败/);
    expect(statusOf('photo')).toBe('tolerated');
    await getDb().open();
    await flushCaseSave(state);
    expect((await getCase(c.id))?.tolerance).toEqual([{ requirementId: 'photo', promisedBy: '2026-12-02' }]);
    expect(state.workbench.error.value).toBeNull(); // written now: no stale 保存失败
  });
});

describe('capture progress', () => {
  it('is shown while the worker runs and gone afterwards, even if a progress message arrives late', async () => {
    await openNewCase();
    const { state } = h.get();
    let late: ((f: number) => void) | undefined;
    const real = state.deps.processImage;
    state.deps.processImage = async (file, o, ctl) => {
      expect(state.workbench.captures.value['photo']).toHaveLength(1);
      late = ctl.onProgress;
      return real(file, o, ctl);
    };
    await addPhotos(state, 'photo', [photo(SHARP)]);
    late?.(1);
    expect(state.workbench.captures.value['photo']).toBeUndefined();
  });
});

describe('opening cases while a sync reloads one', () => {
  it('a reload triggered while another case opens never brings back the case shown before', async () => {
    const { state } = h.get();
    const { c: first, p } = await openNewCase();
    const second = await createNewCase(state, { itemCode: ITEM, applicantId: p.id });
    // The agent opens the second case; before its read lands, a pull that touched the first one
    // asks for a reload (the first is still on the screen's record).
    expect(state.workbench.record.value?.id).toBe(first.id);
    const open = openCase(state, second.id);
    const reload = reloadCase(state);
    await Promise.all([open, reload]);
    expect(state.workbench.record.value?.id).toBe(second.id);
    expect(state.workbench.loading.value).toBe(false);
    // A reload with nothing else going on re-reads the case on the screen.
    await reloadCase(state);
    expect(state.workbench.record.value?.id).toBe(second.id);
  });
});
