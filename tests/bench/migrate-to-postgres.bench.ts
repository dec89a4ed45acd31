// How long moving a township to PostgreSQL and backing it up there take, at N cases (issue 12):
//  - `migrate:to-postgres` (snapshot, copy in one transaction, hashes of both sides, audit verify)
//    against a `VACUUM INTO` copy of the same SQLite file (reading and writing it all once);
//  - a backup's database part on PostgreSQL (every table into a SQLite file, checked) against
//    the same `VACUUM INTO`.
// The township: the demo cases through the real API, then cloned by SQL with new ids (persons,
// cases, revisions, materials, decisions and their changes) up to N cases. Needs PostgreSQL:
//   node scripts/with-postgres.mjs npm run bench -- migrate
// (without DAIBAN_TEST_DATABASE_URL it reports nothing). DAIBAN_BENCH_CASES sets N (10,000).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { snapshotSqlite } from '../../src/server/store';
import { moveToPostgres } from '../../src/server/store/move-to-postgres';
import { dumpPostgres } from '../../src/server/store/postgres-dump';
import { seedDemoCases } from '../../scripts/demo/scenarios';
import { createTestDatabase, onPostgres } from '../server/test-database';

interface BenchResult {
  figure: string;
  unit: string;
  value: number;
  baseline?: { label: string; value: number };
}

const CASES = Number(process.env.DAIBAN_BENCH_CASES ?? 10_000);

/** Columns given a per-copy suffix when a table's rows are cloned (ids and the ids they point to). */
const CLONED: Record<string, string[]> = {
  persons: ['id'],
  cases: ['id', 'applicant_id'],
  case_revisions: ['case_id'],
  materials: ['id', 'case_id'],
  decisions: ['id', 'case_id'],
  changes: ['case_id'],
};

function cloneTownship(file: string, copies: number): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      for (const [table, suffixed] of Object.entries(CLONED)) {
        const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
          .map((c) => c.name)
          .filter((c) => !(table === 'changes' && c === 'seq'));
        const select = cols.map((c) => (suffixed.includes(c) ? `t.${c} || '-' || n.i` : `t.${c}`)).join(', ');
        db.prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select} FROM ${table} t, n
           ${table === 'changes' ? 'WHERE t.case_id IS NOT NULL' : ''}`,
        ).run(copies);
      }
    })();
  } finally {
    db.close();
  }
}

const time = async (work: () => unknown) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export async function run(): Promise<BenchResult[]> {
  if (!onPostgres) {
    console.log('  no PostgreSQL (run under scripts/with-postgres.mjs): skipped');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-move-'));
  const clock = { now: Date.parse('2026-03-02T02:00:00Z') };
  const config = {
    ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static') }),
    passwordCost: 10,
    logLevel: 'silent' as const,
    rateLimits: { loginPerMinute: 1_000, apiPerMinute: 1_000_000 },
    now: () => clock.now,
  };
  const target = await createTestDatabase();
  try {
    const app = await buildApp(config);
    const demo = (await seedDemoCases(app, clock)).length;
    await app.close();
    cloneTownship(config.dbFile, Math.ceil(CASES / demo) - 1);
    const db = new Database(config.dbFile, { readonly: true });
    const cases = (db.prepare(`SELECT COUNT(*) AS n FROM cases`).get() as { n: number }).n;
    const changes = (db.prepare(`SELECT COUNT(*) AS n FROM changes`).get() as { n: number }).n;
    db.close();

    const vacuum = await time(() => snapshotSqlite(config.dbFile, join(dir, 'vacuum.sqlite')));
    let rows = 0;
    const move = await time(async () => {
      const report = await moveToPostgres({ from: config.dbFile, to: target.url, keys: config.keys });
      rows = report.rows;
      console.log(`  phases: ${JSON.stringify(report.phases, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
    });
    const dump = await time(() => dumpPostgres(target.url, join(dir, 'dump.sqlite')));
    const label = `${cases} cases, ${changes} changes, ${rows} rows`;
    return [
      {
        figure: `migrate:to-postgres, ${label} (copy, hashes both sides, audit verify)`,
        unit: 'ms',
        value: move,
        baseline: { label: 'VACUUM INTO copy of the same SQLite file', value: vacuum },
      },
      {
        figure: `backup database part on PostgreSQL, ${label} (to SQLite, checked)`,
        unit: 'ms',
        value: dump,
        baseline: { label: 'VACUUM INTO copy of the same SQLite file', value: vacuum },
      },
    ];
  } finally {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
