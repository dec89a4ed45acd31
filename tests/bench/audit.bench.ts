// The hash-chained audit log on a real SQLite file (synchronous=FULL): what chaining costs a write
// (read the chain head, SHA-256, move the head) against the plain INSERT it replaced, both one
// event per transaction as the sync and review code writes them; and how fast audit:verify walks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7, type AuditEvent } from '../../src/domain';
import { verifyAllAudit } from '../../src/server/audit/verify';
import { openDatabaseCipher } from '../../src/server/store/at-rest';
import { migrate } from '../../src/server/store/migrations';
import { sqlStore } from '../../src/server/store/sql-store';
import { openSqlite } from '../../src/server/store/sqlite';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const EVENTS = 1_000;
const CASES = 50;

function event(caseId: string, i: number): AuditEvent {
  return {
    id: uuidv7(),
    entity: 'case',
    entityId: caseId,
    caseId,
    action: 'submit',
    from: 'ready',
    to: 'queued',
    actor: { role: 'agent', id: 'agent-0001' },
    at: 1_770_000_000_000 + i,
    deviceId: 'tablet-1',
  };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-audit-'));
  const db = openSqlite(join(dir, 'bench.sqlite'));
  try {
    await migrate(db);
    // The audit table as it was before migration 6, for the plain INSERT.
    await db.run(`CREATE TABLE audit_plain (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, case_id TEXT,
      entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, data TEXT NOT NULL, at BIGINT NOT NULL)`);
    await db.run(`CREATE INDEX audit_plain_case ON audit_plain (case_id, seq)`);
    const keys = { masterKey: null, previousKeys: [], file: join(dir, 'master.key') };
    const store = sqlStore(db, (await openDatabaseCipher(db, keys, Date.now())).cipher);
    const cases = Array.from({ length: CASES }, () => uuidv7());

    const time = async (write: (e: AuditEvent) => Promise<unknown>) => {
      const t0 = performance.now();
      for (let i = 0; i < EVENTS; i++) await write(event(cases[i % CASES]!, i));
      return EVENTS / ((performance.now() - t0) / 1000);
    };
    const plain = (e: AuditEvent) =>
      db.transaction((tx) =>
        tx.run(`INSERT INTO audit_plain (id, case_id, entity, entity_id, action, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          e.id, e.caseId ?? null, e.entity, e.entityId, e.action, JSON.stringify(e), e.at,
        ]),
      );
    const chained = (e: AuditEvent) => store.transaction((tx) => tx.audit.insert(e, e.at + 5));
    await time(plain); // warm-up: page cache, JIT
    await time(chained);
    const plainRate = await time(plain);
    const chainedRate = await time(chained);

    const t0 = performance.now();
    const report = await verifyAllAudit(store);
    const verifyRate = report.events / ((performance.now() - t0) / 1000);
    if (report.breaks.length > 0 || report.events !== 2 * EVENTS) throw new Error(`verify: ${JSON.stringify(report)}`);

    return [
      {
        figure: `audit event write, hash-chained (${CASES} case chains), one per transaction`,
        unit: 'events/s',
        value: chainedRate,
        baseline: { label: 'plain INSERT (before migration 6)', value: plainRate },
      },
      { figure: `audit:verify over ${report.events} events in ${report.chains} chains`, unit: 'events/s', value: verifyRate },
    ];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
