// What changed between two submitted revisions of a case: the reviewer checks only that.
// Compares form fields, and per material its page hashes, typed data and signature.

export interface RevisionMaterial {
  requirementId: string;
  pages: readonly { sha256: string }[];
  data?: Readonly<Record<string, string>>;
  signature?: { sha256: string } | undefined;
  /** Further signers' signatures (materials several household members sign). */
  signatures?: readonly { sha256: string }[] | undefined;
}

export interface RevisionSnapshot {
  revision: number;
  fields: Readonly<Record<string, string>>;
  materials: readonly RevisionMaterial[];
}

export interface FieldChange {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

export interface MaterialChange {
  requirementId: string;
  kind: 'added' | 'removed' | 'changed';
  pagesAdded: string[];
  pagesRemoved: string[];
  dataChanged: FieldChange[];
  signatureChanged: boolean;
}

export interface RevisionDiff {
  from: number;
  to: number;
  fields: FieldChange[];
  materials: MaterialChange[];
}

function diffRecords(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => (before[k] ?? '') !== (after[k] ?? ''))
    .map((key) => ({ key, before: before[key], after: after[key] }));
}

function diffMaterial(
  id: string,
  a: RevisionMaterial | undefined,
  b: RevisionMaterial | undefined,
): MaterialChange | undefined {
  const pagesA = (a?.pages ?? []).map((p) => p.sha256);
  const pagesB = (b?.pages ?? []).map((p) => p.sha256);
  const pagesAdded = pagesB.filter((h) => !pagesA.includes(h));
  const pagesRemoved = pagesA.filter((h) => !pagesB.includes(h));
  const dataChanged = diffRecords(a?.data ?? {}, b?.data ?? {});
  const signatureHashes = (m: RevisionMaterial | undefined) =>
    [m?.signature?.sha256 ?? '', ...(m?.signatures ?? []).map((s) => s.sha256)].join();
  const signatureChanged = signatureHashes(a) !== signatureHashes(b);
  const kind = !a ? 'added' : !b ? 'removed' : 'changed';
  const orderChanged = pagesA.join() !== pagesB.join();
  if (
    kind === 'changed' &&
    !pagesAdded.length &&
    !pagesRemoved.length &&
    !dataChanged.length &&
    !signatureChanged &&
    !orderChanged
  )
    return undefined;
  return { requirementId: id, kind, pagesAdded, pagesRemoved, dataChanged, signatureChanged };
}

export function diffRevisions(before: RevisionSnapshot, after: RevisionSnapshot): RevisionDiff {
  const byId = (ms: readonly RevisionMaterial[]) => new Map(ms.map((m) => [m.requirementId, m]));
  const a = byId(before.materials);
  const b = byId(after.materials);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  const materials = ids.flatMap((id) => diffMaterial(id, a.get(id), b.get(id)) ?? []);
  return { from: before.revision, to: after.revision, fields: diffRecords(before.fields, after.fields), materials };
}

export const isEmptyDiff = (d: RevisionDiff) => d.fields.length === 0 && d.materials.length === 0;
