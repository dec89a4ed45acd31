// Materials of a case: pages (photos), signatures, typed data. A captured page and its file are
// written together, so a page never points at a missing file.
import { type AuditEvent, Material, type Page, uuidv7 } from '../domain';
import type { z } from 'zod';
import { appendAudit } from './audit';
import { putBlob, type NewBlob } from './blobs';
import { getDb } from './connection';
import { StorageError } from './errors';
import { writeTransaction } from './transaction';
import { parseInput, parseRow, parseRows } from './validate';
import { openRows } from './sealing';

export type MaterialInput = z.input<typeof Material>;

const toMaterial = (row: unknown) => parseRow(Material, row, '材料', 'materials');

export async function getMaterial(id: string): Promise<Material | undefined> {
  const row = await getDb().materials.get(id);
  return row && toMaterial(row);
}

export async function listMaterials(caseId: string): Promise<Material[]> {
  const rows = await getDb().materials.where('caseId').equals(caseId).toArray();
  await openRows(rows);
  return parseRows(Material, rows, 'materials');
}

export interface AddPageInput {
  caseId: string;
  requirementId: string;
  page: Page;
  /** The page's file; its sha256 must equal page.sha256. */
  blob: NewBlob;
  audit?: AuditEvent | AuditEvent[];
  now?: number;
}

/**
 * Appends a captured page to the case's material for `requirementId` (creating the material on
 * the first page) and stores its file — one transaction. Adding the same file twice is a no-op.
 */
export async function addMaterialPage({
  caseId,
  requirementId,
  page,
  blob,
  audit = [],
  now = Date.now(),
}: AddPageInput): Promise<Material> {
  if (blob.sha256 !== page.sha256) throw new StorageError('storage.invalid', '照片摘要与文件不符');
  return writeTransaction(['materials', 'blobs', 'audit'], async (db) => {
    const existing = await db.materials.where('[caseId+requirementId]').equals([caseId, requirementId]).first();
    const base: MaterialInput = existing ?? {
      id: uuidv7(now),
      caseId,
      requirementId,
      pages: [],
      data: {},
      updatedAt: now,
    };
    const pages = base.pages ?? [];
    const material = parseInput(
      Material,
      {
        ...base,
        pages: pages.some((p) => p.sha256 === page.sha256) ? pages : [...pages, page],
        updatedAt: now,
      },
      '材料',
    );
    await putBlob(blob.sha256, blob.mime, blob.data, now);
    await db.materials.put(material);
    await appendAudit(audit);
    return material;
  });
}

/** Removes one page (by file hash) from a material; the file itself is kept until no one uses it. */
export async function deleteMaterialPage(
  materialId: string,
  sha256: string,
  audit: AuditEvent | AuditEvent[] = [],
  now = Date.now(),
): Promise<Material> {
  return writeTransaction(['materials', 'audit'], async (db) => {
    const row = await db.materials.get(materialId);
    if (!row) throw new StorageError('storage.not_found', '找不到这份材料');
    const material = toMaterial({ ...row, pages: row.pages.filter((p) => p.sha256 !== sha256), updatedAt: now });
    await db.materials.put(material);
    await appendAudit(audit);
    return material;
  });
}

/** Moves a page to a new position (pages keep the order the reviewer reads them in). */
export async function moveMaterialPage(
  materialId: string,
  from: number,
  to: number,
  now = Date.now(),
): Promise<Material> {
  return writeTransaction(['materials'], async (db) => {
    const row = await db.materials.get(materialId);
    if (!row) throw new StorageError('storage.not_found', '找不到这份材料');
    const pages = [...row.pages];
    const [moved] = pages.splice(from, 1);
    if (!moved || to < 0 || to > pages.length) throw new StorageError('storage.invalid', '页码超出范围');
    pages.splice(to, 0, moved);
    const material = toMaterial({ ...row, pages, updatedAt: now });
    await db.materials.put(material);
    return material;
  });
}
