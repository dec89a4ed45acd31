// The one drain every trigger calls (app start, online, visibility, timer, Background Sync):
// push what is due, then pull what changed — serialised across tabs and the service worker.
// Running it twice, or two at once, duplicates nothing: the lock serialises, mutation ids make
// the server's apply idempotent, and pull pages are stored with their cursor atomically.
import { MAX_PULL_PAGE } from '../domain';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { BlobSync } from './blob-sync';
import { CHUNK_SIZE } from './blob-upload';
import { MESSAGES, RequestError } from './errors';
import { createSyncClient } from './http';
import { memoryLocks, systemLocks, withSyncLock, type LockManagerLike } from './lock';
import type { SyncPorts } from './ports';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { downloadBlobs, restoreCases } from './restore';
import { emptyReport, noteRetry, type DrainOutcome, type DrainReport } from './report';

export interface DrainOptions {
  now?: () => number;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Mutations per push request (the server takes at most 50). */
  batchSize?: number;
  /** How long entries stay claimed by this drain if it dies mid-push. */
  leaseMs?: number;
  blobConcurrency?: number;
  /** File bytes per push group, so the first cases land early on a slow link. */
  groupBytes?: number;
  chunkSize?: number;
  pullPageSize?: number;
  /** Cases per restore page (the server takes at most 50). */
  restorePageSize?: number;
  maxBatches?: number;
  maxPages?: number;
  skipPull?: boolean;
  signal?: AbortSignal;
  /** Lock manager; defaults to navigator.locks, else an in-memory lock for this context only. */
  locks?: LockManagerLike;
  onBlobProgress?: (sha256: string, offset: number, total: number) => void;
}

const contextLocks = memoryLocks();

export async function drain(ports: SyncPorts, options: DrainOptions = {}): Promise<DrainReport> {
  const now = options.now ?? Date.now;
  const crossContext = options.locks ?? systemLocks();
  const outcome = await withSyncLock(
    () => drainLocked(ports, options, crossContext !== undefined),
    crossContext ?? contextLocks,
  );
  if (!outcome.acquired) return { ...emptyReport(now()), outcome: 'busy' };
  return outcome.value;
}

function outcomeOf(error: RequestError): DrainOutcome {
  if (error.kind === 'auth') return 'auth';
  if (error.kind === 'version') return 'update';
  if (error.kind === 'network') return 'offline';
  return 'unavailable';
}

async function drainLocked(ports: SyncPorts, options: DrainOptions, reclaimSending: boolean): Promise<DrainReport> {
  const now = options.now ?? Date.now;
  const report = emptyReport(now());
  // Logged out: touch nothing, the outbox waits for the next login.
  if (!(await ports.session.token())) {
    report.outcome = 'auth';
    report.error = { code: 'auth.required', message: MESSAGES.auth };
    return report;
  }
  const client = createSyncClient({
    baseUrl: ports.net.baseUrl,
    fetch: ports.net.fetch,
    timeoutMs: ports.net.timeoutMs,
    token: () => ports.session.token(),
    onToken: ports.session.rotate && ((rotated) => ports.session.rotate?.(rotated)),
    now,
  });
  const blobs = new BlobSync({
    client,
    blobs: ports.blobs,
    report,
    concurrency: options.blobConcurrency ?? 4,
    signal: options.signal,
    upload: { chunkSize: options.chunkSize ?? CHUNK_SIZE, onProgress: options.onBlobProgress },
  });
  try {
    if (reclaimSending) await ports.outbox.reclaimSending();
    await pushOutbox({
      outbox: ports.outbox,
      client,
      blobs,
      deviceId: await ports.session.deviceId(),
      report,
      now,
      random: options.random ?? Math.random,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      batchSize: options.batchSize ?? 50,
      leaseMs: options.leaseMs ?? 2 * 60_000,
      maxBatches: options.maxBatches ?? 200,
      groupBytes: options.groupBytes ?? 2 * 1024 * 1024,
      signal: options.signal,
    });
    if (!options.skipPull && ports.restore) {
      // A new or wiped device first gets back its open cases (once; resumes if interrupted).
      await restoreCases({
        restore: ports.restore,
        client,
        report,
        pageSize: options.restorePageSize ?? 20,
        maxPages: options.maxPages ?? 500,
        signal: options.signal,
      });
    }
    if (!options.skipPull) {
      await pullChanges({
        pull: ports.pull,
        client,
        report,
        pageSize: options.pullPageSize ?? MAX_PULL_PAGE,
        maxPages: options.maxPages ?? 500,
        signal: options.signal,
      });
    }
    if (!options.skipPull && ports.restore?.backgroundDownloads()) {
      await downloadBlobs(client, ports.restore, await ports.restore.missingBlobs(), report, options.signal);
    }
  } catch (e) {
    if (!(e instanceof RequestError)) throw e;
    report.outcome = outcomeOf(e);
    report.error = e.toIssue();
    // A 429/503 Retry-After is the server's wish; the scheduler adds its own back-off on top.
    if (e.retryAfterMs !== undefined) noteRetry(report, now() + e.retryAfterMs);
  }
  report.finishedAt = now();
  if (report.outcome === 'done') await ports.session.recordSuccess(report.finishedAt);
  return report;
}
