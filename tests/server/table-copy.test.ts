// The generic table copy under migrate:to-postgres and backups on PostgreSQL, on tables the daiban
// schema does not have yet: booleans (0/1 in SQLite), JSON (text in SQLite, jsonb with its own key
// order in PostgreSQL), bytes, a foreign key to the same table with children sorting before their
// parents, an identity column with gaps and a SQLite AUTOINCREMENT counter past the last row, and
// text keys whose byte order differs from a language's order ('B' < 'a' < '乡').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type pg from 'pg';
import {
  compareDigests,
  connectPostgres,
  copyPostgresToSqlite,
  copySqliteToPostgres,
  hashPostgres,
  hashSqlite,
  postgresTables,
  type TableShape,
} from '../../src/server/store/table-copy';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-database';

const SQLITE_SCHEMA = [
  `CREATE TABLE nodes (id TEXT PRIMARY KEY, parent TEXT REFERENCES nodes (id), flag INTEGER NOT NULL,
     doc TEXT, raw BLOB, n BIGINT)`,
  `CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, node_id TEXT NOT NULL REFERENCES nodes (id), note TEXT)`,
];
const POSTGRES_SCHEMA = [
  `CREATE TABLE nodes (id TEXT PRIMARY KEY, parent TEXT REFERENCES nodes (id), flag BOOLEAN NOT NULL,
     doc JSONB, raw BYTEA, n BIGINT)`,
  `CREATE TABLE events (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, node_id TEXT NOT NULL REFERENCES nodes (id), note TEXT)`,
];

function sqliteSource(): Database.Database {
  const db = new Database(':memory:');
  for (const sql of SQLITE_SCHEMA) db.exec(sql);
  db.pragma('foreign_keys = OFF'); // rows as a careless writer left them: children first
  const node = db.prepare(`INSERT INTO nodes (id, parent, flag, doc, raw, n) VALUES (?, ?, ?, ?, ?, ?)`);
  node.run('a-child', 'z-root', 1, '{"b":1,"a":[1,{"d":null,"c":"乡"}]}', Buffer.from([0, 255, 7]), 1_234_567_890_123);
  node.run('B-grandchild', 'a-child', 0, null, null, -5);
  node.run('z-root', null, 0, '[]', Buffer.alloc(0), 0);
  node.run('乡-leaf', 'z-root', 1, '"text"', null, null);
  const event = db.prepare(`INSERT INTO events (seq, node_id, note) VALUES (?, ?, ?)`);
  event.run(5, 'a-child', 'first');
  event.run(9, 'z-root', null);
  event.run(12, 'z-root', 'deleted later');
  db.prepare(`DELETE FROM events WHERE seq = 12`).run(); // AUTOINCREMENT's counter stays at 12
  db.pragma('foreign_keys = ON');
  return db;
}

let database: TestDatabase;
let client: pg.Client;
let shapes: TableShape[];

describe.skipIf(!onPostgres)('table copy between SQLite and PostgreSQL', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    client = await connectPostgres(database.url);
    for (const sql of POSTGRES_SCHEMA) await client.query(sql);
    shapes = await postgresTables(client);
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('reads the tables, their keys and references from the schema', () => {
    expect(shapes.map((s) => s.name)).toEqual(['nodes', 'events']);
    const [nodes, events] = shapes;
    expect(nodes!.selfReference).toEqual({ column: 'parent', references: 'id' });
    expect(nodes!.columns.map((c) => c.kind)).toEqual(['text', 'text', 'bool', 'json', 'bytes', 'int']);
    expect(events).toMatchObject({ identity: 'seq', primaryKey: ['seq'], references: ['nodes'] });
  });

  it('copies SQLite into PostgreSQL with equal digests, values in PostgreSQL types, the sequence past SQLite’s counter', async () => {
    const source = sqliteSource();
    await client.query('BEGIN');
    const copied = await copySqliteToPostgres(source, client, shapes);
    await client.query('COMMIT');
    const comparison = compareDigests(copied, await hashPostgres(client, shapes));
    expect(comparison.map((c) => [c.table, c.source.rows, c.same])).toEqual([
      ['nodes', 4, true],
      ['events', 2, true],
    ]);
    // Independently: the source's own digests equal the ones the copy computed while reading.
    expect(hashSqlite(source, shapes)).toEqual(copied);

    const child = await client.query(`SELECT flag, doc, raw, n FROM nodes WHERE id = 'a-child'`);
    expect(child.rows[0]).toEqual({
      flag: true,
      doc: { a: [1, { c: '乡', d: null }], b: 1 },
      raw: Buffer.from([0, 255, 7]),
      n: 1_234_567_890_123,
    });
    const next = await client.query(`INSERT INTO events (node_id) VALUES ('z-root') RETURNING seq`);
    expect(next.rows[0].seq).toBe(13);

    // One flipped boolean changes that table's digest and no other.
    await client.query(`UPDATE nodes SET flag = NOT flag WHERE id = 'B-grandchild'`);
    const tampered = compareDigests(hashSqlite(source, shapes), await hashPostgres(client, shapes));
    expect(tampered.find((c) => c.table === 'nodes')).toMatchObject({ same: false, target: { rows: 4 } });
    await client.query(`UPDATE nodes SET flag = NOT flag WHERE id = 'B-grandchild'`);
    await client.query(`DELETE FROM events WHERE seq = 13`);
    source.close();
  });

  it('copies PostgreSQL back into SQLite: equal digests, AUTOINCREMENT continues past the sequence', async () => {
    const target = new Database(':memory:');
    for (const sql of SQLITE_SCHEMA) target.exec(sql);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    target.exec('BEGIN');
    const copied = await copyPostgresToSqlite(client, target, shapes);
    target.exec('COMMIT');
    await client.query('COMMIT');
    expect(compareDigests(copied, hashSqlite(target, shapes)).every((c) => c.same)).toBe(true);
    expect(target.prepare(`SELECT flag, doc FROM nodes WHERE id = 'a-child'`).get()).toEqual({
      flag: 1,
      doc: '{"a": [1, {"c": "乡", "d": null}], "b": 1}', // jsonb's own text: equal as JSON
    });
    const seq = target.prepare(`INSERT INTO events (node_id) VALUES ('z-root') RETURNING seq`).get() as { seq: number };
    expect(seq.seq).toBe(14);
    target.close();
  });
});
