// The tamper-evident audit log: events are hash-chained per case (and one admin chain), carry the
// server's time beside the tablet's, rows written before migration 6 are chained by it, and
// editing, deleting or reordering rows straight in the SQLite file is caught both by
// `npm run admin -- audit:verify` (a real child process) and by the reviewer's case detail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { uuidv7, type AuditEvent } from '../../src/domain';
import { verifyAllAudit } from '../../src/server/audit/verify';
import { openSqliteStore } from '../../src/server/store';
import { migrate, MIGRATIONS } from '../../src/server/store/migrations';
import { openSqlite } from '../../src/server/store/sqlite';
import { UniqueViolation } from '../../src/server/store/sql';
import { bearer, keySettings, login, push, rawWrite, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

const run = promisify(execFile);
const HOUR = 3_600_000;

async function auditVerify(s: TestServer): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'audit:verify'], {
      env: { ...process.env, DAIBAN_DATA_DIR: s.dir, DATABASE_URL: s.config.databaseUrl ?? '' },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

interface AuditRow {
  seq: number;
  id: string;
  data: string;
  chain_seq: number;
}

describe('hash-chained audit on a running server', () => {
  let s: TestServer;
  let agent: Awaited<ReturnType<typeof login>>;
  let reviewer: Awaited<ReturnType<typeof login>>;
  const cases: string[] = [];

  const detail = async (id: string) => {
    const res = await s.app.inject({ url: `/api/review/cases/${id}`, headers: bearer(reviewer.token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      audit: (AuditEvent & { serverAt?: number })[];
      auditCheck: { ok: boolean; problem?: string; eventId?: string };
    };
  };
  const rowsOf = (caseId: string) =>
    s.db.all<AuditRow>(`SELECT seq, id, data, chain_seq FROM audit WHERE case_id = ? ORDER BY seq`, [caseId]);
  /** A second, writable connection: what someone with the database would do. */
  const tamper = (sql: string, params: (string | number)[] = []) => rawWrite(s.config, sql, params);

  beforeAll(async () => {
    s = await startServer();
    agent = await login(s.app, 'agent1');
    reviewer = await login(s.app, 'reviewer1');
    for (let i = 0; i < 5; i++) {
      const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
      await uploadAll(s.app, agent.token, built.files);
      // Prepared offline two hours before it reached the township.
      const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now - 2 * HOUR)]);
      expect(results[0]).toMatchObject({ status: 'ok' });
      const id = built.submission.case.id;
      const opened = await s.app.inject({
        method: 'POST',
        url: `/api/review/cases/${id}/open`,
        headers: bearer(reviewer.token),
      });
      expect(opened.statusCode, opened.body).toBe(200);
      cases.push(id);
      s.clock.now += 60_000;
    }
  }, 60_000);
  afterAll(() => s.close());

  it('links every event of a case to the one before, with the server time beside the device time', async () => {
    const rows = await s.db.all<{ chain: string; chain_seq: number; prev_hash: string; hash: string }>(
      `SELECT chain, chain_seq, prev_hash, hash FROM audit WHERE case_id = ? ORDER BY seq`,
      [cases[0]!],
    );
    expect(rows.map((r) => r.chain_seq)).toEqual([1, 2, 3]);
    expect(rows.every((r) => r.chain === cases[0])).toBe(true);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
    const head = await s.db.get<{ last_seq: number; last_hash: string }>(
      `SELECT last_seq, last_hash FROM audit_chains WHERE chain = ?`,
      [cases[0]!],
    );
    expect(head).toEqual({ last_seq: 3, last_hash: rows[2]!.hash });

    const d = await detail(cases[0]!);
    expect(d.auditCheck).toEqual({ ok: true });
    const submit = d.audit.find((e) => e.action === 'submit')!;
    expect(submit.serverAt! - submit.at).toBe(2 * HOUR);
    const open = d.audit.find((e) => e.action === 'open-review')!;
    expect(open.serverAt).toBe(open.at);
  });

  it('audit:verify passes a clean log with a count', async () => {
    const total = (await s.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit`))!.n;
    const chains = (await s.db.get<{ n: number }>(`SELECT COUNT(DISTINCT chain) AS n FROM audit`))!.n;
    const r = await auditVerify(s);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`audit chains intact: ${total} events in ${chains} chains`);
  }, 60_000);

  it('catches an edited, a deleted, a reordered, a truncated and a forged row, in the CLI and on the desk', async () => {
    const [edited, deleted, reordered, truncated, forged] = cases as [string, string, string, string, string];

    // Edited: the submit's detail rewritten in the JSON the timeline shows.
    const e = (await rowsOf(edited))[0]!;
    await tamper(`UPDATE audit SET data = ? WHERE seq = ?`, [
      JSON.stringify({ ...JSON.parse(e.data), detail: '改过的' }),
      e.seq,
    ]);
    // Deleted: the middle event (sync-accepted) removed.
    const d = await rowsOf(deleted);
    await tamper(`DELETE FROM audit WHERE seq = ?`, [d[1]!.seq]);
    // Reordered: the last two rows swap places in the timeline.
    const r = await rowsOf(reordered);
    // PostgreSQL's identity column refuses new values until its owner says otherwise.
    if (s.config.databaseUrl) await tamper(`ALTER TABLE audit ALTER COLUMN seq SET GENERATED BY DEFAULT`);
    await tamper(`UPDATE audit SET seq = -1 WHERE seq = ?`, [r[1]!.seq]);
    await tamper(`UPDATE audit SET seq = ? WHERE seq = ?`, [r[1]!.seq, r[2]!.seq]);
    await tamper(`UPDATE audit SET seq = ? WHERE seq = -1`, [r[2]!.seq]);
    // Truncated: the newest event removed (no later link points at it; the head does).
    const t = await rowsOf(truncated);
    await tamper(`DELETE FROM audit WHERE seq = ?`, [t[2]!.seq]);
    // Forged: a row slipped in without a link.
    const forgedId = uuidv7(s.clock.now);
    const fake: AuditEvent = {
      id: forgedId,
      entity: 'case',
      entityId: forged,
      caseId: forged,
      action: 'accept',
      actor: { role: 'reviewer', id: reviewer.user.id },
      at: s.clock.now,
    };
    await tamper(`INSERT INTO audit (id, case_id, entity, entity_id, action, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      forgedId,
      forged,
      'case',
      forged,
      'accept',
      JSON.stringify(fake),
      fake.at,
    ]);

    const cli = await auditVerify(s);
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/audit log tampered: 5 chain/);
    const line = (caseId: string) => cli.out.split('\n').find((l) => l.includes(`case ${caseId}`)) ?? '';
    expect(line(edited)).toMatch(new RegExp(`edited at chain seq 1, event ${e.id}`));
    expect(line(deleted)).toMatch(new RegExp(`deleted at chain seq 3, event ${d[2]!.id}`));
    expect(line(reordered)).toMatch(new RegExp(`reordered at chain seq 3, event ${r[2]!.id}`));
    expect(line(truncated)).toMatch(/deleted at chain seq 3 — the newest 1 event/);
    expect(line(forged)).toMatch(new RegExp(`edited at event ${forgedId}`));

    expect((await detail(edited)).auditCheck).toEqual({ ok: false, problem: 'edited', eventId: e.id });
    expect((await detail(deleted)).auditCheck).toEqual({ ok: false, problem: 'deleted', eventId: d[2]!.id });
    expect((await detail(reordered)).auditCheck).toEqual({ ok: false, problem: 'reordered', eventId: r[2]!.id });
    expect((await detail(truncated)).auditCheck).toEqual({ ok: false, problem: 'deleted' });
    expect((await detail(forged)).auditCheck).toEqual({ ok: false, problem: 'edited', eventId: forgedId });
  }, 60_000);
});

describe('chaining at the store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'daiban-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const event = (caseId: string | undefined, at: number, action = 'note'): AuditEvent => ({
    id: uuidv7(at),
    entity: caseId ? 'case' : 'user',
    entityId: caseId ?? 'u1',
    ...(caseId && { caseId }),
    action,
    actor: { role: 'system', id: 'test' },
    at,
  });

  it('chains the rows written before migration 6, once, so verification covers them', async () => {
    const file = join(dir, 'legacy.db');
    const db = openSqlite(file);
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 6),
    );
    const caseA = uuidv7();
    const legacy = [event(caseA, 1000, 'submit'), event(undefined, 1500, 'create'), event(caseA, 2000, 'accept')];
    for (const e of legacy)
      await db.run(
        `INSERT INTO audit (id, case_id, entity, entity_id, action, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [e.id, e.caseId ?? null, e.entity, e.entityId, e.action, JSON.stringify(e), e.at],
      );
    await db.close();

    const store = await openSqliteStore(file, keySettings(dirname(file)));
    const chained = await store.audit.chainRows(caseA);
    expect(chained.map((r) => [r.id, r.chainSeq, r.serverAt])).toEqual([
      [legacy[0]!.id, 1, null],
      [legacy[2]!.id, 2, null],
    ]);
    expect(chained[1]!.prevHash).toBe(chained[0]!.hash);
    expect(await verifyAllAudit(store)).toEqual({ chains: 2, events: 3, breaks: [] });
    // New events continue the legacy chain.
    await store.audit.insert(event(caseA, 3000, 'complete'), 3001);
    const hashes = (await store.audit.chainRows(caseA)).map((r) => r.hash);
    await store.close();

    // Opening again migrates nothing and rehashes nothing.
    const again = await openSqliteStore(file, keySettings(dirname(file)));
    expect((await again.audit.chainRows(caseA)).map((r) => r.hash)).toEqual(hashes);
    expect((await verifyAllAudit(again)).breaks).toEqual([]);
    await again.close();

    const raw = new Database(file);
    raw.prepare(`UPDATE audit SET data = replace(data, '"create"', '"delete"') WHERE case_id IS NULL`).run();
    raw.close();
    const after = await openSqliteStore(file, keySettings(dirname(file)));
    const report = await verifyAllAudit(after);
    expect(report.breaks).toMatchObject([{ chain: 'admin', kind: 'edited', id: legacy[1]!.id, chainSeq: 1 }]);
    await after.close();
  });

  it('chains events written together (insertAll) exactly as one by one: same links, same hashes', async () => {
    const caseA = uuidv7();
    const caseB = uuidv7();
    const events = [
      event(caseA, 1000, 'submit'),
      event(caseA, 1001, 'sync-accepted'),
      event(undefined, 1002, 'create'),
      event(caseB, 1003, 'submit'),
      event(caseA, 1004, 'accept'),
      event(caseA, 1005, 'complete'),
    ];
    const one = await openSqliteStore(join(dir, 'one-by-one.db'), keySettings(dir));
    const together = await openSqliteStore(join(dir, 'together.db'), keySettings(dir));
    try {
      // A head to continue from; the same events in both stores (the hashes cover them).
      const head = event(caseA, 500, 'note');
      await one.audit.insert(head, 600);
      await together.audit.insert(head, 600);
      await together.transaction((tx) => tx.audit.insertAll(events, 2000));
      for (const e of events) await one.audit.insert(e, 2000);
      const links = async (s: typeof one, chain: string) =>
        (await s.audit.chainRows(chain)).map((r) => [r.id, r.chainSeq, r.prevHash, r.hash, r.serverAt]);
      for (const chain of [caseA, caseB, 'admin'])
        expect(await links(together, chain)).toEqual(await links(one, chain));
      expect((await together.audit.chainRows(caseA)).map((r) => r.chainSeq)).toEqual([1, 2, 3, 4, 5]);
      expect(await together.audit.chainHead(caseA)).toMatchObject({ seq: 5 });
      expect(await verifyAllAudit(together)).toEqual({ chains: 3, events: 7, breaks: [] });
    } finally {
      await one.close();
      await together.close();
    }
  });

  it('keeps one chain linear under concurrent writers, and refuses to fork from a stale head', async () => {
    const store = await openSqliteStore(join(dir, 'busy.db'), keySettings(dir));
    const caseA = uuidv7();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? store.audit.insert(event(caseA, 10_000 + i), 20_000 + i)
          : store.transaction((tx) => tx.audit.insert(event(caseA, 10_000 + i), 20_000 + i)),
      ),
    );
    const rows = await store.audit.chainRows(caseA);
    expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAllAudit(store)).toEqual({ chains: 1, events: 40, breaks: [] });

    await store.audit.insert(event(caseA, 50_000), 50_000);
    await store.close();
    // Another writer's view one step behind (as a PostgreSQL process could have without locks).
    const db = new Database(join(dir, 'busy.db'));
    db.prepare(`UPDATE audit_chains SET last_seq = last_seq - 1`).run();
    db.close();
    const stale = await openSqliteStore(join(dir, 'busy.db'), keySettings(dir));
    await expect(stale.audit.insert(event(caseA, 60_000), 60_000)).rejects.toBeInstanceOf(UniqueViolation);
    expect((await stale.audit.chainRows(caseA)).length).toBe(41);
    await stale.close();
  });

  it('keeps the chains linear when separate processes write the same file at once', async () => {
    const file = join(dir, 'processes.db');
    await (await openSqliteStore(file, keySettings(dirname(file)))).close();
    const caseA = uuidv7();
    const start = String(Date.now() + 4_000);
    await Promise.all(
      [1, 2, 3].map(() =>
        run(process.execPath, ['--import', 'tsx', 'tests/server/audit-writer.ts', file, caseA, '100', start], {
          timeout: 60_000,
        }),
      ),
    );
    const store = await openSqliteStore(file, keySettings(dirname(file)));
    const rows = await store.audit.chainRows(caseA);
    expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // The three processes' writes interleave in the chain (not three blocks one after the other).
    const writers = rows.map((r) => (JSON.parse(r.data) as AuditEvent).actor.id);
    expect(new Set(writers).size).toBe(3);
    expect(writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length).toBeGreaterThan(2);
    expect(await verifyAllAudit(store)).toEqual({ chains: 2, events: 300, breaks: [] });
    await store.close();
  }, 90_000);
});
