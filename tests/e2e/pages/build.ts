// Builds the test and bench pages (this folder's *.html) with Vite into a temporary folder and
// serves them on loopback. They exercise the real modules (the image worker is bundled exactly as
// in the app) without shipping any test code in the app's own build.
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { ortWasmFromOcrDir, selfHostedOcr } from '../../../scripts/ocr-plugin';

const PAGES_DIR = resolve(import.meta.dirname, '.');
const REPO = resolve(PAGES_DIR, '../../..');

/** Extra files served as-is (browser-image-compression loads itself into its worker by URL). */
const VENDOR: Record<string, string> = {
  '/vendor/browser-image-compression.js': join(
    REPO,
    'node_modules/browser-image-compression/dist/browser-image-compression.js',
  ),
};

export async function buildPages(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'daiban-pages-'));
  const input = Object.fromEntries(
    readdirSync(PAGES_DIR)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [f.replace(/\.html$/, ''), join(PAGES_DIR, f)]),
  );
  await build({
    configFile: false,
    root: PAGES_DIR,
    logLevel: 'warn',
    base: '/',
    worker: { format: 'es', plugins: () => [ortWasmFromOcrDir()] },
    // The OCR page installs the recogniser from /ocr/ like the app does.
    plugins: [selfHostedOcr(REPO)],
    build: { outDir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input }, reportCompressedSize: false },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port, with `headers` added to every response. */
export async function servePages(dir: string, headers: Record<string, string> = {}): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = VENDOR[path] ?? join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) && !VENDOR[path]) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Build + serve; `close` also removes the build. */
export async function startPages(): Promise<PageServer> {
  const dir = await buildPages();
  const server = await servePages(dir);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
