// `npm run admin -- migrate:to-postgres`: moves a township's SQLite database into an empty
// PostgreSQL database, once, and proves the copy (also the core of `restore` onto PostgreSQL).
//
// 1. The source is never written: a consistent copy of it (`VACUUM INTO`) goes to a temporary
//    folder and is brought to this code's schema there; a source newer than the code is refused.
// 2. The target gets the migrations; it must then hold no rows (besides schema_version), or be an
//    exact copy of the source already (a re-run only verifies).
// 3. Every table is copied in foreign-key order, in batches, inside ONE target transaction that
//    also holds the servers' write lock: a failure or a killed process leaves the target empty.
//    Ids and `seq` values are kept; the sequences then continue past them.
// 4. Verified: per table, row count and SHA-256 (table-copy.ts), the target's read back
//    independently after the commit; and the audit chains are verified on the target.
// Encrypted columns are copied as they are: the PostgreSQL server needs the same master key.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { verifyAllAudit } from '../audit/verify';
import { KeyError, type KeySettings } from '../crypto/key-ring';
import { openDatabaseCipher } from './at-rest';
import { MIGRATIONS, migrate } from './migrations';
import { WRITE_LOCK_KEY, openPostgres } from './postgres';
import { snapshotSqlite } from './snapshot';
import { openSqlite } from './sqlite';
import { openSqliteStore, openStore } from '.';
import {
  checkSqliteShape,
  compareDigests,
  connectPostgres,
  copySqliteToPostgres,
  hashPostgres,
  hashSqlite,
  postgresTables,
  type TableComparison,
  type TableShape,
} from './table-copy';

/** A refused or failed move, with a stable code for scripts. */
export class MoveError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly comparison?: TableComparison[],
  ) {
    super(message);
    this.name = 'MoveError';
  }
}

export interface MoveOptions {
  /** The SQLite file (the server's, or a backup's). */
  from: string;
  /** postgres://… of the target database (created, empty or holding only the schema). */
  to: string;
  /** When given: the source's keys must open with them (else the server on PostgreSQL could not
   *  start), and the audit chains are verified on the target. */
  keys?: KeySettings;
  print?: (line: string) => void;
  /** Called after each table is copied, inside the transaction. */
  onTable?: (table: string, rows: number) => void;
}

export interface MoveReport {
  comparison: TableComparison[];
  /** The target already was an exact copy: nothing was written. */
  alreadyCopied: boolean;
  rows: number;
  durationMs: number;
  /** Where the time went: snapshot and migrations, the copy, reading the target back, audit. */
  phases: { prepareMs: number; copyMs: number; verifyMs: number; auditMs: number };
  audit: { events: number; chains: number } | null;
}

const KNOWN = new Set(MIGRATIONS.map((m) => m.version));
/** Tables that hold no township data: migrations fill schema_version on any empty database. */
const SCHEMA_ONLY = new Set(['schema_version']);

const hidePassword = (message: string) => message.replace(/(postgres(?:ql)?:\/\/[^:@/\s]+:)[^@\s]+@/gi, '$1…@');

function sourceVersions(file: string): number[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const known = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).get();
    if (!known)
      throw new MoveError('migrate.source-not-daiban', `源文件不是代办数据库 / ${file} is not a daiban database`);
    return (db.prepare(`SELECT version FROM schema_version`).all() as { version: number }[]).map((r) =>
      Number(r.version),
    );
  } finally {
    db.close();
  }
}

/** The source's copy in `dir`, migrated to this code's schema; refuses a newer or foreign file. */
async function preparedSource(from: string, dir: string, keys: KeySettings | undefined): Promise<string> {
  if (!existsSync(from)) throw new MoveError('migrate.no-source', `找不到源数据库 / no SQLite database at ${from}`);
  const newer = sourceVersions(from).filter((v) => !KNOWN.has(v));
  if (newer.length > 0)
    throw new MoveError(
      'migrate.source-newer',
      `源数据库的结构版本 ${newer.join(', ')} 比本程序新，请先升级程序 / the source has schema version(s) ${newer.join(', ')} this code does not know: upgrade daiban first`,
    );
  const copy = join(dir, 'source.sqlite');
  snapshotSqlite(from, copy);
  const db = openSqlite(copy);
  try {
    await migrate(db);
    const sealed = await db.get(`SELECT purpose FROM crypto_keys`);
    if (keys && sealed) {
      try {
        await openDatabaseCipher(db, keys, Date.now());
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
        throw new MoveError(
          'migrate.key',
          `主密钥打不开源数据库的数据，PostgreSQL 上的服务器也将无法启动 / the master key does not open the source's data (${error.message}): give the key the SQLite server uses`,
        );
      }
    }
  } finally {
    await db.close();
  }
  return copy;
}

async function connectTarget(url: string): Promise<pg.Client> {
  try {
    const db = openPostgres(url, { poolSize: 2 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    const client = await connectPostgres(url);
    client.on('error', () => undefined);
    return client;
  } catch (error) {
    if (error instanceof MoveError) throw error;
    throw new MoveError(
      'migrate.target-unreachable',
      `无法连接或初始化目标 PostgreSQL 数据库 / cannot open the target PostgreSQL database: ${hidePassword((error as Error).message)}`,
    );
  }
}

async function targetRows(client: pg.Client, shapes: TableShape[]): Promise<string[]> {
  const holding: string[] = [];
  for (const s of shapes) {
    if (SCHEMA_ONLY.has(s.name)) continue;
    const r = await client.query(`SELECT 1 FROM "${s.name}" LIMIT 1`);
    if (r.rows.length > 0) holding.push(s.name);
  }
  return holding;
}

function openSource(file: string, shapes: TableShape[]): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteShape(db, shapes);
    return db;
  } catch (error) {
    db.close();
    throw new MoveError(
      'migrate.schema-differs',
      `源与目标的表结构不同 / source and target schemas differ: ${(error as Error).message}`,
    );
  }
}

/** Moves the SQLite database `from` into the PostgreSQL database `to`; see the top of the file. */
export async function moveToPostgres(options: MoveOptions): Promise<MoveReport> {
  const print = options.print ?? (() => undefined);
  const started = performance.now();
  const phases = { prepareMs: 0, copyMs: 0, verifyMs: 0, auditMs: 0 };
  let mark = started;
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const dir = mkdtempSync(join(tmpdir(), 'daiban-move-'));
  let client: pg.Client | undefined;
  try {
    const sourceFile = await preparedSource(options.from, dir, options.keys);
    client = await connectTarget(options.to);
    const shapes = await postgresTables(client);
    const versions = (await client.query<{ version: number }>(`SELECT version FROM schema_version`)).rows.map((r) =>
      Number(r.version),
    );
    const unknown = versions.filter((v) => !KNOWN.has(v));
    if (unknown.length > 0)
      throw new MoveError(
        'migrate.target-newer',
        `目标数据库的结构版本 ${unknown.join(', ')} 比本程序新 / the target has schema version(s) ${unknown.join(', ')} this code does not know`,
      );
    const source = openSource(sourceFile, shapes);
    lap('prepareMs');
    try {
      const holding = await targetRows(client, shapes);
      let comparison: TableComparison[];
      let alreadyCopied = false;
      if (holding.length > 0) {
        // A re-run: only an exact copy of the source is accepted, and then nothing is written.
        comparison = compareDigests(hashSqlite(source, shapes), await hashPostgres(client, shapes));
        if (comparison.some((c) => !c.same))
          throw new MoveError(
            'migrate.target-not-empty',
            `目标数据库已有数据（${holding.join('、')}），且不是本数据库的完整副本；为安全起见未写入任何内容。请新建一个空数据库（dropdb/createdb）后重试 / the target database already holds data (${holding.join(', ')}) that is not an exact copy of the source: nothing written. Create an empty database and run again`,
            comparison,
          );
        alreadyCopied = true;
        print('目标数据库已是完整副本，仅做了校验 / the target already is an exact copy: verified, nothing written');
      } else {
        print(`复制 ${shapes.length} 张表 / copying ${shapes.length} tables…`);
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
        let copied;
        try {
          // The migrations' own history is replaced by the source's.
          await client.query('DELETE FROM schema_version');
          copied = await copySqliteToPostgres(source, client, shapes, {
            onTable: (table, rows) => {
              crashAfter(table);
              options.onTable?.(table, rows);
            },
          });
          await client.query('COMMIT');
          lap('copyMs');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        comparison = compareDigests(copied, await hashPostgres(client, shapes));
      }
      lap('verifyMs');
      const rows = comparison.reduce((n, c) => n + c.target.rows, 0);
      if (comparison.some((c) => !c.same))
        throw new MoveError(
          'migrate.mismatch',
          '复制后校验不一致：目标数据库与源不同 / the copy does not match the source',
          comparison,
        );
      const audit = options.keys ? await verifyTargetAudit(options, sourceFile) : null;
      lap('auditMs');
      return { comparison, alreadyCopied, rows, durationMs: performance.now() - started, phases, audit };
    } finally {
      source.close();
    }
  } finally {
    await client?.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The audit chains verify on the target as well as on the source (a chain broken before the
 *  move is reported, not blamed on it). */
async function verifyTargetAudit(options: MoveOptions, sourceFile: string) {
  const keys = options.keys!;
  const target = await openStore({ dbFile: '', databaseUrl: options.to, databasePoolSize: 2, keys });
  let report;
  try {
    report = await verifyAllAudit(target);
  } finally {
    await target.close();
  }
  if (report.breaks.length === 0) return { events: report.events, chains: report.chains };
  const source = await openSqliteStore(sourceFile, keys);
  let before;
  try {
    before = await verifyAllAudit(source);
  } finally {
    await source.close();
  }
  if (report.breaks.length > before.breaks.length)
    throw new MoveError(
      'migrate.audit',
      `复制后操作记录校验未通过 / the audit chains do not verify on the target (${report.breaks.length} broken, ${before.breaks.length} in the source)`,
    );
  options.print?.(
    `注意：源数据库中已有 ${before.breaks.length} 条操作记录链校验未通过 / note: ${before.breaks.length} audit chain(s) were already broken in the source`,
  );
  return { events: report.events, chains: report.chains };
}

/** Test-only: the process dies (SIGKILL, like a power cut) after copying the named table, before
 *  the commit. Read only with NODE_ENV=test. */
function crashAfter(table: string): void {
  if (process.env.NODE_ENV === 'test' && process.env.DAIBAN_TEST_MOVE_CRASH_AFTER === table)
    process.kill(process.pid, 'SIGKILL');
}
