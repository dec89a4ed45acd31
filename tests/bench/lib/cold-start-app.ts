// The real app for tests/bench/cold-start.bench.ts: a production build into a private temporary
// folder (never the shared dist/, which other work may be rebuilding) served by the real township
// server (`node --import tsx src/server/main.ts`, its own process) on a free port with a
// throwaway data folder and the demo county seeded.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { precompress } from '../../../scripts/precompress.mjs';

const REPO = resolve(import.meta.dirname, '../../..');

/** `vite build` with the project's own config (PWA plugin, service worker) into a temp folder,
 *  then the .br/.gz copies the server sends (as `npm run build` does: without them every file
 *  went out uncompressed, unlike production). `root`: another copy of the sources (e.g. an
 *  earlier commit's, from `sourcesAt`). */
export async function buildAppInto(root = REPO): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'daiban-bench-dist-'));
  // From the sources' own folder: the plugins of earlier commits resolve their files against the
  // working directory (the built catalogue did until now; a base built from here loaded the
  // catalogue on its first screen, ≈ 0.8× FCP in this build's favour with both sides the same).
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    });
  } finally {
    process.chdir(cwd);
  }
  precompress(outDir);
  return outDir;
}

/** The sources at git `ref` in a temp folder (with this checkout's node_modules), to build a
 *  baseline in the same run. Remove the folder afterwards. */
export function sourcesAt(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'daiban-bench-src-'));
  execFileSync('sh', ['-c', 'git archive --format=tar "$1" | tar -x -C "$2"', 'sh', ref, dir], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export interface RunningApp { url: string; close(): Promise<void> }

/** Starts the real server over `staticDir`; resolves once /api/health answers. `root`: the
 *  sources whose server runs (a base build's own, so its headers are the base's too). */
export async function startServer(staticDir: string, root = REPO): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'daiban-bench-data-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DAIBAN_DATA_DIR: dataDir, DAIBAN_STATIC_DIR: staticDir,
      // Plain HTTP only: the HTTPS listener's fixed port (8443) would clash with a second server.
      DAIBAN_HTTPS: '0', DAIBAN_LOG_LEVEL: 'warn', DAIBAN_LOGIN_PER_MINUTE: '1000', DAIBAN_API_PER_MINUTE: '100000',
      // The Vite build just before sets NODE_ENV=production in this process: the server would
      // refuse the demo logins (as in tests/e2e/fixtures/sync-steps.ts).
      NODE_ENV: 'test',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, close };
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await close(); throw new Error(`server did not start in 60 s: ${stderr}`); }
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

export interface JsSize { files: number; rawKb: number; gzipKb: number }

/** Raw and gzip (level 6, the usual server default) size of built JS files. */
export function jsSize(outDir: string, files: readonly string[]): JsSize {
  let raw = 0, gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(outDir, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 6 }).length;
  }
  return { files: files.length, rawKb: raw / 1024, gzipKb: gz / 1024 };
}

/** Every .js file of the build (what the service worker precaches, plus sw.js itself). */
export function allJsFiles(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => relative(outDir, join(outDir, f)));
}

/** The demo agent's first visit: log in, set the lock-screen PIN, wait for the service worker. */
export async function signInWithPin(page: Page, url: string, pin: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill('agent1');
  await page.getByLabel('密码').fill('daiban123');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '办件列表' }).waitFor();
  await page.getByRole('button', { name: '设置锁屏密码' }).click();
  for (let twice = 0; twice < 2; twice++)
    for (const d of pin) await page.getByRole('button', { name: d, exact: true }).click();
  await page.getByText('锁屏密码已设置').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}
