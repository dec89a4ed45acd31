// Content-addressed files (photos, signatures): the SHA-256 of the bytes is the key, so storing
// the same photo twice is a no-op. The caller computes the hash (image worker / src/workers/hash).
import { SHA256_PATTERN } from '../domain';
import { getDb } from './connection';
import type { BlobRow } from './db';
import { StorageError } from './errors';

export interface NewBlob {
  sha256: string;
  mime: string;
  data: ArrayBuffer;
}

/** Stores a file once (idempotent); joins the caller's transaction when called inside one. */
export async function putBlob(sha256: string, mime: string, data: ArrayBuffer, now = Date.now()): Promise<void> {
  if (!SHA256_PATTERN.test(sha256)) throw new StorageError('storage.invalid', '文件摘要格式不正确');
  const db = getDb();
  await db.transaction('rw', db.blobs, async () => {
    if (await db.blobs.get(sha256)) return;
    await db.blobs.add({ sha256, mime, bytes: data.byteLength, data, createdAt: now });
  });
}

export const getBlob = (sha256: string): Promise<BlobRow | undefined> => getDb().blobs.get(sha256);

export const hasBlob = async (sha256: string): Promise<boolean> =>
  (await getDb().blobs.where('sha256').equals(sha256).count()) > 0;

/** Sync calls this once the server holds the whole file. */
export async function markBlobUploaded(sha256: string, at = Date.now()): Promise<void> {
  await getDb().blobs.update(sha256, { uploadedAt: at });
}

/** The hashes among `sha256s` that are stored here but not yet uploaded. */
export async function blobsToUpload(sha256s: string[]): Promise<string[]> {
  const rows = await getDb().blobs.bulkGet(sha256s);
  return rows.flatMap((r) => (r && r.uploadedAt === undefined ? [r.sha256] : []));
}

/** Every hash still referenced by a material page, a signature or an ID-card photo. */
async function referencedHashes(): Promise<Set<string>> {
  const db = getDb();
  const used = new Set<string>();
  await db.materials.each((m) => {
    for (const p of m.pages ?? []) used.add(p.sha256);
    if (m.signature) used.add(m.signature.sha256);
    for (const s of m.signatures ?? []) used.add(s.sha256);
  });
  await db.persons.each((p) => {
    if (p.idCard?.frontPhoto) used.add(p.idCard.frontPhoto);
    if (p.idCard?.backPhoto) used.add(p.idCard.backPhoto);
  });
  return used;
}

/** Deletes files nothing refers to any more (a retaken photo, a deleted draft); returns how many. */
export async function deleteOrphanBlobs(): Promise<number> {
  const db = getDb();
  return db.transaction('rw', [db.blobs, db.materials, db.persons], async () => {
    const used = await referencedHashes();
    const orphans = (await db.blobs.toCollection().primaryKeys()).filter((h) => !used.has(h));
    await db.blobs.bulkDelete(orphans);
    return orphans.length;
  });
}

/** How much the stored files take (for the storage panel and the low-space warning). */
export async function blobUsage(): Promise<{ count: number; bytes: number; notUploaded: number }> {
  let count = 0,
    bytes = 0,
    notUploaded = 0;
  // Reads only the small fields of each row is not possible in IDB; each() streams them.
  await getDb().blobs.each((b) => {
    count++;
    bytes += b.bytes;
    if (b.uploadedAt === undefined) notUploaded++;
  });
  return { count, bytes, notUploaded };
}
