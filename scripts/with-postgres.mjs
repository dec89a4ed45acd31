#!/usr/bin/env node
// Runs a command against a throw-away PostgreSQL cluster:
//   node scripts/with-postgres.mjs npx vitest run tests/server
// initdb into a temporary folder, start on a free local port, wait until it answers, run the
// command with DAIBAN_TEST_DATABASE_URL set, then stop the cluster and delete the folder (also
// when the command fails or on Ctrl-C). Exits with the command's status.
// PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user (Debian's
// package creates it). PG_BIN overrides where the binaries are (default: the newest under
// /usr/lib/postgresql, else the PATH).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
  process.exit(2);
}

function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  return '';
}
// A fresh Debian machine run as root (the README's `npm test`): install the server first, as
// scripts/ensure-browser.mjs does for Chromium.
if (!binDir() && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('Installing Debian postgresql for the server tests on PostgreSQL…');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql'], {
    stdio: 'inherit',
  });
}
const bin = (name) => (binDir() ? join(binDir(), name) : name);

const asRoot = process.getuid?.() === 0;
/** argv that runs `args` as the cluster's owner. */
const owner = (args) => (asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args);

function run(args, options = {}) {
  const [file, ...rest] = owner(args);
  const result = spawnSync(file, rest, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'daiban-pg-'));
const data = join(dir, 'data');
let started = false;
let cleaned = false;

function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try {
    if (started) run([bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'pipe' });
  } catch (error) {
    console.error(`with-postgres: stopping the cluster: ${error.message}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

let child;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    child?.kill(signal);
    cleanup();
    process.exit(130);
  });
}

let status = 1;
try {
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const port = await freePort();
  const password = 'daiban-test';
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, password, { mode: 0o644 });
  // C locale: text sorts by bytes, as in SQLite (ORDER BY id, username, …).
  run([
    bin('initdb'),
    '-D',
    data,
    '-U',
    'daiban',
    '--pwfile',
    pwfile,
    '--auth',
    'scram-sha-256',
    '--locale=C',
    '--encoding=UTF8',
  ]);
  // A test cluster: durability is not needed, CPU and disk time is.
  const settings = [
    `port=${port}`,
    `listen_addresses='127.0.0.1'`,
    `unix_socket_directories='${dir}'`,
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
    'max_connections=200',
    'shared_buffers=64MB',
  ].join(' -c ');
  run([bin('pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-o', `-c ${settings}`, '-w', '-t', '60', 'start'], {
    stdio: 'pipe',
  });
  started = true;
  run([bin('pg_isready'), '-h', '127.0.0.1', '-p', String(port), '-t', '30']);
  const url = `postgres://daiban:${password}@127.0.0.1:${port}/postgres`;
  console.error(`with-postgres: PostgreSQL ${binDir() || '(PATH)'} on port ${port}`);
  child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DAIBAN_TEST_DATABASE_URL: url },
  });
  status = await new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`with-postgres: ${error.message}`);
      resolve(127);
    });
  });
} catch (error) {
  console.error(`with-postgres: ${error.message}`);
} finally {
  cleanup();
}
process.exit(status);
