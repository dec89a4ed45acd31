// The catalogue editor's live checks (schema + rule references, in Chinese with paths) and the
// field-level diff against the published version.
import { describe, expect, it } from 'vitest';
import { CATALOG, findItem } from '../../../src/catalog';
import { checkItemText, diffItems, previewReport } from '../../../src/domain/catalog-edit';

const gljt = () => structuredClone(findItem('MZ-GLJT')!);

describe('checkItemText', () => {
  it('accepts every built-in item', () => {
    for (const item of CATALOG) expect(checkItemText(JSON.stringify(item)).problems, item.code).toEqual([]);
  });

  it('reports broken JSON as one message', () => {
    const r = checkItemText('{"code": "X",');
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/^JSON 格式有误/);
  });

  it('reports schema problems at their path', () => {
    const item = gljt() as Record<string, unknown>;
    delete item.name;
    item.legalLimitDays = -1;
    const paths = checkItemText(JSON.stringify(item)).problems.map((p) => `${p.path}: ${p.message.slice(0, 5)}`);
    expect(paths).toContain('name: 缺少必填项');
    expect(paths.some((p) => p.startsWith('legalLimitDays: 太小或太短'))).toBe(true);
  });

  it('reports rules naming a field, material or data field that does not exist', () => {
    const item = gljt();
    item.rules = [
      { kind: 'required', ref: { source: 'field', key: 'ghost' } },
      {
        kind: 'equals',
        left: { source: 'person', key: 'name' },
        right: { source: 'material', material: 'nope', key: 'x' },
      },
      { kind: 'required', ref: { source: 'material', material: item.materials[0]!.id, key: 'ghostData' } },
      { kind: 'signature-present', material: 'missing-sig' },
    ];
    item.toleranceAllowed = false;
    expect(checkItemText(JSON.stringify(item)).problems).toEqual([
      { path: 'rules.0.ref.key', message: '规则引用了不存在的表单字段“ghost”' },
      { path: 'rules.1.right.material', message: '规则引用了不存在的材料“nope”' },
      { path: 'rules.2.ref.key', message: `材料“${item.materials[0]!.name}”没有数据字段“ghostData”` },
      { path: 'rules.3.material', message: '规则引用了不存在的材料“missing-sig”' },
    ]);
  });

  it('reports duplicate ids and impossible limits', () => {
    const item = gljt();
    item.materials.push(structuredClone(item.materials[0]!));
    item.promisedLimitDays = item.legalLimitDays + 1;
    const problems = checkItemText(JSON.stringify(item)).problems;
    expect(problems).toContainEqual({
      path: `materials.${item.materials.length - 1}`,
      message: `材料编号“${item.materials[0]!.id}”重复`,
    });
    expect(problems).toContainEqual({ path: 'promisedLimitDays', message: '承诺时限不能长于法定时限' });
  });
});

describe('diffItems', () => {
  it('is empty for the same item and ignores the version number', () => {
    expect(diffItems(gljt(), { ...gljt(), version: 9 })).toEqual([]);
  });

  it('names changed, added and removed paths; materials and fields are matched by id', () => {
    const before = gljt();
    const after = gljt();
    after.promisedLimitDays = 3;
    const [first, ...rest] = after.materials;
    const added = { ...structuredClone(first!), id: 'extra-proof', name: '补充证明' };
    after.materials = [added, ...rest]; // the first removed, a new one inserted at its place
    after.fields[0]!.label = '新标签';
    delete after.presenceNote;
    after.presenceNote = before.presenceNote === undefined ? '需本人到场' : undefined;

    const changes = diffItems(before, after);
    expect(changes).toContainEqual({
      path: 'promisedLimitDays',
      kind: 'changed',
      before: before.promisedLimitDays,
      after: 3,
    });
    expect(changes).toContainEqual({ path: `materials.${first!.id}`, kind: 'removed', before: before.materials[0] });
    expect(changes).toContainEqual({ path: 'materials.extra-proof', kind: 'added', after: added });
    expect(changes).toContainEqual({
      path: `fields.${before.fields[0]!.key}.label`,
      kind: 'changed',
      before: before.fields[0]!.label,
      after: '新标签',
    });
    // Later materials kept their ids: none of them is reported.
    expect(changes.filter((c) => c.path.startsWith('materials.')).length).toBe(2);
  });
});

describe('previewReport', () => {
  it('runs the item rules on a sample case: the age limit of 高龄津贴 decides', () => {
    const today = '2026-03-02';
    const old = previewReport(gljt(), { birthDate: '1940-05-12', today });
    expect(old.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const young = previewReport(gljt(), { birthDate: '1990-05-12', today });
    expect(young.errors).toBeGreaterThan(0);
    expect(young.findings.map((f) => f.rule)).toContain('age-range');
  });
});
