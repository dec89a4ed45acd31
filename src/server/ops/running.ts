// "A server is running on this data folder": <data>/server.pid, written at start and removed at
// close. Operations that must not run beside a live server (key rotation: the server keeps the
// master keys it read at start) check it; a file left by a crash names a dead process and is ignored.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pidFile = (dataDir: string) => join(dataDir, 'server.pid');

export function markRunning(dataDir: string): () => void {
  const file = pidFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (runningServer(dataDir) === process.pid) rmSync(file, { force: true });
  };
}

/** The process id of the live server on `dataDir`, or null. */
export function runningServer(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
