// Server for browser tests: the built app and compiled server (npm test builds first) on a fresh temporary data
// folder, deleted again on exit. PORT comes from the environment (playwright.config.ts).
// Browser tests log in many times a minute from one address: the login limit is raised here.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ownDir = !process.env.DAIBAN_DATA_DIR;
const dataDir = process.env.DAIBAN_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'daiban-e2e-'));
const server = spawn(process.execPath, ['--enable-source-maps', 'dist-server/main.mjs'], {
  stdio: 'inherit',
  env: {
    DAIBAN_LOG_LEVEL: 'warn',
    DAIBAN_CHECK_RESPONSES: '1',
    DAIBAN_LOGIN_PER_MINUTE: '1000',
    DAIBAN_API_PER_MINUTE: '100000',
    // HTTPS on any free port: the suite talks to http://localhost, and a fixed port could be taken.
    DAIBAN_HTTPS_PORT: '0',
    ...process.env,
    DAIBAN_DATA_DIR: dataDir,
  },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => {
  if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
