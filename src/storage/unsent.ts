// What would be lost if this user's data were wiped now (a revoked session, a disabled account):
// the cases with work the server has not accepted, and local drafts. The export writes all of the
// user's tables to one JSON file (files as base64) for the township to import or inspect.
import { getDb } from './connection';
import { USER_TABLES } from './db';

/** Outbox states whose work the server does not have (a rejection is not accepted either). */
const UNSENT_STATES = ['pending', 'sending', 'failed', 'rejected'];

export interface UnsentWork {
  /** Cases with at least one mutation the server has not accepted. */
  cases: number;
  /** Cases never submitted (draft, ready): they exist only on this device. */
  drafts: number;
}

export async function unsentWork(): Promise<UnsentWork> {
  const db = getDb();
  return db.transaction('r', db.outbox, db.cases, async () => {
    const entries = await db.outbox.where('state').anyOf(UNSENT_STATES).toArray();
    const drafts = await db.cases.where('status').anyOf(['draft', 'ready']).count();
    return { cases: new Set(entries.map((e) => e.caseId)).size, drafts };
  });
}

function base64(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/** Every user table as one JSON document, built in parts (photos can be large). */
export async function exportUserData(meta: Record<string, unknown>): Promise<Blob> {
  const db = getDb();
  const parts: string[] = [`{"format":"daiban-device-export","version":1,"meta":${JSON.stringify(meta)}`];
  for (const table of USER_TABLES) {
    const rows = await db.table(table).toArray();
    parts.push(`,${JSON.stringify(table)}:[`);
    rows.forEach((row: Record<string, unknown>, i) => {
      const value = row.data instanceof ArrayBuffer ? { ...row, data: base64(row.data) } : row;
      parts.push(`${i > 0 ? ',' : ''}${JSON.stringify(value)}`);
    });
    parts.push(']');
  }
  parts.push('}');
  return new Blob(parts, { type: 'application/json' });
}
