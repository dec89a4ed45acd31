// Blob bookkeeping: upload progress, completion, who uploaded and which cases reference a blob.
// The bytes themselves live on disk (see server/blobs).
import type { Sql } from '../sql';
import type { BlobRecord, Repositories } from '../store';
import { ownedBy } from './visibility';

interface BlobRow {
  sha256: string;
  size: number;
  mime: string | null;
  received: number;
  complete: number;
  created_at: number;
  completed_at: number | null;
}

export function blobRepo(sql: Sql): Repositories['blobs'] {
  return {
    async get(sha256) {
      const r = await sql.get<BlobRow>(
        `SELECT sha256, size, mime, received, complete, created_at, completed_at FROM blobs WHERE sha256 = ?`,
        [sha256],
      );
      return (
        r &&
        ({
          sha256: r.sha256,
          size: Number(r.size),
          mime: r.mime,
          received: Number(r.received),
          complete: Number(r.complete) === 1,
          createdAt: Number(r.created_at),
          completedAt: r.completed_at === null ? null : Number(r.completed_at),
        } satisfies BlobRecord)
      );
    },
    async begin(sha256, size, now) {
      await sql.run(
        `INSERT INTO blobs (sha256, size, received, complete, created_at) VALUES (?, ?, 0, 0, ?)
         ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, received = 0 WHERE blobs.complete = 0`,
        [sha256, size, now],
      );
    },
    async setReceived(sha256, received) {
      await sql.run(`UPDATE blobs SET received = ? WHERE sha256 = ? AND complete = 0`, [received, sha256]);
    },
    async complete(sha256, mime, now) {
      await sql.run(`UPDATE blobs SET complete = 1, received = size, mime = ?, completed_at = ? WHERE sha256 = ?`, [
        mime,
        now,
        sha256,
      ]);
    },
    async addOwner(sha256, userId) {
      await sql.run(
        `INSERT INTO blob_owners (sha256, user_id) VALUES (?, ?) ON CONFLICT (sha256, user_id) DO NOTHING`,
        [sha256, userId],
      );
    },
    async isOwner(sha256, userId) {
      return (
        (await sql.get(`SELECT 1 AS one FROM blob_owners WHERE sha256 = ? AND user_id = ?`, [sha256, userId])) !==
        undefined
      );
    },
    async missing(hashes) {
      const unique = [...new Set(hashes)];
      if (unique.length === 0) return [];
      const rows = await sql.all<{ sha256: string }>(
        `SELECT sha256 FROM blobs WHERE complete = 1 AND sha256 IN (${unique.map(() => '?').join(', ')})`,
        unique,
      );
      const present = new Set(rows.map((r) => r.sha256));
      return unique.filter((h) => !present.has(h));
    },
    async linkToCase(caseId, hashes) {
      for (const h of new Set(hashes)) {
        await sql.run(
          `INSERT INTO case_blobs (case_id, sha256) VALUES (?, ?) ON CONFLICT (case_id, sha256) DO NOTHING`,
          [caseId, h],
        );
      }
    },
    async visibleThroughCase(sha256, visibility) {
      const scope = ownedBy(visibility, 'c');
      const row = await sql.get(
        `SELECT 1 AS one FROM case_blobs cb JOIN cases c ON c.id = cb.case_id WHERE cb.sha256 = ? AND ${scope.sql} LIMIT 1`,
        [sha256, ...scope.params],
      );
      return row !== undefined;
    },
  };
}
