// Encryption at rest in the database: which columns hold personal data (sealed by the
// repositories through a RecordCipher, crypto/envelope.ts), the index key for keyed hashes, and
// the passes over existing rows — seal what is still in clear (data from before), re-wrap data
// keys under the current master key (rotation). Every pass is resumable and idempotent: it picks
// rows by what they hold (clear text, or an envelope under another key) and writes each with a
// compare-and-set, so it never overwrites a row the server changed meanwhile.
import { randomBytes } from 'node:crypto';
import type { Person } from '../../domain';
import { EnvelopeCipher, ENVELOPE_PREFIX, openText, sealText, rewrapText, type RecordCipher } from '../crypto/envelope';
import { KeyError, loadKeyRing, type KeyRing, type KeySettings } from '../crypto/key-ring';
import type { Sql, SqlDatabase, SqlValue } from './sql';

interface SealedColumn {
  table: string;
  keys: string[];
  column: string;
  /** Rows of the table that stay in clear (not personal: the public catalogue in the change feed). */
  clearWhere?: string;
}

/** Every column that holds personal data (or free text that may), sealed value by value. */
const COLUMNS: SealedColumn[] = [
  { table: 'persons', keys: ['id'], column: 'data' },
  { table: 'cases', keys: ['id'], column: 'data' },
  { table: 'case_revisions', keys: ['case_id', 'revision'], column: 'submission' },
  { table: 'materials', keys: ['id'], column: 'data' },
  { table: 'decisions', keys: ['id'], column: 'data' },
  { table: 'ratings', keys: ['id'], column: 'data' },
  { table: 'rectifications', keys: ['id'], column: 'data' },
  { table: 'applied_mutations', keys: ['mutation_id'], column: 'result' },
  { table: 'changes', keys: ['seq'], column: 'payload', clearWhere: `type = 'catalog.item'` },
  { table: 'crypto_keys', keys: ['purpose'], column: 'sealed' },
  { table: 'feed_chunks', keys: ['scope_key', 'after_seq'], column: 'body' },
];

/** The AAD label of each sealed column: "table.column". */
export const SEALED = {
  persons: 'persons.data',
  cases: 'cases.data',
  revisions: 'case_revisions.submission',
  materials: 'materials.data',
  decisions: 'decisions.data',
  ratings: 'ratings.data',
  rectifications: 'rectifications.data',
  mutations: 'applied_mutations.result',
  changes: 'changes.payload',
  keys: 'crypto_keys.sealed',
  feedChunks: 'feed_chunks.body',
} as const;

const INDEX_KEY = 'id-index';
/** Set once everything from before encryption at rest is sealed: later starts skip the scan. */
const SEALED_MARK = 'existing-sealed';
const BATCH = 200;

/**
 * The record cipher for a migrated database: the key ring from the settings (a new key file only
 * when the database holds nothing encrypted yet) and the database's index key (made on first use,
 * sealed under the master key). A missing or wrong master key throws KeyError here, at start.
 */
export async function openDatabaseCipher(db: SqlDatabase, settings: KeySettings, now: number) {
  const row = await db.get<{ sealed: string }>(`SELECT sealed FROM crypto_keys WHERE purpose = ?`, [INDEX_KEY]);
  const { ring, created } = loadKeyRing(settings, row === undefined);
  let sealed = row?.sealed;
  if (sealed === undefined) {
    sealed = sealText(ring, SEALED.keys, randomBytes(32).toString('base64'));
    await db.run(
      `INSERT INTO crypto_keys (purpose, sealed, created_at) VALUES (?, ?, ?) ON CONFLICT (purpose) DO NOTHING`,
      [INDEX_KEY, sealed, now],
    );
    sealed = (await db.get<{ sealed: string }>(`SELECT sealed FROM crypto_keys WHERE purpose = ?`, [INDEX_KEY]))!
      .sealed;
  }
  let indexKey: Buffer;
  try {
    indexKey = Buffer.from(openText(ring, SEALED.keys, sealed), 'base64');
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    throw new KeyError(`cannot open the database's keys with the master key ${ring.currentId}: ${error.message}`);
  }
  return { cipher: new EnvelopeCipher(ring, indexKey), created };
}

const keyMatch = (c: SealedColumn) => c.keys.map((k) => `${k} = ?`).join(' AND ');
const keyList = (c: SealedColumn) => c.keys.join(', ');

type Row = Record<string, SqlValue> & { v: string };

/** Rewrites rows of `c` chosen by `where` with `next(value)` (null = leave), batch by batch, until none is left. */
async function pass(
  db: SqlDatabase,
  c: SealedColumn,
  where: string,
  params: SqlValue[],
  next: (value: string) => { value: string; extra?: Record<string, SqlValue> } | null,
): Promise<number> {
  let changed = 0;
  const skipped = new Set<string>();
  for (;;) {
    const rows = await db.all<Row>(
      `SELECT ${keyList(c)}, ${c.column} AS v FROM ${c.table} WHERE ${where} ORDER BY ${keyList(c)} LIMIT ?`,
      [...params, BATCH + skipped.size],
    );
    const todo = rows.filter((r) => !skipped.has(JSON.stringify(c.keys.map((k) => r[k]))));
    if (todo.length === 0) return changed;
    changed += await db.transaction(async (tx: Sql) => {
      let n = 0;
      for (const r of todo) {
        const out = next(r.v);
        if (!out) {
          skipped.add(JSON.stringify(c.keys.map((k) => r[k])));
          continue;
        }
        const extra = Object.entries(out.extra ?? {});
        n += await tx.run(
          `UPDATE ${c.table} SET ${[c.column, ...extra.map(([k]) => k)].map((k) => `${k} = ?`).join(', ')}
            WHERE ${keyMatch(c)} AND ${c.column} = ?`,
          [out.value, ...extra.map(([, v]) => v), ...c.keys.map((k) => r[k]!), r.v],
        );
      }
      return n;
    });
  }
}

const inClear = (c: SealedColumn) =>
  `${c.column} NOT LIKE '${ENVELOPE_PREFIX}%'${c.clearWhere ? ` AND NOT (${c.clearWhere})` : ''}`;
const underOtherKey = (c: SealedColumn) => `${c.column} LIKE '${ENVELOPE_PREFIX}%' AND ${c.column} NOT LIKE ?`;

/** Seals every value still in clear and fills missing ID-number hashes; resolves to rows written. */
export async function sealExisting(db: SqlDatabase, cipher: RecordCipher): Promise<number> {
  let written = 0;
  for (const c of COLUMNS) {
    const label = `${c.table}.${c.column}`;
    written += await pass(db, c, inClear(c), [], (v) => {
      const value = cipher.seal(label, v);
      if (c.table !== 'persons') return { value };
      return { value, extra: { id_number_hash: idHashOf(cipher, v) } };
    });
  }
  const persons = COLUMNS[0]!;
  written += await pass(db, persons, `id_number_hash IS NULL`, [], (v) => ({
    value: v,
    extra: { id_number_hash: idHashOf(cipher, cipher.open(SEALED.persons, v)) },
  }));
  // The clear text just replaced still sits in freed pages and the WAL: rebuild the file without it.
  if (written > 0 && db.dialect === 'sqlite') {
    await db.run('VACUUM');
    await db.run('PRAGMA wal_checkpoint(TRUNCATE)');
  }
  return written;
}

function idHashOf(cipher: RecordCipher, json: string): string {
  const idNumber = (JSON.parse(json) as Partial<Person>).idNumber;
  return typeof idNumber === 'string' ? cipher.idNumberHash(idNumber) : '';
}

/** Whether a start already sealed everything from before (rows and blob files). */
export async function existingSealed(db: SqlDatabase): Promise<boolean> {
  return (await db.get(`SELECT 1 AS one FROM crypto_keys WHERE purpose = ?`, [SEALED_MARK])) !== undefined;
}

export async function markExistingSealed(db: SqlDatabase, ring: KeyRing, now: number): Promise<void> {
  await db.run(
    `INSERT INTO crypto_keys (purpose, sealed, created_at) VALUES (?, ?, ?) ON CONFLICT (purpose) DO NOTHING`,
    [SEALED_MARK, sealText(ring, SEALED.keys, new Date(now).toISOString()), now],
  );
}

/** Re-wraps every data key not under the current master key; resolves to rows re-wrapped. */
export async function rewrapAll(db: SqlDatabase, ring: KeyRing): Promise<number> {
  let written = 0;
  for (const c of COLUMNS) {
    written += await pass(db, c, underOtherKey(c), [`${ENVELOPE_PREFIX}${ring.currentId}:%`], (v) => {
      const value = rewrapText(ring, v);
      return value === null ? null : { value };
    });
  }
  return written;
}

/** Values still in clear, and values whose data key is under another master key than the current one. */
export async function pendingRows(db: SqlDatabase, ring: KeyRing): Promise<{ clear: number; olderKey: number }> {
  let clear = 0;
  let olderKey = 0;
  const count = async (sql: string, params: SqlValue[] = []) =>
    Number((await db.get<{ n: number }>(sql, params))?.n ?? 0);
  for (const c of COLUMNS) {
    clear += await count(`SELECT COUNT(*) AS n FROM ${c.table} WHERE ${inClear(c)}`);
    olderKey += await count(`SELECT COUNT(*) AS n FROM ${c.table} WHERE ${underOtherKey(c)}`, [
      `${ENVELOPE_PREFIX}${ring.currentId}:%`,
    ]);
  }
  return { clear, olderKey };
}
