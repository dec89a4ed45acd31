// Issue 13: the first screen's JavaScript, from the real production build (built into a temp
// folder). "First screen" = the entry script and the chunks index.html preloads for it: what every
// start downloads and runs before anything is drawn (login screen, lock screen, case list). The
// login's own code (fetched on submit) and background work (after the first rows) are not in it;
// tests/e2e/workbench-bundle.spec.ts measures those in a browser. Also the service worker's
// bundle. gzip level 9, as the browser test. Baselines: the same measurement of commit 7bc6694,
// before issue 13.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAppInto } from './lib/cold-start-app';

interface BenchResult { figure: string; unit: string; value: number; baseline?: { label: string; value: number } }

const BEFORE = 'before issue 13 (7bc6694)';
/** Measured with this file's method on a build of 7bc6694. */
const BASELINE = { firstScreenGzip: 150_179, firstScreenRaw: 452_400, firstScreenFiles: 8, swRaw: 285_255, swGzip: 89_842 };

/** The entry and its modulepreloads, as index.html lists them. */
function firstScreenScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script type="module"[^>]*src="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set([...entry, ...preloads])];
}

export async function run(): Promise<BenchResult[]> {
  const outDir = await buildAppInto();
  try {
    const files = firstScreenScripts(readFileSync(join(outDir, 'index.html'), 'utf8'));
    if (files.length === 0) throw new Error('no entry script found in the built index.html');
    let raw = 0, gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(outDir, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    const sw = readFileSync(join(outDir, 'sw.js'));
    // The drain's script, imported at install and at the first `sync` (stop 42; in sw.js before).
    const swSyncFile = readdirSync(join(outDir, 'assets')).find((f) => /^sw-sync-[\w-]+\.js$/.test(f));
    if (!swSyncFile) throw new Error('no assets/sw-sync-*.js in the build');
    const swSync = readFileSync(join(outDir, 'assets', swSyncFile));
    return [
      { figure: 'first-screen JS (entry + preloads), gzip', unit: 'bytes', value: gzip, baseline: { label: BEFORE, value: BASELINE.firstScreenGzip } },
      { figure: 'first-screen JS (entry + preloads), raw', unit: 'bytes', value: raw, baseline: { label: BEFORE, value: BASELINE.firstScreenRaw } },
      { figure: 'first-screen JS files', unit: 'files', value: files.length, baseline: { label: BEFORE, value: BASELINE.firstScreenFiles } },
      { figure: 'service worker sw.js, raw', unit: 'bytes', value: sw.length, baseline: { label: BEFORE, value: BASELINE.swRaw } },
      { figure: 'service worker sw.js, gzip', unit: 'bytes', value: gzipSync(sw, { level: 9 }).length, baseline: { label: BEFORE, value: BASELINE.swGzip } },
      { figure: 'service worker sw-sync.js (at install and the first sync), raw', unit: 'bytes', value: swSync.length },
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
