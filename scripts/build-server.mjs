// Compiles the township server (and its operator tools) to plain JavaScript in dist-server/, so
// production runs `node dist-server/main.mjs` without tsx or any build tool. Each entry point is
// bundled into one ES module with its project imports (domain, catalogue, server) inlined;
// packages from node_modules stay external and come from the runtime-only install
// (`npm ci --omit=dev`), which is why everything imported here must be in "dependencies".
import { existsSync, rmSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SERVER_OUT_DIR = 'dist-server';

/** Every program the server ships: one file each in dist-server/ named after its source. */
export const SERVER_ENTRY_POINTS = ['src/server/main.ts', 'scripts/admin.ts'];

/** Sources that end up in dist-server/: a change in any of them makes `npm start` rebuild. */
export const SERVER_SOURCES = [
  'src/server',
  'src/domain',
  'src/catalog',
  ...SERVER_ENTRY_POINTS.filter((path) => path.startsWith('scripts/')),
  'scripts/build-server.mjs',
  'package.json',
];

export async function buildServer({ outDir = SERVER_OUT_DIR, logLevel = 'warning' } = {}) {
  // Loaded here, not at the top: scripts/start.mjs reads the lists above in a runtime-only
  // install, where esbuild (a devDependency) is absent.
  const { build } = await import('esbuild');
  const entryPoints = SERVER_ENTRY_POINTS.filter((path) => existsSync(path));
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(entryPoints.map((path) => [basename(path, extname(path)), path])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    // The catalogue and the domain are large tables of Chinese text: keep names readable in stacks.
    minify: false,
    logLevel,
  });
  return entryPoints;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const built = await buildServer();
  console.log(`dist-server/: ${built.map((p) => basename(p, extname(p)) + '.mjs').join(', ')}`);
}
