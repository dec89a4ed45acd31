// The form-draft keeper (src/state/form-draft.ts) over the real device storage (fake-indexeddb):
// typed input is written after a pause or at once on flush, offered back to the same user, and
// gone once the form is saved, cancelled or its draft discarded.
import { describe, expect, it } from 'vitest';
import { createDraftKeeper, overBaseline, type DraftKeeperOptions } from '../../../src/state/form-draft';
import { parseDecisionDraft } from '../../../src/state/reviewer/decision-draft-keep';
import { loadFormDraft, saveFormDraft } from '../../../src/storage/form-drafts';
import { freshDbPerTest, T0 } from '../../storage/fixtures';

freshDbPerTest();

interface Form {
  name: string;
  idNumber: string;
}
const EMPTY: Form = { name: '', idNumber: '' };
const DELAY = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function keeper(over: Partial<DraftKeeperOptions<Form>> = {}) {
  const applied: Form[] = [];
  const k = createDraftKeeper<Form>({
    userId: 'agent-1',
    form: 'person:new',
    baseline: EMPTY,
    apply: (v) => applied.push(v),
    delayMs: DELAY,
    now: () => T0,
    ...over,
  });
  return { k, applied };
}
const stored = async (userId = 'agent-1', form = 'person:new') => (await loadFormDraft(userId, form))?.data;

describe('draft keeper', () => {
  it('writes typed input only after the pause, keeping the newest', async () => {
    const { k } = keeper({ delayMs: 300 });
    expect(await k.start()).toBe(false);
    k.update({ name: '王', idNumber: '' });
    k.update({ name: '王秀英', idNumber: '4405' });
    expect(await stored()).toBeUndefined();
    await sleep(600);
    expect(await stored()).toEqual({ name: '王秀英', idNumber: '4405' });
  });

  it('writes at once on flush (page hidden or closed) and on dispose (form left)', async () => {
    const { k } = keeper();
    await k.start();
    k.update({ name: '李', idNumber: '' });
    await k.flush();
    expect(await stored()).toEqual({ name: '李', idNumber: '' });
    k.update({ name: '李四', idNumber: '' });
    await k.dispose();
    expect(await stored()).toEqual({ name: '李四', idNumber: '' });
    k.update({ name: '李四五', idNumber: '' });
    await sleep(DELAY * 3);
    expect(await stored()).toEqual({ name: '李四', idNumber: '' });
  });

  it('restores a stored draft into the form for the same user only', async () => {
    await saveFormDraft('agent-1', 'person:new', { name: '赵六', idNumber: '123' }, T0);
    const mine = keeper();
    expect(await mine.k.start()).toBe(true);
    expect(mine.applied).toEqual([{ name: '赵六', idNumber: '123' }]);
    const other = keeper({ userId: 'agent-2' });
    expect(await other.k.start()).toBe(false);
    expect(other.applied).toEqual([]);
  });

  it('input typed while the draft was being read wins over the draft', async () => {
    await saveFormDraft('agent-1', 'person:new', { name: '旧的', idNumber: '' }, T0);
    const { k, applied } = keeper();
    const started = k.start();
    k.update({ name: '新的', idNumber: '' });
    expect(await started).toBe(false);
    expect(applied).toEqual([]);
    await k.flush();
    await sleep(DELAY);
    expect(await stored()).toEqual({ name: '新的', idNumber: '' });
  });

  it('input typed before the draft was read is kept even when the form is left at once', async () => {
    await saveFormDraft('agent-1', 'person:new', { name: '旧的', idNumber: '' }, T0);
    const { k, applied } = keeper();
    const started = k.start();
    k.update({ name: '刚输入的', idNumber: '' });
    const disposed = k.dispose(); // leaves before the read finished: no pause timer ever ran
    expect(await started).toBe(false);
    await disposed;
    await sleep(DELAY);
    expect(applied).toEqual([]);
    expect(await stored()).toEqual({ name: '刚输入的', idNumber: '' });
  });

  it('a form left before its draft was read, with nothing typed, keeps the stored draft', async () => {
    await saveFormDraft('agent-1', 'person:new', { name: '留着', idNumber: '' }, T0);
    const { k, applied } = keeper();
    const started = k.start();
    await k.dispose();
    expect(await started).toBe(false);
    await sleep(DELAY);
    expect(applied).toEqual([]);
    expect(await stored()).toEqual({ name: '留着', idNumber: '' });
  });

  it('input back at the baseline is no draft: the stored one is deleted', async () => {
    const { k } = keeper();
    await k.start();
    k.update({ name: '周', idNumber: '' });
    await k.flush();
    expect(await stored()).toBeDefined();
    k.update(EMPTY);
    await k.flush();
    expect(await stored()).toBeUndefined();
  });

  it('discard puts the baseline back and deletes the draft', async () => {
    await saveFormDraft('agent-1', 'person:new', { name: '吴', idNumber: '' }, T0);
    const { k, applied } = keeper();
    await k.start();
    await k.discard();
    expect(applied.at(-1)).toEqual(EMPTY);
    expect(await stored()).toBeUndefined();
  });

  it('clear (saved or cancelled) deletes the draft, even one still waiting, and writes nothing after', async () => {
    const { k } = keeper();
    await k.start();
    k.update({ name: '郑', idNumber: '' });
    await k.flush();
    k.update({ name: '郑七', idNumber: '' }); // still waiting for the pause
    await k.clear();
    k.update({ name: '郑七八', idNumber: '' });
    await k.dispose();
    await sleep(DELAY * 3);
    expect(await stored()).toBeUndefined();
  });

  it('a draft from an older form keeps only the fields of the same kind', () => {
    expect(overBaseline({ name: '孙', idNumber: 42, extra: 'x' }, EMPTY)).toEqual({
      name: '孙',
      idNumber: '',
      extra: 'x',
    });
    expect(overBaseline('text', EMPTY)).toBeUndefined();
    expect(overBaseline(['a'], EMPTY)).toBeUndefined();
    expect(overBaseline(3, 'text')).toBeUndefined();
  });

  it('a stored decision draft keeps only known reason codes and a valid delivery', () => {
    expect(
      parseDecisionDraft({
        kind: 'return',
        decisionId: 'd1',
        note: 7,
        returnDrafts: { id: { codes: ['blurred', 'made-up'], text: '看不清' }, bad: { codes: ['nope'] }, x: 'y' },
        complete: { outcome: '准予', delivery: { method: 'drone' } },
      }),
    ).toEqual({
      kind: 'return',
      decisionId: 'd1',
      note: '',
      returnDrafts: { id: { codes: ['blurred'], text: '看不清' } },
      complete: null,
    });
    expect(parseDecisionDraft({ kind: 1 })).toBeUndefined();
  });
});
