// How the reviewer inbox (GET /api/review/cases) grows with the data (issue 12), through the real
// route (app.inject): the first page of 200 with every count, as the browser asks for it, at
// several sizes of the database, beside the statements it ran before migration 13 (ORDER BY an
// expression over the township, GROUP BYs over the township) on the same data. Also a deep page,
// by offset against by cursor (`after`).
//
// Data: a generator (`generate`) writes N cases (and 2,000 applicants) in multi-row INSERTs,
// 50,000 a transaction, in the demo county: 90 % in 桃州镇, whose villages grow to 20, the rest
// in 四合乡; every catalogue item; statuses as a working deployment has them (most cases closed,
// ~5 % waiting for review, ~8 % running, ~1 % overdue); then `case_counts` and `case_due_counts` are
// rebuilt from them as migrations 13 and 19 do. Sizes:
//   DAIBAN_BENCH_INBOX_SIZES     SQLite sizes, default 10000 (100000 takes ~1 min more)
//   DAIBAN_BENCH_INBOX_PG_SIZES  PostgreSQL sizes, default 10000; only when a server is given:
//     node scripts/with-postgres.mjs npm run bench -- inbox   (DAIBAN_TEST_DATABASE_URL set)
//   e.g. DAIBAN_BENCH_INBOX_SIZES=10000,100000 DAIBAN_BENCH_INBOX_PG_SIZES=10000,100000,1000000
//   DAIBAN_BENCH_INBOX_PROFILE=<dir>  also writes there a CPU profile of the measured requests
//     and, on PostgreSQL, the server's log of every statement's times and plans (the figures of a
//     profiled run are slower than the others: it is for finding where the time goes)
// Base and new in one invocation: DAIBAN_BENCH_INBOX_BASE=<git ref> also starts the server of
// that commit (its sources from `git archive`) on the same database, and the first-page requests
// go to the two in turns, so that both see the same data, caches and machine load.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { chinaDate, uuidv7, type CaseStatus } from '../../src/domain';
import { versionHeaders } from '../../src/domain/api';
import { buildApp } from '../../src/server/app';
import { loadConfig, type ServerConfig } from '../../src/server/config';
import { openPostgres } from '../../src/server/store/postgres';
import type { SqlDatabase, SqlValue } from '../../src/server/store/sql';
import { openSqlite } from '../../src/server/store/sqlite';
import { makePerson } from '../server/fixtures';
import { sourcesAt } from './lib/cold-start-app';
import { createTestDatabase, onPostgres } from '../server/test-database';

interface BenchResult {
  figure: string;
  unit: string;
  value: number;
  baseline?: { label: string; value: number };
}

const sizes = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
const SQLITE_SIZES = sizes('DAIBAN_BENCH_INBOX_SIZES', '10000');
const PG_SIZES = onPostgres ? sizes('DAIBAN_BENCH_INBOX_PG_SIZES', '10000') : [];
const BASE_REF = process.env.DAIBAN_BENCH_INBOX_BASE;

const TOWN = '341822100000';
const OTHER_TOWN = '341822200000';
const COUNTY = '341822';
const VILLAGES = 20;
const PERSONS = 2_000;
const ROWS_PER_INSERT = 500;
const ROWS_PER_TRANSACTION = 50_000;
/** Thursday 19 November 2026, 10:00 in Beijing: "today" for every request. */
const NOW = Date.parse('2026-11-19T02:00:00Z');
const DAY = 86_400_000;
const PAGE = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Share of cases (per 1,000) in each status, as a deployment a few years old has them. */
const STATUS_MIX: [CaseStatus, number][] = [
  ['submitted', 30],
  ['resubmitted', 5],
  ['in_review', 15],
  ['returned', 20],
  ['accepted', 70],
  ['accepted_tolerance', 10],
  ['suspended', 5],
  ['completed', 120],
  ['delivered', 200],
  ['rated', 480],
  ['terminated', 25],
  ['withdrawn', 20],
];
const statusOf = (i: number): CaseStatus => {
  let k = (i * 7919) % 1000;
  for (const [status, share] of STATUS_MIX) {
    if (k < share) return status;
    k -= share;
  }
  return 'rated';
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Target {
  engine: 'SQLite' | 'PostgreSQL';
  app: FastifyInstance;
  /** The base commit's server on the same database (DAIBAN_BENCH_INBOX_BASE). */
  baseApp: FastifyInstance | null;
  db: SqlDatabase;
  /** The PostgreSQL database's URL (null on SQLite). */
  pgUrl: string | null;
  /** PostgreSQL's `VACUUM ANALYZE` (outside any transaction), as autovacuum would after a load. */
  vacuum(): Promise<void>;
  close(): Promise<void>;
}

async function start(engine: Target['engine']): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-inbox-'));
  const database = engine === 'PostgreSQL' ? await createTestDatabase({ migrated: true }) : null;
  // Profiling: the app's connections (opened from here on) load auto_explain (see startProfile).
  if (database && process.env.DAIBAN_BENCH_INBOX_PROFILE)
    await pgSystem(database.url, { session_preload_libraries: "'auto_explain'" });
  const config: ServerConfig = {
    ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static') }),
    ...(database && { databaseUrl: database.url, databasePoolSize: 4 }),
    passwordCost: 10,
    logLevel: 'silent',
    checkResponses: false,
    rateLimits: { loginPerMinute: 1_000, apiPerMinute: 1_000_000 },
  };
  const app = await buildApp(config);
  const baseSources = BASE_REF ? sourcesAt(BASE_REF) : null;
  const baseApp = baseSources
    ? await (
        (await tsImport(pathToFileURL(join(baseSources, 'src/server/app.ts')).href, import.meta.url)) as {
          buildApp: typeof buildApp;
        }
      ).buildApp(config)
    : null;
  // The generator's own connection to the same database.
  const db = database ? openPostgres(database.url, { poolSize: 2 }) : openSqlite(config.dbFile);
  return {
    engine,
    app,
    baseApp,
    db,
    pgUrl: database?.url ?? null,
    vacuum: async () => {
      if (!database) return;
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('VACUUM ANALYZE');
        // The load's dirty pages written out now, not during the measurements.
        await client.query('CHECKPOINT');
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await db.close();
      await app.close();
      await baseApp?.close();
      if (baseSources) rmSync(baseSources, { recursive: true, force: true });
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds cases until the database holds `total` (the generator; see the header). */
async function generate(t: Target, from: number, total: number): Promise<void> {
  const store = t.app.store;
  const villages = Array.from({ length: VILLAGES }, (_, v) => `3418221002${String(v + 1).padStart(2, '0')}`);
  const otherVillages = ['341822200201', '341822200202', '341822200203'];
  const items = (await store.catalog.list()).map((i) => i.code);
  const agentId = (await store.users.byUsername('agent1'))!.id;
  if (from === 0) {
    const known = new Set((await store.divisions.list()).map((d) => d.code));
    for (const code of villages.filter((c) => !known.has(c)))
      await t.db.run(`INSERT INTO divisions (code, name, level, parent_code) VALUES (?, ?, 'village', ?)`, [
        code,
        `第${code.slice(-2)}村`,
        TOWN,
      ]);
    await store.transaction(async (tx) => {
      for (let p = 0; p < PERSONS; p++) {
        const village = villages[p % VILLAGES]!;
        await tx.persons.upsert(makePerson(village, { id: personId(p) }), village, NOW);
      }
    });
  }
  // One sealed case body, written by the real repository, reused by every generated case.
  const template = await sealedCaseData(t, agentId, villages[0]!);

  const columns = `id, number, item_code, village_code, township_code, county_code, agent_id, applicant_id, status,
    version, revision, data, due_on, accepted_on, suspended_on, resume_status, submitted_at, updated_at`;
  const perRow = `(${columns
    .split(',')
    .map(() => '?')
    .join(', ')})`;
  const statement = (rows: number) =>
    `INSERT INTO cases (${columns}) VALUES ${Array.from({ length: rows }, () => perRow).join(', ')}`;
  const rowOf = (i: number): SqlValue[] => {
    const inTown = i % 10 !== 9;
    const village = inTown ? villages[i % VILLAGES]! : otherVillages[i % otherVillages.length]!;
    const status = statusOf(i);
    // Submitted over the last three years; the most recent are the ones still open.
    const open = ['submitted', 'resubmitted', 'in_review', 'returned', 'accepted', 'accepted_tolerance'].includes(
      status,
    );
    const submittedAt = open
      ? NOW - ((i * 104_729) % (40 * DAY))
      : NOW - 40 * DAY - ((i * 104_729) % (3 * 365 * DAY));
    const dated = !['submitted', 'resubmitted', 'in_review', 'returned'].includes(status);
    // Running cases fall due over the next four weeks; one in eight is already late.
    const dueOn = dated
      ? isoDay(
          ['accepted', 'accepted_tolerance'].includes(status)
            ? NOW + (((i * 31) % 32) - 4) * DAY
            : submittedAt + 20 * DAY,
        )
      : null;
    const id = `00000000-0000-7000-8000-${String(100_000_000_000 + i)}`;
    return [
      id,
      `B${i}`,
      items[(i * 13) % items.length]!,
      village,
      inTown ? TOWN : OTHER_TOWN,
      COUNTY,
      agentId,
      personId(i % PERSONS),
      status,
      1,
      1,
      template,
      dueOn,
      dueOn && isoDay(submittedAt + DAY),
      null,
      null,
      submittedAt,
      NOW,
    ];
  };
  for (let start = from; start < total; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(total, start + ROWS_PER_TRANSACTION);
    await t.db.transaction(async (tx) => {
      for (let i = start; i < end; i += ROWS_PER_INSERT) {
        const n = Math.min(ROWS_PER_INSERT, end - i);
        await tx.run(
          statement(n),
          Array.from({ length: n }, (_, k) => rowOf(i + k)).flat(),
        );
      }
    });
  }
  // A bulk load rebuilds the counters as migrations 13 and 19 backfill them.
  await t.db.transaction(async (tx) => {
    await tx.run(`DELETE FROM case_counts`);
    await tx.run(`INSERT INTO case_counts (township_code, village_code, item_code, status, county_code, n)
      SELECT township_code, village_code, item_code, status, MAX(county_code), COUNT(*) FROM cases
      GROUP BY township_code, village_code, item_code, status`);
    await tx.run(`DELETE FROM case_due_counts`);
    await tx.run(`INSERT INTO case_due_counts (township_code, due_on, county_code, n)
      SELECT township_code, due_on, MAX(county_code), COUNT(*) FROM cases
      WHERE status IN ('accepted', 'accepted_tolerance') AND due_on IS NOT NULL
      GROUP BY township_code, due_on`);
  });
  // PostgreSQL plans from statistics, which autovacuum would gather soon after such a load.
  await t.vacuum();
}

const personId = (p: number) => `00000000-0000-7000-9000-${String(100_000_000_000 + p)}`;

/** The `data` column of one case written by the real repository (sealed as the server seals). */
async function sealedCaseData(t: Target, agentId: string, village: string): Promise<string> {
  const existing = await t.db.get<{ data: string }>(`SELECT data FROM cases LIMIT 1`);
  if (existing) return existing.data;
  const id = uuidv7();
  const person = makePerson(village, { id: personId(0) });
  await t.app.store.transaction(async (tx) => {
    const item = (await tx.catalog.list())[0]!;
    await tx.cases.insert({
      id,
      number: 'TEMPLATE',
      itemCode: item.code,
      villageCode: village,
      townshipCode: TOWN,
      countyCode: COUNTY,
      agentId,
      applicantId: person.id,
      status: 'rated',
      version: 1,
      revision: 1,
      data: {
        id,
        number: 'TEMPLATE',
        itemCode: item.code,
        itemVersion: item.version,
        applicantId: person.id,
        status: 'rated',
        fields: { phone: '13800000000', address: '彭村村一组 12 号' },
        acknowledged: [],
        tolerance: [],
        villageCode: village,
        agentId,
        revision: 1,
        baseVersion: 1,
        createdAt: NOW,
        updatedAt: NOW,
      } as never,
      dueOn: null,
      acceptedOn: null,
      suspendedOn: null,
      resumeStatus: null,
      submittedAt: NOW,
      updatedAt: NOW,
    });
  });
  const data = (await t.db.get<{ data: string }>(`SELECT data FROM cases WHERE id = ?`, [id]))!.data;
  // The template goes again: the generator's counts are its own.
  await t.db.transaction(async (tx) => {
    await tx.run(`DELETE FROM cases WHERE id = ?`, [id]);
  });
  return data;
}

/** What GET /api/review/cases ran before migration 13, on the same data (the baseline). */
async function oldInbox(db: SqlDatabase, statuses: CaseStatus[], today: string): Promise<void> {
  const marks = statuses.map(() => '?').join(', ');
  await db.all(
    `SELECT id, number, item_code, village_code, township_code, county_code, agent_id, applicant_id, status, version,
       revision, data, due_on, accepted_on, suspended_on, resume_status, submitted_at, updated_at
     FROM cases WHERE township_code = ? AND status IN (${marks})
     ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, submitted_at, id LIMIT ? OFFSET ?`,
    [TOWN, ...statuses, PAGE, 0],
  );
  const scopes: [string, SqlValue[]][] = [
    [`township_code = ? AND status IN (${marks})`, [TOWN, ...statuses]],
    ['township_code = ?', [TOWN]],
  ];
  for (const [where, params] of scopes)
    for (const column of ['status', 'village_code', 'item_code'])
      await db.all(`SELECT ${column} AS k, COUNT(*) AS n FROM cases WHERE ${where} GROUP BY ${column}`, params);
  await db.get(
    `SELECT COUNT(*) AS n FROM cases WHERE township_code = ? AND due_on < ? AND status IN ('accepted', 'accepted_tolerance')`,
    [TOWN, today],
  );
}

async function login(t: Target): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: versionHeaders(),
    payload: { username: 'reviewer1', password: 'daiban123' },
  });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode}`);
  return res.json<{ token: string }>().token;
}

interface InboxAnswer {
  cases: { id: string }[];
  total: number;
  next: string | null;
  counts: { total: number };
}

/**
 * One request through the real route (Fastify's whole pipeline: session, validation, the handler,
 * JSON, brotli as a browser asks for it) without a socket, so that the client's own work (fetch,
 * inflating, parsing) stays out of the figure. Wall time, and the CPU time this process spent on
 * it (on SQLite that includes the database): the figure the shared machine's load disturbs least.
 */
async function inbox(
  t: Target,
  token: string,
  query: string,
  app: FastifyInstance = t.app,
): Promise<{ ms: number; cpuMs: number; queuedMs: number; body: InboxAnswer }> {
  const cpu0 = process.cpuUsage();
  const queued0 = runQueueMs();
  const t0 = performance.now();
  const res = await app.inject({
    url: `/api/review/cases?${query}`,
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip', ...versionHeaders() },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const queuedMs = runQueueMs() - queued0;
  if (res.statusCode !== 200) throw new Error(`inbox ${query}: ${res.statusCode}`);
  const body = JSON.parse(brotliDecompressSync(res.rawPayload).toString()) as InboxAnswer;
  return { ms, cpuMs, queuedMs, body };
}

/**
 * How long this process's main thread (JavaScript, and SQLite's calls) has waited, ready to run,
 * for a CPU the other processes held (Linux /proc/self/schedstat, field 2, in ns): on a busy shared
 * machine, the part of the wall time that is neither this server's work nor its database's.
 */
function runQueueMs(): number {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0; // not Linux: the figure reads 0
  }
}

const AWAITING = 'status=submitted,resubmitted,in_review&limit=200';

/**
 * DAIBAN_BENCH_INBOX_PROFILE=<dir>: a V8 CPU profile of the measured first-page requests (both
 * servers when a base runs), one file per engine and size, to open in Chrome's DevTools; on
 * PostgreSQL also the server's log of every statement's parse, bind and execute times meanwhile.
 */
async function startProfile(t: Target): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.DAIBAN_BENCH_INBOX_PROFILE;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const pgLog = t.pgUrl ? await pgLogFile(t.pgUrl) : null;
  const logFrom = pgLog && existsSync(pgLog) ? statSync(pgLog).size : 0;
  if (t.pgUrl) await pgSystem(t.pgUrl, PG_PROFILE_SETTINGS);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const file = join(dir, `inbox-${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  CPU profile: ${file}`);
      if (!t.pgUrl || !pgLog) return;
      await pgSystem(t.pgUrl, Object.fromEntries(Object.keys(PG_PROFILE_SETTINGS).map((k) => [k, null])));
      const log = join(dir, `inbox-${name}.pglog`);
      writeFileSync(log, readFileSync(pgLog).subarray(logFrom));
      console.log(`  PostgreSQL statement log with plans: ${log}`);
    },
  };
}

/** Every statement's parse, bind and execute times, and each plan as it ran, in the server log. */
const PG_PROFILE_SETTINGS = {
  log_min_duration_statement: '0',
  'auto_explain.log_min_duration': '0',
  'auto_explain.log_analyze': 'on',
  'auto_explain.log_buffers': 'on',
};

/** `ALTER SYSTEM` (null: RESET) and a reload, on the bench's throw-away cluster. */
async function pgSystem(url: string, settings: Record<string, string | null>): Promise<void> {
  // Outside any transaction (ALTER SYSTEM refuses one): a connection of its own.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const [name, value] of Object.entries(settings))
      await admin.query(value === null ? `ALTER SYSTEM RESET ${name}` : `ALTER SYSTEM SET ${name} = ${value}`);
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
}

async function pgLogFile(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return join(dirname(rows[0]!.data_directory), 'log'); // where scripts/with-postgres.mjs logs
  } finally {
    await client.end();
  }
}

async function measure(t: Target, size: number): Promise<BenchResult[]> {
  const token = await login(t);
  const today = chinaDate(NOW);
  const label = `${t.engine}, ${size.toLocaleString('en-US')} cases`;
  // The browser's first screen: the waiting cases and the running ones, each a page of 200.
  const first = await inbox(t, token, AWAITING);
  if (first.body.cases.length !== Math.min(PAGE, first.body.total) || first.body.counts.total < size * 0.85)
    throw new Error(`unexpected inbox: ${first.body.cases.length} rows, ${first.body.counts.total} in scope`);
  const runs = 15;
  // Warm-up (the JIT, the caches): the first size measured would otherwise pay for it.
  for (let r = 0; r < 20; r++) await inbox(t, token, r % 2 ? AWAITING : 'limit=200');
  const base = t.baseApp;
  if (base) for (let r = 0; r < 20; r++) await inbox(t, token, r % 2 ? AWAITING : 'limit=200', base);
  const profile = await startProfile(t);
  const fresh: number[] = [];
  const freshCpu: number[] = [];
  const freshQueued: number[] = [];
  const baseRuns = { ms: [] as number[], cpuMs: [] as number[], queuedMs: [] as number[] };
  for (let r = 0; r < runs; r++) {
    // In turns, each first every other time: neither always follows the other.
    const order = base ? (r % 2 ? ['base', 'new'] : ['new', 'base']) : ['new'];
    for (const which of order) {
      const a = await inbox(t, token, AWAITING, which === 'base' ? base! : t.app);
      if (which === 'base') {
        baseRuns.ms.push(a.ms);
        baseRuns.cpuMs.push(a.cpuMs);
        baseRuns.queuedMs.push(a.queuedMs);
        continue;
      }
      fresh.push(a.ms);
      freshCpu.push(a.cpuMs);
      freshQueued.push(a.queuedMs);
    }
  }
  await profile?.stop(`${t.engine}-${size}`);
  // The baseline after, not in turns: at a million cases each of its runs sorts the township on
  // disk, and the requests measured right after one would pay for its aftermath.
  const oldRuns = size >= 500_000 ? 3 : size >= 50_000 ? 5 : 9;
  const old: number[] = [];
  const oldCpu: number[] = [];
  for (let r = 0; r < oldRuns + 1; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await oldInbox(t.db, ['submitted', 'resubmitted', 'in_review'], today);
    const b = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (r < 1) continue; // the baseline's warm-up
    old.push(b);
    oldCpu.push((cpu.user + cpu.system) / 1000);
  }
  const running: number[] = [];
  for (let r = 0; r < runs; r++)
    running.push((await inbox(t, token, 'status=accepted,accepted_tolerance&limit=200')).ms);

  // Page 26 (cases 5,000-5,199) of every case in the township: by offset, and by cursor.
  const deep = 25 * PAGE;
  let after = (await inbox(t, token, 'limit=200')).body.next;
  for (let p = 1; p < 25 && after; p++) after = (await inbox(t, token, `limit=200&after=${after}`)).body.next;
  const byOffset: number[] = [];
  const byCursor: number[] = [];
  for (let r = 0; r < Math.min(runs, 7); r++) {
    byOffset.push((await inbox(t, token, `limit=200&offset=${deep}`)).ms);
    if (after) byCursor.push((await inbox(t, token, `limit=200&after=${after}`)).ms);
  }
  const against = (figure: string, unit: string, value: number, of: number[]): BenchResult[] =>
    base ? [{ figure: `${figure} against base ${BASE_REF}`, unit, value, baseline: { label: `base ${BASE_REF}`, value: median(of) } }] : [];
  const results: BenchResult[] = [
    ...against(`inbox: first page of 200 + counts, real route (${label}, median of ${runs})`, 'ms', median(fresh), baseRuns.ms),
    ...against(`inbox: the same, CPU time in the server process (${label})`, 'ms', median(freshCpu), baseRuns.cpuMs),
    ...against(`inbox: the same, waiting for a CPU (${label})`, 'ms', median(freshQueued), baseRuns.queuedMs),
    {
      figure: `inbox: first page of 200 + counts, real route (${label}, median of ${runs})`,
      unit: 'ms',
      value: median(fresh),
      baseline: { label: 'its statements before migration 13, SQL only', value: median(old) },
    },
    ...(t.engine === 'SQLite'
      ? [
          {
            figure: `inbox: the same, CPU time in the server process (${label})`,
            unit: 'ms',
            value: median(freshCpu),
            baseline: { label: 'its statements before migration 13, SQL only', value: median(oldCpu) },
          },
        ]
      : []),
    {
      figure: `inbox: the same, time the server's main thread waited for a CPU held by other processes (${label}, load ${loadavg()[0]!.toFixed(1)})`,
      unit: 'ms',
      value: median(freshQueued),
    },
    {
      figure: `inbox: running cases, first page of 200 + counts (${label})`,
      unit: 'ms',
      value: median(running),
    },
  ];
  if (byCursor.length)
    results.push({
      figure: `inbox: cases 5,000-5,199 of every status by cursor (${label})`,
      unit: 'ms',
      value: median(byCursor),
      baseline: { label: 'the same page by offset', value: median(byOffset) },
    });
  return results;
}

async function runEngine(engine: Target['engine'], list: number[]): Promise<BenchResult[]> {
  if (list.length === 0) return [];
  const t = await start(engine);
  const results: BenchResult[] = [];
  const firstPage: { size: number; ms: number }[] = [];
  try {
    let have = 0;
    for (const size of [...list].sort((a, b) => a - b)) {
      const t0 = performance.now();
      await generate(t, have, size);
      console.log(`  ${engine}: ${size.toLocaleString('en-US')} cases generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      have = size;
      const out = await measure(t, size);
      firstPage.push({ size, ms: out[0]!.value });
      results.push(...out);
    }
  } finally {
    await t.close();
  }
  // How the figure grows with the data: each size against the smallest.
  const smallest = firstPage[0]!;
  for (const f of firstPage.slice(1))
    results.push({
      figure: `inbox growth (${engine}): ${f.size.toLocaleString('en-US')} cases against ${smallest.size.toLocaleString('en-US')} (${f.size / smallest.size}× the data)`,
      unit: 'ms',
      value: f.ms,
      baseline: { label: `at ${smallest.size.toLocaleString('en-US')}`, value: smallest.ms },
    });
  return results;
}

export async function run(): Promise<BenchResult[]> {
  return [...(await runEngine('SQLite', SQLITE_SIZES)), ...(await runEngine('PostgreSQL', PG_SIZES))];
}
