// The reviewer's "what changed since the return" view.
import { describe, expect, it } from 'vitest';
import { diffRevisions, isEmptyDiff, type RevisionSnapshot } from '../../../src/state/reviewer/revision-diff';

const h = (c: string) => c.repeat(64);

const r1: RevisionSnapshot = {
  revision: 1,
  fields: { address: '一组 3 号', phone: '13812345678' },
  materials: [
    { requirementId: 'id-card', pages: [{ sha256: h('a') }, { sha256: h('b') }], data: { name: '张三' } },
    { requirementId: 'application', pages: [{ sha256: h('c') }] },
    { requirementId: 'household', pages: [{ sha256: h('d') }] },
  ],
};

describe('diffRevisions', () => {
  it('lists changed fields and the pages replaced in each material', () => {
    const r2: RevisionSnapshot = {
      revision: 2,
      fields: { address: '一组 5 号', phone: '13812345678', income: '800' },
      materials: [
        { requirementId: 'id-card', pages: [{ sha256: h('a') }, { sha256: h('e') }], data: { name: '张三' } },
        { requirementId: 'application', pages: [{ sha256: h('c') }], signature: { sha256: h('f') } },
        { requirementId: 'household', pages: [{ sha256: h('d') }] },
        { requirementId: 'authorisation', pages: [{ sha256: h('9') }] },
      ],
    };
    const d = diffRevisions(r1, r2);
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(d.fields).toEqual([
      { key: 'address', before: '一组 3 号', after: '一组 5 号' },
      { key: 'income', before: undefined, after: '800' },
    ]);
    expect(d.materials).toEqual([
      {
        requirementId: 'id-card',
        kind: 'changed',
        pagesAdded: [h('e')],
        pagesRemoved: [h('b')],
        dataChanged: [],
        signatureChanged: false,
      },
      {
        requirementId: 'application',
        kind: 'changed',
        pagesAdded: [],
        pagesRemoved: [],
        dataChanged: [],
        signatureChanged: true,
      },
      {
        requirementId: 'authorisation',
        kind: 'added',
        pagesAdded: [h('9')],
        pagesRemoved: [],
        dataChanged: [],
        signatureChanged: false,
      },
    ]);
  });

  it('reports removed materials and changed typed data', () => {
    const r2: RevisionSnapshot = {
      ...r1,
      revision: 2,
      materials: [{ ...r1.materials[0]!, data: { name: '张叁' } }, r1.materials[1]!],
    };
    const d = diffRevisions(r1, r2);
    expect(d.materials.map((m) => [m.requirementId, m.kind])).toEqual([
      ['id-card', 'changed'],
      ['household', 'removed'],
    ]);
    expect(d.materials[0]!.dataChanged).toEqual([{ key: 'name', before: '张三', after: '张叁' }]);
  });

  it('is empty for identical revisions', () => {
    expect(isEmptyDiff(diffRevisions(r1, { ...r1, revision: 2 }))).toBe(true);
  });
});
