import type { Relation } from '../domain';

/** 110105********002X: enough to tell people apart on screen, not enough to copy. */
export const maskIdNumber = (id: string) => (id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id);

export const RELATION_LABELS: Record<Relation, string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandchild: '孙子女',
  grandparent: '祖父母',
  other: '其他',
};
