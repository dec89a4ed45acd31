// The SQLite store: pragmas, migrations, transactions that roll back, serialised writers.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openSqlite } from '../../src/server/store/sqlite';
import { migrate, MIGRATIONS } from '../../src/server/store/migrations';
import { openSqliteStore } from '../../src/server/store';
import { UniqueViolation } from '../../src/server/store/sql';
import { buildApp } from '../../src/server/app';
import { keySettings, startServer } from './harness';
import { HOLIDAY_YEARS } from '../../src/domain/calendar';
import { onPostgres } from './test-database';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-store-'));
  dirs.push(dir);
  return join(dir, 'test.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// The SQLite adapter itself (PostgreSQL's: postgres.test.ts).
describe.skipIf(onPostgres)('sqlite store', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const file = tempFile();
    const db = openSqlite(file);
    expect(await db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    await db.transaction(async (tx) => {
      expect(await tx.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
      expect(await tx.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    });
    await db.close();
  });

  it('migrates once and records the schema version', async () => {
    const file = tempFile();
    const db = openSqlite(file);
    const latest = MIGRATIONS.at(-1)!.version;
    expect(await migrate(db)).toBe(latest);
    expect(await migrate(db)).toBe(latest);
    const rows = await db.all<{ version: number }>('SELECT version FROM schema_version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await db.close();
  });

  it('runs a migration merged below one already applied', async () => {
    const db = openSqlite(tempFile());
    const early = { version: 1, name: 'a', statements: () => [`CREATE TABLE a (x TEXT)`] };
    const late = { version: 3, name: 'c', statements: () => [`CREATE TABLE c (x TEXT)`] };
    const middle = { version: 2, name: 'b', statements: () => [`CREATE TABLE b (x TEXT)`] };
    await migrate(db, [early, late]);
    expect(await migrate(db, [early, middle, late])).toBe(3);
    await db.run(`INSERT INTO b (x) VALUES ('ok')`);
    const rows = await db.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
    await db.close();
  });

  it('rolls a failed transaction back completely', async () => {
    const file = tempFile();
    const store = await openSqliteStore(file, keySettings(dirname(file)));
    await store.divisions.upsert({ code: '341822', name: '广德市', level: 'county', parentCode: null });
    await expect(
      store.transaction(async (tx) => {
        await tx.divisions.upsert({ code: '341822100000', name: '桃州镇', level: 'township', parentCode: '341822' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.divisions.get('341822100000')).toBeUndefined();
    await store.close();
  });

  it('enforces foreign keys and reports unique violations as UniqueViolation', async () => {
    const db = openSqlite(tempFile());
    await migrate(db);
    await expect(
      db.run(
        `INSERT INTO divisions (code, name, level, parent_code) VALUES ('341822100000', 'x', 'township', '999999')`,
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.run(`INSERT INTO divisions (code, name, level) VALUES ('341822', '广德市', 'county')`);
    await expect(
      db.run(`INSERT INTO divisions (code, name, level) VALUES ('341822', '广德市', 'county')`),
    ).rejects.toBeInstanceOf(UniqueViolation);
    await db.close();
  });

  it('serialises concurrent async transactions and hides uncommitted writes from readers', async () => {
    const file = tempFile();
    const db = openSqlite(file);
    await migrate(db);
    await db.run(`INSERT INTO divisions (code, name, level) VALUES ('341822', '0', 'county')`);
    // Each transaction reads, yields, then writes read+1: lost updates would show if they interleaved.
    const bump = () =>
      db.transaction(async (tx) => {
        const row = await tx.get<{ name: string }>(`SELECT name FROM divisions WHERE code = '341822'`);
        await new Promise((r) => setTimeout(r, 1));
        expect(await db.get<{ name: string }>(`SELECT name FROM divisions WHERE code = '341822'`)).toEqual(row);
        await tx.run(`UPDATE divisions SET name = ? WHERE code = '341822'`, [String(Number(row!.name) + 1)]);
        // Not yet committed: the reader still sees the old value.
        expect((await db.get<{ name: string }>(`SELECT name FROM divisions WHERE code = '341822'`))!.name).toBe(
          row!.name,
        );
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    expect(await db.get(`SELECT name FROM divisions WHERE code = '341822'`)).toEqual({ name: '20' });
    await db.close();
    // The file is a plain SQLite database another tool can read.
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    raw.close();
  });
});

describe('seeding', () => {
  it('is idempotent across restarts: one set of logins, one catalogue change per item version', async () => {
    const first = await startServer();
    const count = async (table: string) =>
      Number((await first.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
    const before = {
      users: await count('users'),
      changes: await count('changes'),
      divisions: await count('divisions'),
    };
    // One change per catalogue item and per built-in holiday year (the calendar's seed).
    const seeded = (await first.app.store.catalog.list()).length + HOLIDAY_YEARS.length;
    expect(before).toEqual({ users: 9, changes: seeded, divisions: 9 });
    await first.app.close();
    const again = await buildApp(first.config);
    expect({
      users: await count('users'),
      changes: await count('changes'),
      divisions: await count('divisions'),
    }).toEqual(before);
    await again.close();
    first.db.close();
    rmSync(first.dir, { recursive: true, force: true });
  });
});
