// The device database: one Dexie class owning every schema version and upgrade.
//
// DO NOT CHANGE A SHIPPED VERSION WITHOUT A MIGRATION. Tablets in the field hold data in every
// version below: add a new `this.version(n + 1)` with an upgrade instead of editing an old one.
// tests/storage/migration.test.ts opens a version-1 database and checks the upgrade.
import Dexie, { type Table } from 'dexie';
import type { AuditEvent, Case, Decision, Material, Mutation, Person, Rectification, ServiceItem } from '../domain';
import { nameCharKeys } from './name-keys';
import { runReadyTasks } from './ready-tasks';
import { ROW_SCHEMA_VERSIONS, rowVersionMiddleware, VERSIONED_TABLES } from './row-versions';
import { SEAL_ROWS_KEY, sealPendingRows } from './seal-rows';
import { sealingMiddleware } from './sealing';
import { hasDataKey, whenUnlocked } from './vault';
import { loadCipher } from './cipher';
import { DB_NAME } from './db-meta';

/** A person as stored: the profile plus search keys (pinyin initials, full pinyin, name chars),
 *  sealed with it; `search` holds their blind-index tokens (sealing.ts computes them). */
export type PersonRow = Person & { initials: string[]; search?: string[] };

/** Content-addressed file. ArrayBuffer, not Blob: some WebKit versions lose Blobs in IndexedDB. */
export interface BlobRow {
  sha256: string;
  mime: string;
  bytes: number;
  data: ArrayBuffer;
  createdAt: number;
  /** Set once the township server has the whole file (sync's blob upload). */
  uploadedAt?: number;
}

export type OutboxState = 'pending' | 'sending' | 'failed' | 'rejected' | 'done';

export interface OutboxError {
  code: string;
  message: string;
}

/** One mutation waiting to reach the server. `id` is the mutation id (the idempotency key). */
export interface OutboxRow {
  id: string;
  mutation: Mutation;
  state: OutboxState;
  attempts: number;
  lastError?: OutboxError;
  /** Earliest time to (re)send; for `sending`, the end of the sender's lease. */
  nextAttemptAt: number;
  caseId: string;
  createdAt: number;
  updatedAt: number;
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

export class DaibanDb extends Dexie {
  catalog!: Table<ServiceItem, string>;
  /** Every pulled version of every item (a case is checked against the one it was opened with). */
  catalogVersions!: Table<ServiceItem, [string, number]>;
  persons!: Table<PersonRow, string>;
  cases!: Table<Case, string>;
  materials!: Table<Material, string>;
  blobs!: Table<BlobRow, string>;
  outbox!: Table<OutboxRow, string>;
  audit!: Table<AuditEvent, string>;
  decisions!: Table<Decision, string>;
  rectifications!: Table<Rectification, string>;
  settings!: Table<KeyValueRow, string>;
  syncState!: Table<KeyValueRow, string>;

  constructor(name: string = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // 'strict': a committed transaction is on disk (Chrome's default only reaches the OS).
    super(name, { chromeTransactionDurability: 'strict', ...options });

    // Version 1 (shipped).
    this.version(1).stores({
      catalog: '&code',
      persons: '&id, name, idNumber, phone, villageCode, updatedAt',
      cases: '&id, status, itemCode, applicantId, updatedAt, dueOn, number',
      materials: '&id, caseId, [caseId+requirementId]',
      blobs: '&sha256',
      outbox: '&id, createdAt, state, caseId, [state+createdAt]',
      audit: '&id, caseId, at',
      decisions: '&id, caseId',
      settings: '&key',
      syncState: '&key',
    });

    // Version 2: search persons by pinyin initials / name characters, list cases by status
    // newest-first from one index, keep rectifications pulled from the server.
    this.version(2)
      .stores({
        persons: '&id, name, idNumber, phone, *initials, villageCode, updatedAt',
        cases: '&id, status, itemCode, applicantId, updatedAt, dueOn, number, [status+updatedAt]',
        rectifications: '&id, caseId',
      })
      .upgrade(async (tx) => {
        // Pinyin needs a lazily loaded library, which cannot be awaited inside an upgrade
        // transaction: write the name-character keys now; pinyin-backfill.ts (a ready task,
        // registered by persons.ts) adds the pinyin keys once the database is open in a page.
        await tx
          .table<PersonRow>('persons')
          .toCollection()
          .modify((p) => {
            p.initials = nameCharKeys(p.name);
          });
        await tx.table<KeyValueRow>('settings').put({ key: PINYIN_BACKFILL_KEY, value: true });
      });

    // Version 3: every stored record carries the schema version it was written with
    // (row-versions.ts); rows from before are stamped as version 1 here.
    this.version(3).upgrade(async (tx) => {
      for (const table of VERSIONED_TABLES) {
        await tx
          .table(table)
          .toCollection()
          .modify((row: { schemaVersion?: number }) => {
            row.schemaVersion ??= ROW_SCHEMA_VERSIONS[table];
          });
      }
    });

    // Version 4: encryption at rest (sealing.ts). The plaintext name / ID / phone / pinyin indexes
    // go; persons are found through blind-index tokens (`*search`). The upgrade has no key: rows
    // stay as they are and are sealed at the first unlock (seal-rows.ts, flag below).
    this.version(4)
      .stores({ persons: '&id, villageCode, updatedAt, *search' })
      .upgrade(async (tx) => {
        await tx.table<KeyValueRow>('settings').put({ key: SEAL_ROWS_KEY, value: true });
      });

    // Version 7 (numbered after the server migration of the same change, to stay clear of other
    // branches' numbers): every pulled catalogue version is kept, not only the newest.
    this.version(7)
      .stores({ catalogVersions: '&[code+version], code' })
      .upgrade(async (tx) => {
        const items = await tx.table<ServiceItem>('catalog').toArray();
        await tx.table<ServiceItem>('catalogVersions').bulkPut(items);
      });

    this.use(rowVersionMiddleware);
    this.use(sealingMiddleware);
    // While a user's key is on the device but not unlocked, every query waits here (the page
    // shows the lock screen); then rows from before v4 are sealed and the other tasks run.
    // Sticky: runs at every open, also the reopen after a lock (device-lock.ts).
    this.on(
      'ready',
      async (vipDb) => {
        await whenUnlocked();
        if (!hasDataKey()) return;
        await loadCipher(); // rows are sealed and opened synchronously from now on
        await sealPendingRows(vipDb);
        await runReadyTasks(vipDb);
      },
      true,
    );
  }
}

/** Settings key set by the v2 upgrade while persons still lack their pinyin search keys. */
export const PINYIN_BACKFILL_KEY = 'migration.pinyinBackfill';

/** Every table holding one user's work; cleared on logout (the catalogue and device id stay). */
export const USER_TABLES = [
  'persons',
  'cases',
  'materials',
  'blobs',
  'outbox',
  'audit',
  'decisions',
  'rectifications',
  'syncState',
] as const satisfies ReadonlyArray<keyof DaibanDb>;
