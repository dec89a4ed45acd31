// Backup while the server takes pushes, restore into a new folder, and a server started on it
// serves every case and blob the backup's manifest lists. The backup runs as its own process
// (the admin CLI, `admin backup DIR`), as an operator does beside a running server.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/domain';
import { versionHeaders } from '../../src/domain/api';
import { BLOB_CONTENT_TYPE } from '../../src/server/blobs/routes';
import { BackupManifest, restore, verifyBackup } from '../../src/server/ops/backup';
import { plainSha256 } from '../../src/server/crypto/blob-cipher';
import { startRealServer, type RunningServer } from '../unit/sync/real-server';
import { buildCase, sha256, submitMutation } from './fixtures';
import { inspectDb, MONDAY } from './harness';
import { onPostgres } from './test-database';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `daiban-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Agent {
  token: string;
  id: string;
  villageCode: string;
}

async function loginAgent(s: RunningServer, username: string): Promise<Agent> {
  const res = await fetch(`${s.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...versionHeaders() },
    body: JSON.stringify({ username, password: 'daiban123' }),
  });
  const body = (await res.json()) as { token: string; user: { id: string; villageCode: string } };
  return { token: body.token, id: body.user.id, villageCode: body.user.villageCode };
}

/** Uploads a case's files and pushes its submission over HTTP, as a tablet does. */
async function submitCase(s: RunningServer, agent: Agent, now: number): Promise<string> {
  const built = buildCase({ agentId: agent.id, villageCode: agent.villageCode, now });
  const auth = { authorization: `Bearer ${agent.token}`, ...versionHeaders() };
  for (const file of built.files) {
    const res = await fetch(`${s.baseUrl}/api/blobs/${sha256(file)}`, {
      method: 'PATCH',
      headers: {
        ...auth,
        'content-type': BLOB_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-length': String(file.length),
      },
      body: new Uint8Array(file),
    });
    if (res.status !== 200) throw new Error(`upload ${res.status} ${await res.text()}`);
  }
  const res = await fetch(`${s.baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: `tablet-${agent.id}`, mutations: [submitMutation(built.submission, now)] }),
  });
  const answer = (await res.json()) as PushResponse;
  if (answer.results[0]?.status !== 'ok') throw new Error(`push: ${JSON.stringify(answer.results[0])}`);
  return built.submission.case.id;
}

function runAdminBackup(dataDir: string, target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'backup', target], {
      env: { ...process.env, DAIBAN_DATA_DIR: dataDir },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

// SQLite backups (VACUUM INTO); PostgreSQL backups and restores are tested in backup-postgres.test.ts.
describe.skipIf(onPostgres)('backup under write load, then restore', () => {
  it('restores every case and blob the manifest lists, intact', { timeout: 120_000 }, async () => {
    const live = await startRealServer({ now: () => MONDAY });
    const agents = [await loginAgent(live, 'agent1'), await loginAgent(live, 'agent2')];
    const pushed: string[] = [];
    let writing = true;
    const load = agents.map(async (agent) => {
      while (writing) pushed.push(await submitCase(live, agent, MONDAY));
    });
    while (pushed.length < 4) await new Promise((r) => setTimeout(r, 20));
    // The server's own CA (written by the HTTPS layer): backed up and restored with the data.
    mkdirSync(join(live.config.dataDir, 'tls'), { recursive: true });
    writeFileSync(join(live.config.dataDir, 'tls', 'ca.key'), 'ca private key');

    const backupDir = join(tempDir('backup'), 'b1');
    const before = pushed.length;
    const run = await runAdminBackup(live.config.dataDir, backupDir);
    const during = pushed.length - before;
    // A few more pushes after the backup: they must not be in it, and nothing must break.
    const after = pushed.length + 4;
    while (pushed.length < after) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await Promise.all(load);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/backed up to .*: \d+ cases, \d+ blobs/);
    expect(during, 'pushes landed while the backup ran').toBeGreaterThan(0);

    const manifest = BackupManifest.parse(JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')));
    expect(manifest.cases.length).toBeGreaterThanOrEqual(before);
    expect(manifest.cases.length).toBeLessThan(pushed.length);
    expect(manifest.blobs.length).toBeGreaterThan(0);
    // The master key is not in the backup: the operator keeps the key file apart and puts it back.
    expect(manifest.files.some((f) => f.path.startsWith('keys/') || f.path.endsWith('master.key'))).toBe(false);
    const keyFile = readFileSync(live.config.keys.file);
    await live.close();

    const dataDir = join(tempDir('restored'), 'data');
    await restore(backupDir, dataDir);
    mkdirSync(join(dataDir, 'keys'));
    writeFileSync(join(dataDir, 'keys', 'master.key'), keyFile, { mode: 0o600 });
    expect(readFileSync(join(dataDir, 'tls', 'ca.key'), 'utf8')).toBe('ca private key');
    const restored = await startRealServer({ now: () => MONDAY }, dataDir);
    try {
      const ready = await fetch(`${restored.baseUrl}/api/ready`);
      expect(ready.status).toBe(200);
      const admin = await restored.login('admin');
      for (const { id, version } of manifest.cases) {
        const res = await restored.get<{ case: { id: string; version: number } }>(admin, `/api/review/cases/${id}`);
        expect(res.status, id).toBe(200);
        expect(res.body.case.version).toBe(version);
      }
      // Every blob: its bytes on disk (encrypted at rest) decrypt to bytes that hash to its name,
      // and the database holds it as complete with an owner (the file row and its uploader are
      // written in one transaction). Its bytes are served to whoever may see a case using it,
      // checked below.
      const db = inspectDb(restored.config.dbFile);
      try {
        for (const blob of manifest.blobs) {
          const file = join(dataDir, 'blobs', blob.slice(0, 2), blob.slice(2, 4), blob);
          expect(sha256(readFileSync(file)), blob).not.toBe(blob);
          expect(await plainSha256(restored.app.store.crypto.ring, blob, file), blob).toBe(blob);
          const row = await db.get<{ complete: number; owners: number }>(
            `SELECT complete, (SELECT COUNT(*) FROM blob_owners o WHERE o.sha256 = b.sha256) AS owners FROM blobs b WHERE sha256 = ?`,
            [blob],
          );
          expect(row, blob).toEqual({ complete: 1, owners: 1 });
        }
      } finally {
        db.close();
      }
      let served = 0;
      for (const { id } of manifest.cases) {
        const res = await restored.get<{ materials: { pages?: { sha256: string }[] }[] }>(
          admin,
          `/api/review/cases/${id}`,
        );
        const pages = res.body.materials.flatMap((m) => m.pages ?? []);
        for (const page of pages) {
          const bytes = await restored.get<Buffer>(admin, `/api/blobs/${page.sha256}`);
          expect(bytes.status, page.sha256).toBe(200);
          expect(sha256(bytes.body)).toBe(page.sha256);
          served += 1;
        }
      }
      expect(served).toBeGreaterThanOrEqual(manifest.cases.length);
    } finally {
      await restored.close();
    }
  });
});

// SQLite backups (VACUUM INTO); PostgreSQL backups and restores are tested in backup-postgres.test.ts.
describe.skipIf(onPostgres)('restore refuses', () => {
  async function smallBackup(): Promise<string> {
    const s = await startRealServer({ now: () => MONDAY });
    const agent = await loginAgent(s, 'agent1');
    await submitCase(s, agent, MONDAY);
    const dir = join(tempDir('small'), 'b');
    const { backup } = await import('../../src/server/ops/backup');
    await backup(s.config, dir);
    await s.close();
    return dir;
  }

  it('a data folder that is not empty, and a backup folder that is not empty', async () => {
    const dir = await smallBackup();
    const data = tempDir('busy');
    writeFileSync(join(data, 'daiban.sqlite'), 'live data');
    await expect(restore(dir, data)).rejects.toThrow(/not empty/);
    expect(readFileSync(join(data, 'daiban.sqlite'), 'utf8')).toBe('live data');
    const { backup } = await import('../../src/server/ops/backup');
    await expect(backup({ dbFile: join(data, 'daiban.sqlite'), blobDir: data }, dir)).rejects.toThrow(/not empty/);
  });

  it('a backup whose file no longer matches its manifest, writing nothing', async () => {
    const dir = await smallBackup();
    const manifest = await verifyBackup(dir);
    const blob = manifest.files.find((f) => f.path.startsWith('blobs/'))!;
    const path = join(dir, ...blob.path.split('/'));
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(path, bytes);
    const data = join(tempDir('target'), 'data');
    await expect(restore(dir, data)).rejects.toThrow(/does not match its manifest/);
    expect(!existsSync(data) || readdirSync(data).length === 0).toBe(true);
  });

  it('a folder without a manifest (an interrupted backup)', async () => {
    const dir = await smallBackup();
    rmSync(join(dir, 'manifest.json'));
    await expect(restore(dir, join(tempDir('target'), 'data'))).rejects.toThrow(/manifest/);
  });
});
