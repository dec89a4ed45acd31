// Blob bookkeeping: complete files, unfinished uploads (one per file and uploader), who uploaded
// a file and which cases reference it. The bytes themselves live on disk (see server/blobs).
import type { Sql } from '../sql';
import type { BlobRecord, Repositories, UploadRecord, Visibility } from '../store';
import { ownedBy } from './visibility';

interface BlobRow {
  sha256: string;
  size: number;
  mime: string | null;
  created_at: number;
  completed_at: number | null;
}

interface UploadRow {
  sha256: string;
  user_id: string;
  size: number;
  received: number;
  verified_mime: string | null;
  created_at: number;
  updated_at: number;
}

const UPLOAD_COLUMNS = `sha256, user_id, size, received, verified_mime, created_at, updated_at`;

const toUpload = (r: UploadRow): UploadRecord => ({
  sha256: r.sha256,
  userId: r.user_id,
  size: Number(r.size),
  received: Number(r.received),
  verifiedMime: r.verified_mime,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** "The user uploaded it, or may see a case that references it", for blob alias `b`. */
function usableBy(userId: string, visibility: Visibility) {
  const scope = ownedBy(visibility, 'c');
  return {
    sql: `(EXISTS (SELECT 1 FROM blob_owners o WHERE o.sha256 = b.sha256 AND o.user_id = ?)
      OR EXISTS (SELECT 1 FROM case_blobs cb JOIN cases c ON c.id = cb.case_id WHERE cb.sha256 = b.sha256 AND ${scope.sql}))`,
    params: [userId, ...scope.params],
  };
}

export function blobRepo(sql: Sql): Repositories['blobs'] {
  return {
    async get(sha256) {
      const r = await sql.get<BlobRow>(
        `SELECT sha256, size, mime, created_at, completed_at FROM blobs WHERE sha256 = ? AND complete = 1`,
        [sha256],
      );
      return (
        r &&
        ({
          sha256: r.sha256,
          size: Number(r.size),
          mime: r.mime,
          createdAt: Number(r.created_at),
          completedAt: r.completed_at === null ? null : Number(r.completed_at),
        } satisfies BlobRecord)
      );
    },
    async complete(sha256, size, mime, now) {
      await sql.run(
        `INSERT INTO blobs (sha256, size, mime, received, complete, created_at, completed_at) VALUES (?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (sha256) DO NOTHING`,
        [sha256, size, mime, size, now, now],
      );
    },
    async addOwner(sha256, userId) {
      await sql.run(
        `INSERT INTO blob_owners (sha256, user_id) VALUES (?, ?) ON CONFLICT (sha256, user_id) DO NOTHING`,
        [sha256, userId],
      );
    },
    async mayRead(sha256, userId, visibility) {
      const usable = usableBy(userId, visibility);
      const row = await sql.get(
        `SELECT 1 AS one FROM blobs b WHERE b.sha256 = ? AND b.complete = 1 AND ${usable.sql}`,
        [sha256, ...usable.params],
      );
      return row !== undefined;
    },
    async unavailable(hashes, userId, visibility) {
      const unique = [...new Set(hashes)];
      if (unique.length === 0) return [];
      const usable = usableBy(userId, visibility);
      const rows = await sql.all<{ sha256: string }>(
        `SELECT b.sha256 FROM blobs b WHERE b.complete = 1 AND b.sha256 IN (${placeholders(unique.length)}) AND ${usable.sql}`,
        [...unique, ...usable.params],
      );
      const usableHashes = new Set(rows.map((r) => r.sha256));
      return unique.filter((h) => !usableHashes.has(h));
    },
    async linkToCase(caseId, hashes) {
      // A statement per 500 files, not per file (well under every driver's parameter limit).
      const unique = [...new Set(hashes)];
      for (let i = 0; i < unique.length; i += 500) {
        const part = unique.slice(i, i + 500);
        await sql.write(
          `INSERT INTO case_blobs (case_id, sha256) VALUES ${part.map(() => '(?, ?)').join(', ')} ON CONFLICT (case_id, sha256) DO NOTHING`,
          part.flatMap((h) => [caseId, h]),
        );
      }
    },

    async upload(sha256, userId) {
      const r = await sql.get<UploadRow>(
        `SELECT ${UPLOAD_COLUMNS} FROM blob_uploads WHERE sha256 = ? AND user_id = ?`,
        [sha256, userId],
      );
      return r && toUpload(r);
    },
    async uploadsOf(sha256) {
      const rows = await sql.all<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM blob_uploads WHERE sha256 = ?`, [sha256]);
      return rows.map(toUpload);
    },
    async beginUpload(sha256, userId, size, now) {
      await sql.run(
        `INSERT INTO blob_uploads (sha256, user_id, size, received, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT (sha256, user_id) DO UPDATE SET size = excluded.size, received = 0, verified_mime = NULL, updated_at = excluded.updated_at`,
        [sha256, userId, size, now, now],
      );
    },
    async setUploadReceived(sha256, userId, received, now) {
      await sql.run(
        `UPDATE blob_uploads SET received = ?, verified_mime = NULL, updated_at = ? WHERE sha256 = ? AND user_id = ?`,
        [received, now, sha256, userId],
      );
    },
    async markVerified(sha256, userId, mime, now) {
      await sql.run(`UPDATE blob_uploads SET verified_mime = ?, updated_at = ? WHERE sha256 = ? AND user_id = ?`, [
        mime,
        now,
        sha256,
        userId,
      ]);
    },
    async dropUpload(sha256, userId) {
      await sql.run(`DELETE FROM blob_uploads WHERE sha256 = ? AND user_id = ?`, [sha256, userId]);
    },
    async pendingBytes(userId, except) {
      const row = await sql.get<{ total: number | null }>(
        `SELECT SUM(size) AS total FROM blob_uploads WHERE user_id = ? AND sha256 <> ?`,
        [userId, except ?? ''],
      );
      return Number(row?.total ?? 0);
    },
    async staleUploads(before, limit) {
      const rows = await sql.all<UploadRow>(
        `SELECT ${UPLOAD_COLUMNS} FROM blob_uploads WHERE updated_at < ? ORDER BY updated_at LIMIT ?`,
        [before, limit],
      );
      return rows.map(toUpload);
    },
  };
}
