// Restore on a new or wiped tablet: pages of the server's snapshot (the scope's open cases with
// their materials, persons, decisions and rectifications) are merged into the device, each page
// with its progress in ONE transaction, so an interrupted restore resumes at the next page and
// nothing is applied twice. Local work is never overwritten: a case with unsent or refused outbox
// entries, or a local copy as new as the server's, keeps its rows; a staler copy only takes the
// server-owned fields (status, version, dates), as a pulled change would. Persons merge field by
// field (mergePerson). Rows go through the same Dexie tables, so they are sealed at rest.
import { z } from 'zod';
import { Case, Decision, Material, Rectification, materialSignatures } from '../domain';
import type { SnapshotPage } from '../domain/api/sync';
import { makeAudit } from './audit';
import { PINYIN_BACKFILL_KEY, type OutboxState } from './db';
import { mergeServerPerson } from './server-person';
import { writeTransaction } from './transaction';
import { parseInput, parseRow } from './validate';
import { markBlobUploaded, putBlob } from './blobs';

/** syncState key. DO NOT RENAME: devices in the field hold it. */
export const RESTORE_KEY = 'restore';

const Progress = z.object({ after: z.string().nullable(), done: z.boolean(), asOf: z.number() });
export type RestoreProgress = z.infer<typeof Progress>;

/** Where a restore stands: undefined before the first page, `done` once the last page is stored. */
export async function restoreProgress(): Promise<RestoreProgress | undefined> {
  return writeTransaction(['syncState'], async (db) => {
    const row = await db.syncState.get(RESTORE_KEY);
    return row && parseRow(Progress, row.value, '恢复进度', 'settings');
  });
}

export interface RestoreSummary {
  /** Cases added to the device. */
  added: string[];
  /** Existing cases whose server status/version moved forward. */
  advanced: string[];
  /** Existing cases left as they are (local work, or already current). */
  kept: string[];
  /** Photo and signature hashes the restored cases need (downloaded later). */
  blobs: string[];
}

/** Outbox states that mean "this device still owes the server something for this case". */
const UNSENT: OutboxState[] = ['pending', 'sending', 'failed', 'rejected'];

const blobsOf = (materials: readonly Material[]) =>
  materials.flatMap((m) => [...m.pages.map((p) => p.sha256), ...materialSignatures(m).map((s) => s.sha256)]);

export async function applySnapshotPage(page: SnapshotPage, now = Date.now()): Promise<RestoreSummary> {
  const summary: RestoreSummary = { added: [], advanced: [], kept: [], blobs: [] };
  const tables = [
    'cases',
    'materials',
    'persons',
    'decisions',
    'rectifications',
    'outbox',
    'audit',
    'settings',
    'syncState',
  ] as const;
  return writeTransaction([...tables], async (db) => {
    const stored = await db.syncState.get(RESTORE_KEY);
    const progress = stored && parseRow(Progress, stored.value, '恢复进度', 'settings');
    const first = page.cases[0]?.case.id;
    // A page at or before the stored position was applied already (a retried request).
    if (progress?.done || (progress?.after && first !== undefined && first <= progress.after)) return summary;

    let newPersons = false;
    for (const sc of page.cases) {
      const server = parseInput(Case, sc.case, '办件');
      const local = await db.cases.get(server.id);
      const unsent = (await db.outbox.where('caseId').equals(server.id).toArray()).some((o) =>
        UNSENT.includes(o.state),
      );
      if (!local) {
        await db.cases.put(server);
        await db.materials.bulkPut(sc.materials.map((m) => parseInput(Material, m, '材料')));
        await db.audit.add(
          makeAudit({
            entity: 'case',
            entityId: server.id,
            caseId: server.id,
            action: 'case.restore',
            to: server.status,
            actor: { role: 'system', id: 'server' },
            at: now,
          }),
        );
        summary.added.push(server.id);
        summary.blobs.push(...blobsOf(sc.materials));
      } else if (!unsent && local.baseVersion < server.baseVersion) {
        await db.cases.put({
          ...local,
          status: server.status,
          baseVersion: server.baseVersion,
          revision: Math.max(local.revision, server.revision),
          updatedAt: Math.max(local.updatedAt, server.updatedAt),
          ...(server.dueOn ? { dueOn: server.dueOn } : {}),
          ...(server.acceptedOn ? { acceptedOn: server.acceptedOn } : {}),
        });
        summary.advanced.push(server.id);
      } else {
        summary.kept.push(server.id);
      }
      for (const d of sc.decisions) await db.decisions.put(parseInput(Decision, d, '审核决定'));
      for (const r of sc.rectifications) {
        const rect = parseInput(Rectification, r, '整改');
        const mine = await db.rectifications.get(rect.id);
        // A rectification only goes open → closed: a closed copy is never reopened.
        if (!mine || mine.status === 'open') await db.rectifications.put(rect);
      }
      for (const p of sc.persons) if (await mergeServerPerson(db, p)) newPersons = true;
    }
    if (newPersons) await db.settings.put({ key: PINYIN_BACKFILL_KEY, value: true });
    const next: RestoreProgress = { after: page.next, done: page.next === null, asOf: page.asOf };
    await db.syncState.put({ key: RESTORE_KEY, value: next });
    return summary;
  });
}

/** Hashes among `sha256s` not stored on this device. */
export async function blobsMissing(sha256s: readonly string[]): Promise<string[]> {
  return writeTransaction(['blobs'], async (db) => {
    const unique = [...new Set(sha256s)];
    const present = await db.blobs.where('sha256').anyOf(unique).primaryKeys();
    const have = new Set(present);
    return unique.filter((h) => !have.has(h));
  });
}

/** Hashes of every material file of the device's cases that is not on the device (photos to fetch). */
export async function missingCaseBlobs(caseId?: string): Promise<string[]> {
  const hashes = await writeTransaction(['materials'], async (db) => {
    const rows = caseId ? await db.materials.where('caseId').equals(caseId).toArray() : await db.materials.toArray();
    return blobsOf(rows);
  });
  return blobsMissing(hashes);
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores a file fetched from the server if its bytes match its hash (then it counts as uploaded:
 *  the server has it). False for a mismatch: nothing is stored. */
export async function storeDownloadedBlob(sha256: string, mime: string, data: ArrayBuffer, now = Date.now()) {
  if ((await sha256Hex(data)) !== sha256) return false;
  await putBlob(sha256, mime, data, now);
  await markBlobUploaded(sha256, now);
  return true;
}
