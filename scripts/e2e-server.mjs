// Server for browser tests: the built app (npm test builds first) on a fresh temporary data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = process.env.DAIBAN_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'daiban-e2e-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, DAIBAN_DATA_DIR: dataDir },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
