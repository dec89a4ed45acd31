// Production runs the compiled server (`npm run build` → dist-server/main.mjs) with plain node:
// build it, start it as its own process without tsx, and ask it whether it is ready. A bad
// setting stops it with a message naming the variable. The compiled admin tool checks the audit log.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/domain/api';
import { buildServer } from '../../scripts/build-server.mjs';
import { onPostgres } from './test-database';

// Inside the repository, so the bundle's bare imports (fastify, better-sqlite3, …) resolve from
// its node_modules as they do from dist-server/.
const outDir = join('test-results', `server-build-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'daiban-compiled-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  await buildServer({ outDir, logLevel: 'silent' });
}, 60_000);
afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', () => ok()));
  const address = srv.address();
  await new Promise<void>((ok) => srv.close(() => ok()));
  return typeof address === 'object' && address ? address.port : 0;
}

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', join(outDir, 'main.mjs')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, exited, output: () => output };
}

// The compiled bundle on its own SQLite data folder; the SQLite run covers it.
describe.skipIf(onPostgres)('the compiled server', () => {
  it('runs with plain node and reports ready with its versions', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const server = run({
      PORT: String(port),
      HOST: '127.0.0.1',
      DAIBAN_DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: join(dataDir, 'no-static'),
      DAIBAN_PASSWORD_COST: '10',
      DAIBAN_LOG_LEVEL: 'warn',
    });
    const deadline = Date.now() + 30_000;
    let res: Response | undefined;
    while (!res && Date.now() < deadline) {
      if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
      res = await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => undefined);
      if (!res) await new Promise((r) => setTimeout(r, 100));
    }
    expect(res?.status, server.output()).toBe(200);
    expect(await res!.json()).toMatchObject({ ready: true, app: APP_VERSION });
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(
      'daiban_http_requests_total{method="GET",route="/api/ready",status="200"} 1',
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('ships audit:verify in the compiled admin tool', { timeout: 60_000 }, async () => {
    // The data folder the server above created and migrated.
    const verify = () =>
      new Promise<{ code: number | null; out: string }>((ok) => {
        const child = spawn(process.execPath, [join(outDir, 'admin.mjs'), 'audit:verify'], {
          env: { PATH: process.env.PATH ?? '', DAIBAN_DATA_DIR: dataDir },
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (code) => ok({ code, out }));
      });
    const clean = await verify();
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toMatch(/audit chains intact: \d+ events in \d+ chains/);
    const db = new Database(join(dataDir, 'daiban.sqlite'));
    db.prepare(
      `INSERT INTO audit (id, case_id, entity, entity_id, action, data, at) VALUES ('forged', NULL, 'user', 'u', 'x', '{}', 0)`,
    ).run();
    db.close();
    const forged = await verify();
    expect(forged.code).toBe(1);
    expect(forged.out).toMatch(/admin chain: 被修改 edited at event forged/);
  });

  it('stops on a bad setting, naming the variable', async () => {
    const server = run({ DAIBAN_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await server.exited).toBe(78);
    expect(server.output()).toContain('PORT="eighty"');
  });
});
