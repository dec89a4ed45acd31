// 或 choices in the catalogue editor: a stored item without them still parses; every id in a group
// must be a material of the item, groups must not overlap; they survive export/import and show in the diff.
import { describe, expect, it } from 'vitest';
import { findItem } from '../../../src/catalog';
import { catalogFile, checkItem, checkItemText, diffItems, readCatalogFile } from '../../../src/domain/catalog-edit';

const yb = () => structuredClone(findItem('YB-JMCB-DJ')!);

describe('alternatives in the catalogue editor', () => {
  it('a stored item from before alternatives parses with none', () => {
    const old = yb() as Record<string, unknown>;
    delete old.alternatives;
    const r = checkItemText(JSON.stringify(old));
    expect(r.ok && r.item.alternatives).toEqual([]);
  });

  it('reports a group naming a material the item does not have', () => {
    const item = yb();
    item.alternatives[0]!.groups[1]!.materials.push('guardian-id');
    expect(checkItemText(JSON.stringify(item)).problems).toEqual([
      {
        path: 'alternatives.0.groups.1.materials.2',
        message: '“身份证明”的第 2 组引用了不存在的材料“guardian-id”',
      },
    ]);
  });

  it('reports overlapping groups, within one alternative and across two', () => {
    const item = yb();
    item.alternatives[0]!.groups[1]!.materials.push('id-card-back');
    item.alternatives.push({
      id: 'signature',
      label: '签名',
      groups: [
        { label: '登记表', materials: ['registration-form'] },
        { label: '户口簿', materials: ['hukou'] },
      ],
    });
    const problems = checkItemText(JSON.stringify(item)).problems;
    expect(problems).toEqual([
      {
        path: 'alternatives.0.groups.1.materials.2',
        message:
          '材料“id-card-back”同时出现在“身份证明”第 1 组（居民身份证（人像面和国徽面））和“身份证明”第 2 组（居民户口簿（新生儿另附出生医学证明）），各组不能重叠',
      },
      {
        path: 'alternatives.1.groups.1.materials.0',
        message:
          '材料“hukou”同时出现在“身份证明”第 2 组（居民户口簿（新生儿另附出生医学证明））和“签名”第 2 组（户口簿），各组不能重叠',
      },
    ]);
  });

  it('reports a repeated alternative id, and a choice with one group through the schema', () => {
    const item = yb();
    item.alternatives.push({ ...structuredClone(item.alternatives[0]!), groups: [] });
    const paths = checkItemText(JSON.stringify(item)).problems.map((p) => p.path);
    expect(paths).toEqual(['alternatives.1.groups']);
    item.alternatives[1] = {
      id: 'identity',
      label: '重复',
      groups: [
        { label: '甲', materials: ['registration-form'] },
        { label: '乙', materials: ['entrustment'] },
      ],
    };
    expect(checkItemText(JSON.stringify(item)).problems).toEqual([
      { path: 'alternatives.1.id', message: '“以下之一”编号“identity”重复' },
    ]);
  });

  it('survives export and import unchanged', () => {
    const text = JSON.stringify(catalogFile([yb()], Date.UTC(2026, 11, 2)));
    const read = readCatalogFile(text);
    if ('error' in read) throw new Error(read.error);
    const checked = checkItem(read.items[0]);
    expect(checked.ok && checked.item.alternatives).toEqual(yb().alternatives);
  });

  it('the diff names a changed group label by the alternative id', () => {
    const after = yb();
    after.alternatives[0]!.groups[1]!.label = '居民户口簿';
    expect(diffItems(yb(), after)).toEqual([
      {
        path: 'alternatives.identity.groups.1.label',
        kind: 'changed',
        before: '居民户口簿（新生儿另附出生医学证明）',
        after: '居民户口簿',
      },
    ]);
  });
});
