// Encryption at rest: a Dexie DBCore middleware that seals every personal field of a row with
// the unlocked data key (vault.ts) on write, and opens it on read. Each table keeps in clear only
// what its indexes and ordering need and is not personal (ids, status, dates, case number, item
// code); the rest is one AES-GCM field, `sealed` (with the names of its fields, for lazy
// opening). A file's bytes are sealed on their own (`sealedData`, no JSON). Persons get their
// blind-index tokens (`search`) here too.
//
// Rows written before schema v4 are plaintext: they are read as they are, and sealed at the first
// unlock (sealPendingRows, seal-rows.ts). Without the key, a sealed row cannot be read or written
// (`storage.locked`), except by a schema upgrade, which only moves rows and has no key.
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { StorageError } from './errors';
import { personTokens } from './person-index';
import { decodeJson, hasDataKey, openBytes, openBytesNative, openJson, sealBytes, sealBytesNative } from './vault';
import { loadCipher } from './cipher';

export const SEALED = 'sealed';
/** Settings rows holding a form's unsaved input (form-drafts.ts). DO NOT RENAME. */
export const FORM_DRAFT_PREFIX = 'formDraft:';
export const SEALED_DATA = 'sealedData';
const SEALED_KEYS = 'sealedKeys';

interface SealSpec {
  /** Fields kept readable (indexes, ordering); everything else is sealed. */
  clear: readonly string[];
  /** A binary field sealed as raw bytes (files). */
  bytes?: string;
  /** Only these rows are sealed (settings: the session with its bearer token). */
  only?: (row: Record<string, unknown>) => boolean;
  /** Extra clear fields computed from the plaintext (blind indexes). */
  index?: (row: Record<string, unknown>) => Record<string, unknown>;
}

export const SEAL_SPECS: Record<string, SealSpec> = {
  persons: {
    clear: ['id', 'villageCode', 'updatedAt', 'schemaVersion'],
    index: (row) => ({ search: personTokens(row) }),
  },
  cases: {
    clear: ['id', 'status', 'itemCode', 'applicantId', 'updatedAt', 'dueOn', 'number', 'villageCode', 'schemaVersion'],
  },
  materials: { clear: ['id', 'caseId', 'requirementId', 'updatedAt', 'schemaVersion'] },
  blobs: { clear: ['sha256', 'mime', 'bytes', 'createdAt', 'uploadedAt'], bytes: 'data' },
  outbox: { clear: ['id', 'state', 'attempts', 'nextAttemptAt', 'caseId', 'createdAt', 'updatedAt'] },
  audit: { clear: ['id', 'caseId', 'at', 'schemaVersion'] },
  decisions: { clear: ['id', 'caseId', 'decidedAt', 'schemaVersion'] },
  rectifications: { clear: ['id', 'caseId', 'schemaVersion'] },
  // The session (bearer token) and unsaved form input (a half-typed profile).
  settings: {
    clear: ['key'],
    only: (row) => row.key === 'session' || String(row.key).startsWith(FORM_DRAFT_PREFIX),
  },
};

export const SEALED_TABLES = Object.keys(SEAL_SPECS);

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => !!v && typeof v === 'object' && !ArrayBuffer.isView(v);
export const isSealed = (v: unknown): boolean => isRow(v) && ArrayBuffer.isView(v[SEALED]);

const asBytes = (v: unknown): Uint8Array =>
  v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(0);

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** `seal`: vault's sealBytes (synchronous, inside transactions) or a WebCrypto one (awaited after). */
function sealRow<S>(
  table: string,
  spec: SealSpec,
  keyPath: string,
  value: unknown,
  seal: (plain: Uint8Array, aad: string) => S = sealBytes as (plain: Uint8Array, aad: string) => S,
): unknown {
  if (!isRow(value) || isSealed(value) || (spec.only && !spec.only(value))) return value;
  const aad = `${table}/${String(value[keyPath])}`;
  const out: Row = {};
  const secret: Row = {};
  for (const [k, v] of Object.entries(value)) {
    if (spec.clear.includes(k)) out[k] = v;
    else if (k !== spec.bytes) secret[k] = v;
  }
  Object.assign(out, spec.index?.(value));
  out[SEALED] = seal(jsonBytes(secret), aad);
  // The names (never the values) of the sealed fields: a read can then open the row lazily.
  out[SEALED_KEYS] = Object.keys(secret);
  if (spec.bytes && value[spec.bytes] !== undefined)
    out[SEALED_DATA] = seal(asBytes(value[spec.bytes]), `${aad}/${spec.bytes}`);
  return out;
}

const setData = (row: Row, name: string, value: unknown) =>
  Object.defineProperty(row, name, { value, writable: true, enumerable: true, configurable: true });

/** Rows with closed fields → opening them by WebCrypto, for openRows. */
const nativeOpeners = new WeakMap<object, () => Promise<void>>();

/** Fields that open themselves on first access (get or set); then they are plain data. */
function defineLazy(row: Row, names: readonly string[], open: () => Row, openNative: () => Promise<Row | undefined>) {
  let done = false;
  const fill = (values: Row) => {
    for (const name of names) setData(row, name, values[name]);
    done = true;
  };
  const ensure = () => {
    if (!done) fill(open()); // throws storage.corrupt: the fields stay closed, never wrong
  };
  const previous = nativeOpeners.get(row);
  nativeOpeners.set(row, async () => {
    await previous?.();
    if (done) return;
    const values = await openNative(); // undefined: left to `open`, which says what is wrong
    if (values && !done) fill(values);
    // Before Dexie, AES-GCM's module may not be here yet: `open` must try it, not call the row corrupt.
    else if (!done) await loadCipher();
  });
  for (const name of names) {
    Object.defineProperty(row, name, {
      enumerable: true,
      configurable: true,
      get() {
        ensure();
        return row[name];
      },
      set(v: unknown) {
        ensure();
        row[name] = v;
      },
    });
  }
}

/**
 * The row as the app wrote it. Sealed fields are decrypted on first access: a list filtered
 * or sorted by clear fields (status, dates) decrypts only the rows it returns, and a file's
 * bytes only when they are read.
 */
function openRow(table: string, spec: SealSpec, keyPath: string, value: unknown): unknown {
  if (!isSealed(value)) return value; // not sealed yet (written before v4) or not personal
  const row = value as Row;
  const aad = `${table}/${String(row[keyPath])}`;
  const out: Row = {};
  for (const k of spec.clear) if (k in row) out[k] = row[k];
  const sealed = row[SEALED] as Uint8Array;
  const openSecret = () => openJson(sealed, aad);
  const names = row[SEALED_KEYS];
  if (Array.isArray(names) && names.every((n) => typeof n === 'string'))
    defineLazy(out, names, openSecret, async () => {
      const plain = await openBytesNative(sealed, aad);
      return plain && decodeJson(plain);
    });
  else Object.assign(out, openSecret());
  const bytes = spec.bytes;
  if (bytes && row[SEALED_DATA] !== undefined) {
    const data = row[SEALED_DATA] as Uint8Array;
    const asBuffer = (plain: Uint8Array) =>
      plain.byteOffset === 0 && plain.byteLength === plain.buffer.byteLength ? plain.buffer : plain.slice().buffer;
    defineLazy(
      out,
      [bytes],
      () => ({ [bytes]: asBuffer(openBytes(data, `${aad}/${bytes}`)) }),
      async () => {
        const plain = await openBytesNative(data, `${aad}/${bytes}`);
        return plain && { [bytes]: asBuffer(plain) };
      },
    );
  }
  return out;
}

/** A row to write without Dexie (quick-read.ts) as the sealing middleware would seal it. */
export async function sealStoredRow(table: string, keyPath: string, value: unknown): Promise<unknown> {
  const spec = SEAL_SPECS[table];
  if (!spec || !isRow(value) || isSealed(value) || (spec.only && !spec.only(value))) return value;
  if (!hasDataKey()) throw new StorageError('storage.locked');
  // WebCrypto: the login's first write needs no AES module (cipher.ts) before the first rows.
  const row = sealRow(table, spec, keyPath, value, sealBytesNative) as Row;
  const fields = [SEALED, SEALED_DATA].filter((field) => field in row);
  for (const field of fields) row[field] = await row[field];
  if (fields.some((field) => row[field] === undefined)) {
    await loadCipher(); // no native key: the same seal in JavaScript
    return sealRow(table, spec, keyPath, value);
  }
  return row;
}

/** A row read without Dexie (quick-read.ts) as the sealing middleware would return it. */
export function openStoredRow(table: string, keyPath: string, value: unknown): unknown {
  const spec = SEAL_SPECS[table];
  return spec ? openRow(table, spec, keyPath, value) : value;
}

/**
 * Opens the sealed fields of many rows at once with WebCrypto (native AES-GCM, far faster than
 * opening them one by one in JavaScript). Call it OUTSIDE a transaction, on rows about to be
 * used (a list page). Rows it cannot open stay closed: reading them then reports why.
 */
export async function openRows(rows: readonly unknown[]): Promise<void> {
  const openers: Array<Promise<void>> = [];
  for (const row of rows) {
    const opener = row && typeof row === 'object' ? nativeOpeners.get(row) : undefined;
    if (opener) openers.push(opener());
  }
  await Promise.all(openers);
}

function sealRequest(name: string, spec: SealSpec, keyPath: string, req: DBCoreMutateRequest): DBCoreMutateRequest {
  if (req.type !== 'add' && req.type !== 'put') return req;
  const touches = req.values.some((v) => isRow(v) && !isSealed(v) && (!spec.only || spec.only(v)));
  if (!touches) return req;
  if (!hasDataKey()) {
    // A schema upgrade moves rows without a key: they stay as they are until the first unlock.
    if ((req.trans as unknown as IDBTransaction).mode === 'versionchange') return req;
    throw new StorageError('storage.locked');
  }
  return { ...req, values: req.values.map((v) => sealRow(name, spec, keyPath, v)) };
}

/**
 * A cursor whose `value` is the opened row (decrypted once per position). `key` and
 * `primaryKey` are native IDBCursor getters, which throw "Illegal invocation" on any other
 * object: read them on the real cursor (Dexie's virtual-index cursor does the same).
 */
function openingCursor(cursor: DBCoreCursor, open: (v: unknown) => unknown): DBCoreCursor {
  let raw: unknown;
  let opened: unknown;
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get() {
        const v = cursor.value;
        if (v !== raw || opened === undefined) {
          raw = v;
          opened = open(v);
        }
        return opened;
      },
    },
  }) as DBCoreCursor;
}

function sealedTable(table: DBCoreTable, spec: SealSpec): DBCoreTable {
  const keyPath = String(table.schema.primaryKey.keyPath);
  const open = (v: unknown) => openRow(table.name, spec, keyPath, v);
  return {
    ...table,
    mutate: async (req) => table.mutate(sealRequest(table.name, spec, keyPath, req)),
    get: async (req) => open(await table.get(req)),
    getMany: async (req) => (await table.getMany(req)).map(open),
    async query(req) {
      const res = await table.query(req);
      return req.values ? { ...res, result: res.result.map(open) } : res;
    },
    async openCursor(req) {
      const cursor = await table.openCursor(req);
      return cursor && req.values ? openingCursor(cursor, open) : cursor;
    },
  };
}

/** Lowest level: the row-version stamp (level 10) is sealed with the rest. */
export const sealingMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'sealing',
  level: 1,
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      const spec = SEAL_SPECS[name];
      return spec ? sealedTable(table, spec) : table;
    },
  }),
};
