// `npm start`: build the PWA and the server when their sources are newer than their build, then
// run the compiled township server (dist-server/main.mjs) with plain node on embedded defaults
// (./data: SQLite + blob files). The first start seeds the demo county and prints the URL and the
// demo logins. In a runtime-only install (`npm ci --omit=dev`) nothing is rebuilt: the build
// tools are not there, so a stale or missing build stops with a message instead.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_OUT_DIR, SERVER_SOURCES, buildServer } from './build-server.mjs';

const PWA_SOURCES = ['src', 'sw', 'public', 'index.html', 'vite.config.ts', 'package.json'];
/** The server's own folder is not part of the PWA. */
const PWA_IGNORED = ['src/server'];
const SERVER_MAIN = `${SERVER_OUT_DIR}/main.mjs`;

function newestMtime(path, ignored = []) {
  if (!existsSync(path) || ignored.includes(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry), ignored));
  return newest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const isStale = (output, sources, ignored = []) => {
  const built = builtAt(output);
  return built === 0 || sources.some((p) => newestMtime(p, ignored) > built);
};

async function buildTool(name) {
  try {
    return await import(name);
  } catch {
    console.error(
      `The build is missing or older than the sources, and ${name} is not installed (a runtime-only\n` +
        `install?). Run \`npm ci && npm run build\`, then \`npm ci --omit=dev\` again if you want a lean tree.`,
    );
    process.exit(1);
  }
}

if (isStale('dist/index.html', PWA_SOURCES, PWA_IGNORED)) {
  await buildTool('vite');
  console.log('Building the PWA (vite build)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const { precompress } = await import('./precompress.mjs');
  precompress('dist');
}

if (isStale(SERVER_MAIN, SERVER_SOURCES)) {
  await buildTool('esbuild');
  console.log('Building the server (esbuild → dist-server/)…');
  await buildServer();
}

const server = spawn(process.execPath, ['--enable-source-maps', SERVER_MAIN], {
  stdio: 'inherit',
  env: { DAIBAN_LOG_LEVEL: 'warn', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
