// Copying a daiban database table by table between SQLite and PostgreSQL, and checking the copy.
// Used by `migrate:to-postgres` (SQLite file → PostgreSQL), and by backup/restore on PostgreSQL
// (PostgreSQL → the backup's SQLite file, and back). Nothing here names a table: the tables,
// columns, keys and foreign keys are read from PostgreSQL's catalogue (both sides are migrated by
// the same migrations list first), so tables added by later migrations are copied too.
//
// The check: per table, the row count and a SHA-256 over its rows ordered by primary key, each
// side computed from what that side returns. Values are normalised by the column's PostgreSQL
// type so both drivers' answers compare equal: integers as decimal text (SQLite and PostgreSQL
// both), booleans as 0/1 (SQLite stores them so), JSON (read as text on both sides) parsed and
// re-serialised with sorted keys (jsonb keeps its own key order and spacing), bytes as
// hex, text as is, NULL apart from every text. Text keys sort with the "C" collation on
// PostgreSQL: by bytes, as SQLite's default BINARY collation does.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import pg from 'pg';

export type ColumnKind = 'int' | 'float' | 'bool' | 'json' | 'bytes' | 'text';

export interface TableShape {
  name: string;
  columns: { name: string; kind: ColumnKind }[];
  /** Primary-key columns; empty when the table has none (rows then sort by every column). */
  primaryKey: string[];
  /** A column filled by a sequence (identity/serial): the change feed's and audit's `seq`. */
  identity: string | null;
  /** Tables this one has foreign keys to (other than itself). */
  references: string[];
  /** A foreign key to itself (divisions.parent_code → code): parents must be inserted first. */
  selfReference: { column: string; references: string } | null;
}

export interface TableDigest {
  rows: number;
  sha256: string;
}
export type Digests = Map<string, TableDigest>;

const INT8 = 20;
/** A connection of its own (one transaction spans the whole copy), BIGINT as numbers as the store reads them. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8
          ? (text: string) => (Number.isSafeInteger(Number(text)) ? Number(text) : BigInt(text))
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  return client;
}

/** Identifiers come from the catalogue; anything unusual is refused rather than quoted blindly. */
const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier in the schema: ${name}`);
  return `"${name}"`;
};

const KIND_OF: Record<string, ColumnKind> = {
  smallint: 'int',
  integer: 'int',
  bigint: 'int',
  real: 'float',
  'double precision': 'float',
  numeric: 'float',
  boolean: 'bool',
  json: 'json',
  jsonb: 'json',
  bytea: 'bytes',
};

/** The tables of the connection's schema, in an order where every table follows those it references. */
export async function postgresTables(client: pg.ClientBase): Promise<TableShape[]> {
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
    column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        -- A generated column (cases.queue_key, migration 13) is computed by each database from the
        -- others: never copied (PostgreSQL refuses values for it; SQLite's table_info omits it).
        AND c.is_generated = 'NEVER'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const constraints = await client.query<{
    table: string;
    type: string;
    ref: string | null;
    cols: string[];
    refcols: string[] | null;
  }>(
    `SELECT rel.relname::text AS table, con.contype::text AS type, frel.relname::text AS ref,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS cols,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS refcols
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = rel.relnamespace
       LEFT JOIN pg_class frel ON frel.oid = con.confrelid
      WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')`,
  );
  const shapes = new Map<string, TableShape>();
  for (const c of columns.rows) {
    let shape = shapes.get(c.table_name);
    if (!shape) {
      shape = { name: c.table_name, columns: [], primaryKey: [], identity: null, references: [], selfReference: null };
      shapes.set(c.table_name, shape);
    }
    ident(c.column_name);
    shape.columns.push({ name: c.column_name, kind: KIND_OF[c.data_type] ?? 'text' });
    if (c.is_identity === 'YES' || c.column_default?.startsWith('nextval(')) shape.identity = c.column_name;
  }
  for (const k of constraints.rows) {
    const shape = shapes.get(k.table);
    if (!shape) continue;
    if (k.type === 'p') shape.primaryKey = k.cols;
    else if (k.ref === k.table && k.cols.length === 1 && k.refcols?.length === 1)
      shape.selfReference = { column: k.cols[0]!, references: k.refcols[0]! };
    else if (k.ref && k.ref !== k.table && !shape.references.includes(k.ref)) shape.references.push(k.ref);
  }
  return dependencyOrder([...shapes.values()]);
}

/** Referenced tables first; otherwise by name, so the order is the same on every run. */
function dependencyOrder(shapes: TableShape[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TableShape[] = [];
  const visit = (s: TableShape) => {
    if (done.has(s.name)) return;
    if (visiting.has(s.name)) throw new Error(`foreign keys form a cycle through ${s.name}`);
    visiting.add(s.name);
    for (const ref of [...s.references].sort()) {
      const target = byName.get(ref);
      if (target) visit(target);
    }
    visiting.delete(s.name);
    done.add(s.name);
    out.push(s);
  };
  for (const s of [...shapes].sort((a, b) => a.name.localeCompare(b.name))) visit(s);
  return out;
}

/** Refuses a SQLite file whose tables or columns differ from the PostgreSQL schema. */
export function checkSqliteShape(db: Database.Database, shapes: TableShape[]): void {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const expected = shapes.map((s) => s.name);
  const missing = expected.filter((t) => !tables.includes(t));
  const extra = tables.filter((t) => !expected.includes(t));
  if (missing.length > 0 || extra.length > 0)
    throw new Error(`tables differ: missing ${missing.join(', ') || '-'}; extra ${extra.join(', ') || '-'}`);
  for (const s of shapes) {
    const cols = (db.prepare(`PRAGMA table_info(${ident(s.name)})`).all() as { name: string }[]).map((c) => c.name);
    const want = s.columns.map((c) => c.name);
    if (cols.length !== want.length || want.some((c) => !cols.includes(c)))
      throw new Error(`columns of ${s.name} differ: ${cols.join(', ')} vs ${want.join(', ')}`);
  }
}

// ---- hashing ----------------------------------------------------------------------------------

const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

const asInteger = (v: unknown): string | null => {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : null;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v).toString();
  return null;
};

/** One value as text that is equal on both sides when the values are. */
export function normalise(kind: ColumnKind, v: unknown): string {
  if (v === null || v === undefined) return 'N';
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `B${Buffer.from(v).toString('hex')}`;
  switch (kind) {
    case 'int':
    case 'bool': {
      const i = asInteger(v);
      return i === null ? `F${String(Number(v))}` : `I${i}`;
    }
    case 'float':
      return `F${String(Number(v))}`;
    case 'json':
      try {
        return `J${canonicalJson(typeof v === 'string' ? JSON.parse(v) : v)}`;
      } catch {
        return `T${String(v)}`;
      }
    default:
      return `T${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | bigint)}`;
  }
}

export class TableHasher {
  private readonly hash = createHash('sha256');
  rows = 0;
  constructor(private readonly shape: TableShape) {}
  add(row: readonly unknown[]): void {
    const parts = row.map((v, i) => normalise(this.shape.columns[i]!.kind, v));
    this.hash.update(`${parts.map((p) => `${p.length}:${p}`).join('|')}\n`);
    this.rows++;
  }
  digest(): TableDigest {
    return { rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

// ---- reading ----------------------------------------------------------------------------------

const columnList = (s: TableShape) => s.columns.map((c) => ident(c.name)).join(', ');
const sortColumns = (s: TableShape) => (s.primaryKey.length > 0 ? s.primaryKey : s.columns.map((c) => c.name));
const kindOf = (s: TableShape, column: string) => s.columns.find((c) => c.name === column)?.kind ?? 'text';

const sqliteSelect = (s: TableShape) =>
  `SELECT ${columnList(s)} FROM ${ident(s.name)} ORDER BY ${sortColumns(s).map(ident).join(', ')}`;
/** JSON columns come back as their text, as SQLite holds them (the driver would parse them). */
const postgresSelect = (s: TableShape) =>
  `SELECT ${s.columns.map((c) => (c.kind === 'json' ? `${ident(c.name)}::text` : ident(c.name))).join(', ')} FROM ${ident(s.name)} ORDER BY ${sortColumns(
    s,
  )
    .map((c) => (kindOf(s, c) === 'text' ? `${ident(c)} COLLATE "C"` : ident(c)))
    .join(', ')}`;

/** The rows of a SQLite table in key order, in batches (arrays in the shape's column order). */
export function* sqliteRows(db: Database.Database, s: TableShape, batch = 1000): Generator<unknown[][]> {
  let rows: unknown[][] = [];
  for (const row of db.prepare(sqliteSelect(s)).raw(true).iterate() as IterableIterator<unknown[]>) {
    rows.push(row);
    if (rows.length >= batch) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/** The same from PostgreSQL, through a cursor: the caller's transaction must be open on `client`. */
export async function* postgresRows(client: pg.ClientBase, s: TableShape, batch = 1000): AsyncGenerator<unknown[][]> {
  await client.query(`DECLARE daiban_copy NO SCROLL CURSOR FOR ${postgresSelect(s)}`);
  try {
    for (;;) {
      const page = await client.query<unknown[]>({ text: `FETCH ${batch} FROM daiban_copy`, rowMode: 'array' });
      if (page.rows.length === 0) break;
      yield page.rows;
    }
  } finally {
    await client.query('CLOSE daiban_copy');
  }
}

export function hashSqlite(db: Database.Database, shapes: TableShape[]): Digests {
  const out: Digests = new Map();
  for (const s of shapes) {
    const h = new TableHasher(s);
    for (const rows of sqliteRows(db, s)) for (const r of rows) h.add(r);
    out.set(s.name, h.digest());
  }
  return out;
}

/** Hashes every table in one read-only snapshot (REPEATABLE READ), so the tables agree with each other. */
export async function hashPostgres(client: pg.ClientBase, shapes: TableShape[]): Promise<Digests> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const out: Digests = new Map();
    for (const s of shapes) {
      const h = new TableHasher(s);
      for await (const rows of postgresRows(client, s)) for (const r of rows) h.add(r);
      out.set(s.name, h.digest());
    }
    return out;
  } finally {
    await client.query('COMMIT');
  }
}

// ---- writing ----------------------------------------------------------------------------------

/** Parents before their children, for a table with a foreign key to itself; others unchanged. */
function parentsFirst(s: TableShape, rows: unknown[][]): unknown[][] {
  if (!s.selfReference) return rows;
  const col = s.columns.findIndex((c) => c.name === s.selfReference!.column);
  const ref = s.columns.findIndex((c) => c.name === s.selfReference!.references);
  const byKey = new Map(rows.map((r) => [r[ref], r]));
  const placed = new Set<unknown[]>();
  const out: unknown[][] = [];
  const place = (r: unknown[]) => {
    if (placed.has(r)) return;
    placed.add(r);
    const parent = r[col] === null ? undefined : byKey.get(r[col]);
    if (parent) place(parent);
    out.push(r);
  };
  for (const r of rows) place(r);
  return out;
}

/** PostgreSQL's parameter limit is 65,535 per statement. */
const rowsPerInsert = (s: TableShape) => Math.max(1, Math.min(500, Math.floor(60_000 / s.columns.length)));

const toPostgres = (kind: ColumnKind, v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  if (kind === 'bool') return v === true || v === 1 || v === 1n || v === '1';
  if (typeof v === 'bigint') return v.toString();
  return v;
};

async function insertPostgres(client: pg.ClientBase, s: TableShape, rows: unknown[][]): Promise<void> {
  const per = rowsPerInsert(s);
  const overriding = s.identity ? ' OVERRIDING SYSTEM VALUE' : '';
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const marks = r.map((v, j) => {
        params.push(toPostgres(s.columns[j]!.kind, v));
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${ident(s.name)} (${columnList(s)})${overriding} VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}

const toSqlite = (v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
};

export interface CopyProgress {
  /** Called after each table is copied (tests use it to stop a copy half-way). */
  onTable?: (table: string, rows: number) => void;
}

/**
 * Copies every table of the SQLite `source` into PostgreSQL. The caller holds the target's
 * transaction open on `client` (so a failure leaves the target as it was) and has emptied it.
 * Returns the source's digests, computed from the rows as read.
 */
export async function copySqliteToPostgres(
  source: Database.Database,
  client: pg.ClientBase,
  shapes: TableShape[],
  progress: CopyProgress = {},
): Promise<Digests> {
  const digests: Digests = new Map();
  for (const s of shapes) {
    const h = new TableHasher(s);
    const whole: unknown[][] = [];
    for (const rows of sqliteRows(source, s)) {
      for (const r of rows) h.add(r);
      if (s.selfReference) whole.push(...rows);
      else await insertPostgres(client, s, rows);
    }
    if (s.selfReference) await insertPostgres(client, s, parentsFirst(s, whole));
    digests.set(s.name, h.digest());
    progress.onTable?.(s.name, h.rows);
  }
  // Sequences continue past every copied value, and past what SQLite had handed out (AUTOINCREMENT
  // never reuses a number, so neither may the new database: devices hold cursors up to it).
  const hasSequences = source
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`)
    .get();
  for (const s of shapes.filter((x) => x.identity)) {
    const used = hasSequences
      ? ((source.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).get(s.name) as { seq: number } | undefined)
          ?.seq ?? 0)
      : 0;
    const max = await client.query<{ max: string | null }>(
      `SELECT MAX(${ident(s.identity!)})::text AS max FROM ${ident(s.name)}`,
    );
    const next = Math.max(Number(max.rows[0]?.max ?? 0), used);
    // setval(…, n, true): the next value is n + 1; (…, 1, false): the next value is 1.
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, [
      s.name,
      s.identity,
      Math.max(next, 1),
      next > 0,
    ]);
  }
  return digests;
}

/**
 * Copies every table of PostgreSQL (the caller's transaction on `client`, REPEATABLE READ for a
 * consistent snapshot) into the SQLite `target`, migrated and emptied, inside the caller's
 * transaction there. Returns the source's digests.
 */
export async function copyPostgresToSqlite(
  client: pg.ClientBase,
  target: Database.Database,
  shapes: TableShape[],
  progress: CopyProgress = {},
): Promise<Digests> {
  const digests: Digests = new Map();
  for (const s of shapes) {
    const h = new TableHasher(s);
    const insert = target.prepare(
      `INSERT INTO ${ident(s.name)} (${columnList(s)}) VALUES (${s.columns.map(() => '?').join(', ')})`,
    );
    const write = (rows: unknown[][]) => {
      for (const r of rows) insert.run(...r.map(toSqlite));
    };
    const whole: unknown[][] = [];
    for await (const rows of postgresRows(client, s)) {
      for (const r of rows) h.add(r);
      if (s.selfReference) whole.push(...rows);
      else write(rows);
    }
    if (s.selfReference) write(parentsFirst(s, whole));
    digests.set(s.name, h.digest());
    progress.onTable?.(s.name, h.rows);
  }
  // AUTOINCREMENT's counter continues where PostgreSQL's sequence stood.
  for (const s of shapes.filter((x) => x.identity)) {
    const seq = await client.query<{ last: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS last`, [
      s.name,
      s.identity,
    ]);
    const name = seq.rows[0]?.last;
    if (!name) continue;
    const at = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${name
        .split('.')
        .map((p) => ident(p.replace(/"/g, '')))
        .join('.')}`,
    );
    const used = at.rows[0]?.is_called ? Number(at.rows[0].last_value) : 0;
    const hasSequences = target
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`)
      .get();
    if (!hasSequences || used === 0) continue;
    const row = target.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).get(s.name) as
      { seq: number } | undefined;
    if (!row) target.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`).run(s.name, used);
    else if (row.seq < used) target.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = ?`).run(used, s.name);
  }
  return digests;
}

// ---- comparing --------------------------------------------------------------------------------

export interface TableComparison {
  table: string;
  source: TableDigest;
  target: TableDigest;
  same: boolean;
}

export function compareDigests(source: Digests, target: Digests): TableComparison[] {
  const names = [...new Set([...source.keys(), ...target.keys()])];
  const none: TableDigest = { rows: 0, sha256: '-' };
  return names.map((table) => {
    const a = source.get(table) ?? none;
    const b = target.get(table) ?? none;
    return { table, source: a, target: b, same: a.rows === b.rows && a.sha256 === b.sha256 };
  });
}

/** The comparison as lines of a table for the terminal. */
export function formatComparison(rows: TableComparison[]): string[] {
  const width = Math.max(12, ...rows.map((r) => r.table.length));
  const line = (t: string, a: string, b: string, ha: string, hb: string, ok: string) =>
    `${t.padEnd(width)}  ${a.padStart(9)}  ${b.padStart(9)}  ${ha.padEnd(16)}  ${hb.padEnd(16)}  ${ok}`;
  return [
    line('表 table', '源 source', '目标 target', 'sha256 源 source', 'sha256 目标 target', ''),
    ...rows.map((r) =>
      line(
        r.table,
        String(r.source.rows),
        String(r.target.rows),
        r.source.sha256.slice(0, 16),
        r.target.sha256.slice(0, 16),
        r.same ? '一致 ok' : '不一致 MISMATCH',
      ),
    ),
  ];
}
