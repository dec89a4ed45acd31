// Test-only fault injection: the upload crash test (tests/server/blob-crash.test.ts) runs the
// server as a child process with DAIBAN_TEST_CRASH_AT=<point>[@<nth>] and NODE_ENV=test, and the
// process kills itself (SIGKILL: no cleanup, like a power cut) the nth time it reaches that step.
// Outside NODE_ENV=test the variable is never read.
const wanted = process.env.NODE_ENV === 'test' ? process.env.DAIBAN_TEST_CRASH_AT : undefined;
const [point, nth = '1'] = wanted?.split('@') ?? [];
let hits = 0;

export type CrashPoint =
  | 'upload.begun'
  | 'upload.appended'
  | 'upload.acknowledged'
  | 'upload.verified'
  | 'upload.sealed'
  | 'upload.renamed'
  | 'upload.completing'
  | 'upload.completed'
  | 'upload.owned';

export function crashPoint(name: CrashPoint): void {
  if (point === name && ++hits === Number(nth)) process.kill(process.pid, 'SIGKILL');
}
