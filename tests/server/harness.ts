// A real app on a temporary data folder: real SQLite file (or a fresh PostgreSQL database when
// DAIBAN_TEST_DATABASE_URL is set, see test-database.ts), real blob directory, a movable clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import { buildApp } from '../../src/server/app';
import { loadConfig, type ServerConfig } from '../../src/server/config';
import type { KeySettings } from '../../src/server/crypto/key-ring';
import { BLOB_CONTENT_TYPE } from '../../src/server/blobs/routes';
import type { Mutation, PushResponse } from '../../src/domain';
import { versionHeaders } from '../../src/domain/api';
import { sha256 } from './fixtures';
import { openPostgres } from '../../src/server/store/postgres';
import { createTestDatabase, onPostgres } from './test-database';

/** Monday 2 March 2026, 10:00 in Beijing: a plain working day. */
export const MONDAY = Date.parse('2026-03-02T02:00:00Z');
export const DAY = 86_400_000;

/**
 * A read-only look at a server's database for assertions (the app itself exposes only its
 * Store, and the app's code reads and writes through the repositories). Portable SQL with `?`.
 */
export interface DbInspector {
  get<T>(sql: string, params?: (string | number)[]): Promise<T | undefined>;
  all<T>(sql: string, params?: (string | number)[]): Promise<T[]>;
  close(): void;
}

export function inspectDb(file: string): DbInspector {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    get: async <T>(sql: string, params: (string | number)[] = []) => db.prepare(sql).get(...params) as T | undefined,
    all: async <T>(sql: string, params: (string | number)[] = []) => db.prepare(sql).all(...params) as T[],
    close: () => db.close(),
  };
}

/** The same look at a PostgreSQL database (its own small pool; reads only). */
export function inspectPostgres(url: string): DbInspector {
  const db = openPostgres(url, { poolSize: 2 });
  return {
    get: (sql, params) => db.get(sql, params),
    all: (sql, params) => db.all(sql, params),
    close: () => void db.close(),
  };
}

/**
 * A writable connection of its own to a server's database: what someone with access to the
 * database (not the app) could do, for tests that tamper with rows.
 */
export async function rawWrite(config: ServerConfig, sql: string, params: (string | number)[] = []): Promise<void> {
  if (config.databaseUrl) {
    const db = openPostgres(config.databaseUrl, { poolSize: 2 });
    try {
      await db.run(sql, params);
    } finally {
      await db.close();
    }
    return;
  }
  const db = new Database(config.dbFile);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** Key settings as the server's defaults would give for the data folder `dir`: a key file there. */
export const keySettings = (dir: string): KeySettings => ({
  masterKey: null,
  previousKeys: [],
  file: join(dir, 'keys', 'master.key'),
});

export interface TestServer {
  app: FastifyInstance;
  /** Read-only SQL on the app's database (SQLite file or PostgreSQL), for assertions. */
  db: DbInspector;
  config: ServerConfig;
  dir: string;
  clock: { now: number };
  /** Stops the app and starts a new one on the same data folder (what a server restart finds). */
  restart(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-server-'));
  const clock = { now: MONDAY };
  const database = onPostgres ? await createTestDatabase({ migrated: true }) : null;
  const config: ServerConfig = {
    ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static') }),
    ...(database && { databaseUrl: database.url, databasePoolSize: 4 }),
    passwordCost: 10,
    logLevel: 'silent',
    checkResponses: true,
    rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 },
    now: () => clock.now,
    ...overrides,
  };
  const app = await buildApp(config);
  const db = config.databaseUrl ? inspectPostgres(config.databaseUrl) : inspectDb(config.dbFile);
  const server: TestServer = {
    app,
    db,
    config,
    dir,
    clock,
    restart: async () => {
      await server.app.close();
      server.app = await buildApp(config);
      return server.app;
    },
    close: async () => {
      db.close();
      await server.app.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export async function login(app: FastifyInstance, username: string, password = 'daiban123') {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return res.json() as { token: string; user: { id: string; villageCode?: string; townshipCode?: string } };
}

/** What this app sends with every request: its token and its protocol version. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...versionHeaders() });

export function patchBlob(
  app: FastifyInstance,
  token: string,
  file: Buffer,
  offset = 0,
  chunk = file.subarray(offset),
  hash = sha256(file),
) {
  return app.inject({
    method: 'PATCH',
    url: `/api/blobs/${hash}`,
    headers: {
      ...bearer(token),
      'content-type': BLOB_CONTENT_TYPE,
      'upload-offset': String(offset),
      'upload-length': String(file.length),
    },
    payload: chunk,
  });
}

export async function uploadAll(app: FastifyInstance, token: string, files: Buffer[]): Promise<void> {
  for (const f of files) {
    const res = await patchBlob(app, token, f);
    if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  }
}

export async function push(app: FastifyInstance, token: string, mutations: Mutation[]): Promise<PushResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: bearer(token),
    payload: { deviceId: 'tablet-1', mutations },
  });
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  return res.json() as PushResponse;
}
