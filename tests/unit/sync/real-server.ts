// The real township server (buildApp) on a random local port with SQLite in a temp folder (or a
// fresh PostgreSQL database when DAIBAN_TEST_DATABASE_URL is set), the demo county seeded, and
// helpers to log in and read what a reviewer sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from '../../../src/domain';
import { buildApp } from '../../../src/server/app';
import { loadConfig, type ServerConfig } from '../../../src/server/config';
import { createTestDatabase, onPostgres } from '../../server/test-database';

export const AGENT_VILLAGE = '341822100201'; // agent1's village (彭村村, 桃州镇)

export interface RunningServer {
  app: FastifyInstance;
  config: ServerConfig;
  baseUrl: string;
  port: number;
  login(username: string): Promise<string>;
  /** GET as a JSON API client with the given token. */
  get<T>(token: string, path: string): Promise<{ status: number; body: T }>;
  /** A reviewer accepts the first revision of a case; resolves with the HTTP answer. */
  accept(reviewerToken: string, caseId: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startRealServer(
  overrides: Partial<ServerConfig> = {},
  dir = mkdtempSync(join(tmpdir(), 'daiban-sync-')),
): Promise<RunningServer> {
  const database = onPostgres ? await createTestDatabase({ migrated: true }) : null;
  const config: ServerConfig = {
    ...loadConfig({ DAIBAN_DATA_DIR: dir, DAIBAN_STATIC_DIR: join(dir, 'no-static') }),
    ...(database && { databaseUrl: database.url, databasePoolSize: 4 }),
    passwordCost: 10,
    logLevel: 'silent',
    checkResponses: true,
    rateLimits: { loginPerMinute: 1_000, apiPerMinute: 1_000_000 },
    ...overrides,
  };
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    baseUrl,
    port,
    async login(username) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'daiban123' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async get<T>(token: string, path: string) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const type = res.headers.get('content-type') ?? '';
      const body = (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T;
      return { status: res.status, body };
    },
    accept(reviewerToken, caseId) {
      const decision = {
        id: uuidv7(),
        caseId,
        kind: 'accept',
        reasons: [],
        toleranceDue: [],
        reviewerId: 'reviewer1',
        decidedAt: Date.now(),
        revision: 1,
      };
      return fetch(`${baseUrl}/api/review/cases/${caseId}/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reviewerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(decision),
      });
    },
    async close() {
      // A keep-alive connection whose last response (a streamed blob) the server has not yet seen
      // finish is not idle, and close() would wait for Fastify's 72 s keep-alive timeout.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
