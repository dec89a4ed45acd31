// Opening a case from the list (issue 13): the tap on its card starts the case's reads, and the
// workbench opens with that read, unless anything could have changed the case since.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as storage from '../../../src/storage';
import { createNewCase, flushCaseSave, openCase, setField } from '../../../src/state';
import { casesChangedElsewhere, readCaseEarly } from '../../../src/state/case-early-read';
import { readCase } from '../../../src/state/workbench/open';
import { emptyPersonDraft, savePersonDraft } from '../../../src/state';
import { saveApplicant, useHarness, VILLAGE } from './harness';

// Counts the case reads: an opening that uses the tap's read reads the case once.
vi.mock('../../../src/storage', async (importOriginal) => {
  const real = await importOriginal<typeof storage>();
  return {
    ...real,
    getCase: vi.fn(real.getCase),
    getPerson: vi.fn(real.getPerson),
    putSetting: vi.fn(real.putSetting),
  };
});
const caseReads = () => vi.mocked(storage.getCase).mock.calls.length;

const h = useHarness();

async function twoCases() {
  const { state } = h.get();
  const p = await saveApplicant(state);
  const a = await createNewCase(state, { itemCode: 'MZ-LSJZ', applicantId: p.id });
  const b = await createNewCase(state, { itemCode: 'MZ-LSJZ', applicantId: p.id });
  vi.mocked(storage.getCase).mockClear();
  return { state, a: a.id, b: b.id, rowA: a };
}

/** A second profile of VILLAGE, 李芳. */
const saveLiFang = (state: Parameters<typeof savePersonDraft>[0]) =>
  savePersonDraft(state, {
    ...emptyPersonDraft(VILLAGE),
    name: '李芳',
    idNumber: '110105199506010024',
    idCardIssuedOn: '2016-03-01',
  });

afterEach(() => {
  vi.restoreAllMocks();
  // Back to the real functions (restoreAllMocks only restores spies).
  for (const f of [storage.getCase, storage.getPerson, storage.putSetting]) vi.mocked(f).mockReset();
});

describe('a case read from the tap on its card', () => {
  it('opens with the read the tap began: the case is read once', async () => {
    const { state, a, rowA } = await twoCases();
    readCaseEarly(state, rowA);
    expect(caseReads()).toBe(0); // queued behind the write queue, not yet run
    await openCase(state, a);
    expect(state.workbench.record.value?.id).toBe(a);
    expect(state.workbench.applicant.value?.name).toBe('张桂兰');
    expect(caseReads()).toBe(1);
  });

  it('does not use it for another case', async () => {
    const { state, b, rowA } = await twoCases();
    readCaseEarly(state, rowA);
    await openCase(state, b);
    expect(state.workbench.record.value?.id).toBe(b);
    expect(caseReads()).toBe(2);
  });

  it('reads again when a write of the case was queued after the tap', async () => {
    const { state, a, rowA } = await twoCases();
    await openCase(state, a);
    readCaseEarly(state, rowA);
    // Typing saved after the tap: the tap's read began before it and would show the old number.
    setField(state, 'phone', '13912345678');
    await flushCaseSave(state);
    await openCase(state, a);
    expect(state.workbench.record.value?.fields['phone']).toBe('13912345678');
    expect((await storage.getCase(a))?.fields['phone']).toBe('13912345678');
  });

  it('reads again when typing is still unsaved', async () => {
    const { state, a, rowA } = await twoCases();
    await openCase(state, a);
    readCaseEarly(state, rowA);
    setField(state, 'phone', '13912345678');
    await openCase(state, a);
    expect(state.workbench.record.value?.fields['phone']).toBe('13912345678');
    expect(caseReads()).toBe(3);
  });

  it('reads again when sync changed cases after the tap (a pull landed in between)', async () => {
    const { state, a, rowA } = await twoCases();
    readCaseEarly(state, rowA);
    await new Promise((r) => setTimeout(r, 50)); // the tap's read is done
    // The service worker's pull writes the case, then tells the page which cases changed.
    const before = (await storage.getCase(a))!;
    const pulled = { ...before, fields: { ...before.fields, phone: '13900000000' } };
    await storage.saveCaseWithMaterials({ case: pulled, materials: [], expectStatus: [before.status] });
    casesChangedElsewhere();
    await openCase(state, a);
    expect(state.workbench.record.value?.fields['phone']).toBe('13900000000');
  });

  it('reads again when the tap is too old (its screen did not open at once)', async () => {
    const { state, a, rowA } = await twoCases();
    const t = performance.now();
    readCaseEarly(state, rowA);
    vi.spyOn(performance, 'now').mockReturnValue(t + 5_000);
    await openCase(state, a);
    expect(state.workbench.record.value?.id).toBe(a);
    expect(caseReads()).toBe(2);
  });

  it('is used once: opening the case again reads it again', async () => {
    const { state, a, rowA } = await twoCases();
    readCaseEarly(state, rowA);
    await openCase(state, a);
    await openCase(state, a);
    expect(caseReads()).toBe(2);
  });

  it('reads the people the card names beside the case, not after it', async () => {
    const { state, a, rowA } = await twoCases();
    let caseRead = false;
    const real = vi.mocked(storage.getCase).getMockImplementation()!;
    vi.mocked(storage.getCase).mockImplementation(async (id) => {
      await new Promise((r) => setTimeout(r, 20));
      caseRead = true;
      return real(id);
    });
    const applicantReadBeforeCase: boolean[] = [];
    const realPerson = vi.mocked(storage.getPerson).getMockImplementation()!;
    vi.mocked(storage.getPerson).mockImplementation((id) => {
      applicantReadBeforeCase.push(!caseRead);
      return realPerson(id);
    });
    readCaseEarly(state, rowA);
    await openCase(state, a);
    expect(state.workbench.applicant.value?.name).toBe('张桂兰');
    expect(applicantReadBeforeCase).toEqual([true]); // once, while the case was still being read
  });

  it("shows the stored case's people when the card named others (the case changed since)", async () => {
    const { state, a, rowA } = await twoCases();
    const other = await saveLiFang(state);
    // The list's row is older than the stored case: it names 李芳 as applicant and an entruster.
    readCaseEarly(state, { id: a, applicantId: other.id, entrusterId: other.id });
    await openCase(state, a);
    expect(caseReads()).toBe(1); // the tap's read, with the row's people, was the one used
    expect(rowA.applicantId).not.toBe(other.id);
    expect(state.workbench.applicant.value?.name).toBe('张桂兰');
    expect(state.workbench.entruster.value).toBeNull();
  });

  it('reads the entruster the stored case names when the card named none', async () => {
    const { state, a, rowA } = await twoCases();
    const entruster = await saveLiFang(state);
    // Entrusted since the list read its row (the row names no entruster).
    const stored = (await storage.getCase(a))!;
    await storage.saveCaseWithMaterials({
      case: { ...stored, entrusterId: entruster.id },
      materials: [],
      expectStatus: [stored.status],
    });
    vi.mocked(storage.getCase).mockClear();
    readCaseEarly(state, rowA);
    await openCase(state, a);
    expect(caseReads()).toBe(1);
    expect(rowA.entrusterId).toBeUndefined();
    expect(state.workbench.entruster.value?.name).toBe('李芳');
  });
});

describe('a read-only read (the idle rehearsal)', () => {
  it('leaves a returned case out: its first read writes what the reviewer flagged', async () => {
    const { a } = await twoCases();
    const stored = (await storage.getCase(a))!;
    const returned = () => vi.mocked(storage.getCase).mockResolvedValueOnce({ ...stored, status: 'returned' });
    vi.mocked(storage.putSetting).mockClear(); // creating the cases wrote settings of their own
    returned();
    expect(await readCase(a, stored, { readOnly: true })).toBeUndefined();
    expect(vi.mocked(storage.putSetting)).not.toHaveBeenCalled();
    // The agent's own opening of it records the reviewer's baseline, a write.
    returned();
    expect((await readCase(a, stored))?.returnScope).not.toBeNull();
    expect(vi.mocked(storage.putSetting)).toHaveBeenCalledTimes(1);
  });
});
