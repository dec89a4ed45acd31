// What the first screen reads (issue 13): the boot's device id and session (and the login's
// two writes: a new device's database with its id, the session), the case list's first
// page, its count and its applicants' names, the item names the county published, the sync badge's
// counts. While Dexie is not loaded (until the first rows are on screen) they are read straight
// from IndexedDB (quick-read.ts), opened and checked as the Dexie repositories do; otherwise, or
// when the quick path cannot answer, the Dexie repository answers (loaded then). No schema: rows
// were validated when written.
import type { Case, CaseStatus } from '../domain/schemas/case';
import type { CaseFilter, CaseQuery } from './cases';
import type { KeyValueRow, OutboxRow } from './db';
import { allowedStatuses, listedCases, namesOf, OPEN_STATES } from './list-checks';
import { uuidv7 } from '../domain/ids';
import { allOf, countOf, createQuickDb, getOne, newestOf, quickPut, quickRead, startingWith } from './quick-read';
import { openRows, openStoredRow, sealStoredRow } from './sealing';
import { hashList, SETTING_KEYS, SYNC_KEYS } from './setting-keys';
import { readRows } from './validate';

/**
 * Rows of a settings / syncState table by key (undefined for a missing one), read in one
 * transaction and opened together, or undefined: ask Dexie.
 */
const keyValues = async (table: 'settings' | 'syncState', keys: readonly string[]) => {
  const rows = await quickRead(table, (s) =>
    Promise.all(
      keys.map(async (key) => {
        const row = await getOne(s, key);
        return (row === undefined ? undefined : openStoredRow(table, 'key', row)) as KeyValueRow | undefined;
      }),
    ),
  );
  // Opened by WebCrypto: AES-GCM's own module loads only with Dexie (cipher.ts).
  await openRows(rows ?? []);
  return rows;
};

/** One row read quickly ({ row } even when missing), or undefined: ask Dexie. */
const keyValue = async (table: 'settings' | 'syncState', key: string) => {
  const rows = await keyValues(table, [key]);
  return rows && { row: rows[0] };
};

// ---- boot ----

/**
 * This device's id, generated once. A new device creates its database here, with the id, as Dexie
 * would (quick-read.ts): the login screen needs no Dexie either. Otherwise settings.ts (Dexie).
 */
export async function getDeviceId(): Promise<string> {
  return deviceIdOf(await keyValue('settings', SETTING_KEYS.deviceId));
}

/** The id in `quick` (a quick read's answer, undefined when there was none), or a new one. */
async function deviceIdOf(quick: { row?: KeyValueRow } | undefined): Promise<string> {
  const stored = quick?.row?.value;
  if (typeof stored === 'string') return stored;
  const id = uuidv7();
  if (!quick && (await createQuickDb({ settings: [{ key: SETTING_KEYS.deviceId, value: id }] }))) return id;
  return (await import('./settings')).getDeviceId();
}

/** The stored session as written (see settings.ts). */
export async function getStoredSession(): Promise<unknown> {
  const quick = await keyValue('settings', SETTING_KEYS.session);
  return quick ? quick.row?.value : (await import('./settings')).getStoredSession();
}

/**
 * The boot's two reads in one request each of one transaction, opened together: this device's id
 * and the stored session (each read alone cost a round of IndexedDB and WebCrypto at start, issue
 * 13). A device without its id yet (a new one) goes the way of getDeviceId, then reads the session.
 * A session that cannot be opened reads as none (the login asks again).
 */
export async function bootReads(): Promise<{ deviceId: string; session: unknown }> {
  const rows = await keyValues('settings', [SETTING_KEYS.deviceId, SETTING_KEYS.session]);
  const [idRow, sessionRow] = rows ?? [];
  if (typeof idRow?.value !== 'string') {
    const deviceId = await deviceIdOf(rows && { row: idRow });
    return { deviceId, session: await getStoredSession().catch(() => undefined) };
  }
  let session: unknown;
  try {
    session = sessionRow?.value;
  } catch {
    session = undefined;
  }
  return { deviceId: idRow.value, session };
}

/** Stores the signed-in session, sealed (settings.ts's saveSession, without Dexie when it is not loaded). */
export async function saveSession(session: unknown): Promise<void> {
  const row = { key: SETTING_KEYS.session, value: session };
  if (!(await quickPut('settings', [await sealStoredRow('settings', 'key', row)])))
    await (await import('./settings')).saveSession(session);
}

/** Hashes of logout tokens still to revoke on the server. */
export async function pendingLogouts(): Promise<string[]> {
  const quick = await keyValue('settings', SETTING_KEYS.pendingLogouts);
  return quick ? hashList(quick.row?.value) : (await import('./settings')).pendingLogouts();
}

export async function getLastSyncAt(): Promise<number | undefined> {
  const quick = await keyValue('syncState', SYNC_KEYS.lastSyncAt);
  if (!quick) return (await import('./settings')).getLastSyncAt();
  const at = quick.row?.value;
  return typeof at === 'number' ? at : undefined;
}

// ---- the case list ----

const given = (o: object) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);

/** The list's own filters, alone or together: one status (返回 is one), one item. */
interface ListFilter {
  status?: CaseStatus;
  itemCode?: string;
}

const LIST_FILTER_KEYS = new Set(['status', 'returned', 'itemCode', 'offset', 'limit']);

/** `filter` as the list's own filters, or undefined for any other (Dexie answers those). */
function listFilterOf(filter: CaseFilter): ListFilter | undefined {
  if (filter.returned === false || !given(filter).every((k) => LIST_FILTER_KEYS.has(k))) return undefined;
  const statuses = allowedStatuses(filter);
  if (statuses && statuses.length !== 1) return undefined; // none allowed, or several: Dexie
  return {
    ...(statuses && { status: statuses[0] }),
    ...(filter.itemCode !== undefined && { itemCode: filter.itemCode }),
  };
}

/** An item's cases (of one status), newest first: read whole by the item's index and sorted (an
 *  item has a few hundred cases on a 10,000-case tablet; walking a status instead may pass thousands). */
async function itemCases(s: IDBObjectStore, itemCode: string, status: CaseStatus | undefined): Promise<Case[]> {
  const rows = (await allOf(s.index('itemCode'), itemCode)).map((r) => openStoredRow('cases', 'id', r) as Case);
  // Ties as an index walked backwards has them: the higher id first.
  return rows
    .filter((c) => status === undefined || c.status === status)
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
}

/** A page of cases under `f`, newest first, from the cases store. */
async function pageOf(s: IDBObjectStore, f: ListFilter, offset: number, limit: number): Promise<Case[]> {
  if (f.itemCode !== undefined) return (await itemCases(s, f.itemCode, f.status)).slice(offset, offset + limit);
  const rows =
    f.status === undefined
      ? await newestOf(s.index('updatedAt'), offset, limit)
      : await newestOf(s.index('[status+updatedAt]'), offset, limit, startingWith(f.status));
  return rows.map((r) => openStoredRow('cases', 'id', r) as Case);
}

/** How many cases `f` matches, by an index count where one answers. */
async function countOfFilter(s: IDBObjectStore, f: ListFilter): Promise<number> {
  if (f.itemCode !== undefined)
    return f.status === undefined
      ? countOf(s.index('itemCode'), f.itemCode)
      : (await itemCases(s, f.itemCode, f.status)).length;
  return f.status === undefined ? countOf(s) : countOf(s.index('status'), f.status);
}

/**
 * Cases matching the query, newest first (cases.ts). Read quickly while Dexie is not loaded: the
 * unfiltered list and the list's status and item filters (a filter changed before Dexie has
 * loaded would otherwise wait for it: ≈ 250 ms on 10,000 cases at 4×, issue 13).
 */
export async function listCases(query: CaseQuery = {}): Promise<Case[]> {
  const f = listFilterOf(query);
  const rows = f && (await quickRead('cases', (s) => pageOf(s, f, query.offset ?? 0, query.limit ?? 50)));
  return rows ? listedCases(rows) : (await import('./cases')).listCases(query);
}

/** How many cases match (cases.ts; quickly under the list's own filters). */
export async function countCases(filter: CaseFilter = {}): Promise<number> {
  const f = listFilterOf(filter);
  const quick = f && (await quickRead('cases', (s) => countOfFilter(s, f)));
  return quick ?? (await import('./cases')).countCases(filter);
}

/** Applicants' names for a page of the list (person-names.ts). */
export async function personNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = await quickRead('persons', (s) => Promise.all(unique.map((id) => getOne(s, id))));
  if (!rows) return (await import('./person-names')).personNames(ids);
  return namesOf(rows.filter((r) => r !== undefined).map((r) => openStoredRow('persons', 'id', r)));
}

/** The stored (pulled) catalogue items, unchecked: the list takes their names. */
export async function storedCatalogItems(): Promise<Array<{ code: string; version: number; name: string }>> {
  const quick = await quickRead('catalog', (s) => allOf(s));
  const rows = (quick ?? (await (await import('./connection')).getDb().catalog.toArray())) as Array<{
    code: string;
    version: number;
    name: string;
  }>;
  return readRows(rows, 'catalog');
}

// ---- the sync badge ----

/** Unsent entries (outbox-reads.ts). */
export async function pendingCount(): Promise<number> {
  const quick = await quickRead('outbox', (s) => Promise.all(OPEN_STATES.map((st) => countOf(s.index('state'), st))));
  return quick ? quick.reduce((a, b) => a + b, 0) : (await import('./outbox-reads')).pendingCount();
}

/** Failed and rejected entries, oldest first (outbox-reads.ts). */
export async function listProblems(): Promise<OutboxRow[]> {
  const quick = await quickRead('outbox', async (s) =>
    (await Promise.all(['failed', 'rejected'].map((st) => allOf(s.index('state'), st)))).flat(),
  );
  if (!quick) return (await import('./outbox-reads')).listProblems();
  const rows = quick.map((r) => openStoredRow('outbox', 'id', r) as OutboxRow);
  await openRows(rows);
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}
