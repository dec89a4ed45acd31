// The report as a whole: acknowledgments, canSubmit, ordering, overrides, determinism.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULE_EVALUATORS, checkItemReferences, evaluate } from '../../../src/domain/rules';
import { RULE_KINDS } from '../../../src/domain/schemas/catalog';
import { HAS_CHINESE, codes, keys, makeItem, material, page, run } from './fixtures';
import { realisticCleanInput, realisticItem, realisticProblemInput } from './realistic-case';

const photoItem = makeItem({
  materials: [
    {
      id: 'id-card-front',
      name: '身份证正面',
      kind: 'document-photo',
      handling: 'original-checked-copy-kept',
      requirement: 'required',
    },
  ],
  rules: [{ kind: 'photo-quality', material: 'id-card-front' }],
});
const blurred = [material('id-card-front', { pages: [page({ sharpness: 50 })] })];

describe('acknowledgments and canSubmit', () => {
  it('an unacknowledged warning blocks submission; acknowledging its key unblocks it', () => {
    const before = run(photoItem, { materials: blurred });
    expect(before).toMatchObject({ errors: 0, warnings: 1, canSubmit: false });
    expect(before.unacknowledged.map((f) => f.key)).toEqual(['photo.blurred@material:id-card-front#1']);
    const after = run(photoItem, { materials: blurred, acknowledged: ['photo.blurred@material:id-card-front#1'] });
    expect(after).toMatchObject({ errors: 0, warnings: 1, unacknowledged: [], canSubmit: true });
  });

  it('an acknowledgment of another key or page does not count', () => {
    const r = run(photoItem, {
      materials: blurred,
      acknowledged: ['photo.blurred@material:id-card-front#2', 'photo.dark@material:id-card-front#1'],
    });
    expect(r.canSubmit).toBe(false);
  });

  it('errors block submission even when acknowledged; info never blocks', () => {
    const r = run(photoItem, { acknowledged: ['material.missing@material:id-card-front'] });
    expect(r).toMatchObject({ errors: 1, canSubmit: false });
    const tolerated = makeItem({
      toleranceAllowed: true,
      materials: [
        { id: 'proof', name: '证明', kind: 'document-photo', handling: 'original-kept', requirement: 'tolerable' },
      ],
    });
    const info = run(tolerated, { tolerance: [{ requirementId: 'proof', promisedBy: '2025-06-05' }] });
    expect(info).toMatchObject({ errors: 0, warnings: 0, canSubmit: true });
    expect(codes(info)).toEqual(['material.tolerated']);
  });
});

describe('overrides and keys', () => {
  it('a rule may change severity and message of its findings', () => {
    const strict = makeItem({
      ...photoItem,
      rules: [{ kind: 'photo-quality', material: 'id-card-front', severity: 'error', message: '照片不合格，请重拍' }],
    });
    const r = run(strict, { materials: blurred });
    expect(r.findings).toEqual([
      {
        key: 'photo.blurred@material:id-card-front#1',
        code: 'photo.blurred',
        severity: 'error',
        message: '照片不合格，请重拍',
        target: { type: 'material', id: 'id-card-front', page: 1 },
        rule: 'photo-quality',
      },
    ]);
  });

  it('an explicit rule and the structure sharing a key give one finding', () => {
    const item = makeItem({
      fields: [{ key: 'phone', label: '电话', type: 'phone', required: true }],
      rules: [
        { kind: 'required', ref: { source: 'field', key: 'phone' } },
        { kind: 'field-format', ref: { source: 'field', key: 'phone' }, format: 'mobile', severity: 'warning' },
      ],
    });
    expect(keys(run(item, { materials: [material('id-card-front', { pages: [page()] })] }))).toEqual([
      'field.required@field:phone',
    ]);
    const soft = run(item, { fields: { phone: '123' }, materials: [material('id-card-front', { pages: [page()] })] });
    expect(soft.findings.map((f) => [f.key, f.severity])).toEqual([['mobile.length@field:phone', 'warning']]);
  });

  it('reports a rule naming a material the item does not have', () => {
    const broken = makeItem({ rules: [{ kind: 'signature-present', material: 'nope' }] });
    const r = run(broken, { materials: [material('id-card-front', { pages: [page()] })] });
    expect(keys(r)).toEqual(['rule.unknown_material@case:rule.nope']);
    expect(r.canSubmit).toBe(false);
    expect(checkItemReferences(broken)).toEqual([
      'TEST-ITEM rule #0 (signature-present) names unknown material "nope"',
    ]);
  });

  it('checkItemReferences finds a missing tolerance rule and a commitment that is not a signature', () => {
    const item = makeItem({
      toleranceAllowed: true,
      materials: [
        { id: 'proof', name: '证明', kind: 'document-photo', handling: 'original-kept', requirement: 'tolerable' },
      ],
    });
    expect(checkItemReferences(item)).toEqual(['TEST-ITEM allows tolerance but has no tolerance-allowed rule']);
    const wrong = makeItem({ ...item, rules: [{ kind: 'tolerance-allowed', commitmentMaterial: 'proof' }] });
    expect(checkItemReferences(wrong)).toEqual([
      'TEST-ITEM rule #0: commitment material "proof" should be a signature, is document-photo',
    ]);
    expect(checkItemReferences(realisticItem)).toEqual([]);
  });
});

describe('registry', () => {
  it('has exactly one evaluator per rule kind of the catalogue schema', () => {
    expect(Object.keys(RULE_EVALUATORS).sort()).toEqual([...RULE_KINDS].sort());
    for (const kind of RULE_KINDS) expect(RULE_EVALUATORS[kind].kind).toBe(kind);
  });
});

describe('a realistic case', () => {
  it('passes cleanly when everything is right', () => {
    const r = evaluate(realisticCleanInput());
    expect(r.findings).toEqual([]);
    expect(r.canSubmit).toBe(true);
    expect(Object.fromEntries(Object.entries(r.materials).map(([id, s]) => [id, s.status]))).toEqual({
      'id-card-front': 'passes',
      'id-card-back': 'passes',
      hukou: 'passes',
      'bank-book': 'passes',
      application: 'passes',
      commitment: 'missing',
    });
  });

  it('lists every problem of a first attempt at once, errors first, in checklist order', () => {
    const r = evaluate(realisticProblemInput());
    expect(r.findings.map((f) => `${f.severity} ${f.key}`)).toEqual([
      'error mobile.length@field:phone',
      'error value.mismatch@material:hukou.name',
      'error pages.too_many@material:application',
      'error signature.missing@material:application',
      'error tolerance.commitment_unsigned@material:commitment',
      'warning bank.luhn@field:bankCard',
      // The card typed on the form is not the one in the profile (issue 15, defect 6).
      'warning profile.drift@field:bankCard',
      'warning photo.blurred@material:id-card-front#1',
      'warning photo.dark@material:hukou#2',
      'info material.tolerated@material:bank-book',
    ]);
    expect(r).toMatchObject({ errors: 5, warnings: 4, canSubmit: false });
    for (const f of r.findings) expect(f.message).toMatch(HAS_CHINESE);
    expect(r.materials['bank-book']?.status).toBe('tolerated');
    expect(r.materials['hukou']?.status).toBe('errors');
  });
});

describe('determinism', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same report whatever the clock says and whatever the material order', () => {
    const input = realisticProblemInput();
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const a = JSON.stringify(evaluate(input));
    vi.setSystemTime(new Date('2099-12-31T23:59:59Z'));
    const b = JSON.stringify(evaluate({ ...input, materials: [...input.materials].reverse() }));
    expect(b).toBe(a);
  });

  it('does not modify its input', () => {
    const input = realisticProblemInput();
    const copy = structuredClone(input);
    evaluate(input);
    expect(input).toEqual(copy);
  });
});
