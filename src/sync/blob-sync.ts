// Makes sure the server holds the blobs a batch references before the batch is pushed. Blobs are
// uploaded a few at a time: on a slow link the round trips overlap instead of adding up.
import { uploadBlob, type UploadOptions } from './blob-upload';
import { MESSAGES, RequestError, SYNC_NET_MESSAGES, toRequestError } from './errors';
import type { SyncClient } from './http';
import type { BlobPort } from './ports';
import type { DrainReport } from './report';

/** Per blob: undefined when the server has it, else the error that concerns only its mutations. */
export type BlobOutcome = RequestError | undefined;

export interface BlobSyncOptions {
  client: SyncClient;
  blobs: BlobPort;
  report: DrainReport;
  concurrency: number;
  signal?: AbortSignal;
  upload?: UploadOptions;
}

export class BlobSync {
  /** One upload per blob per drain, shared by every mutation that references it. */
  private readonly done = new Map<string, Promise<BlobOutcome>>();

  constructor(private readonly options: BlobSyncOptions) {}

  /**
   * Uploads what is missing; `fresh` blobs belong only to never-sent mutations, so no earlier
   * attempt can have left part of them on the server (no HEAD needed). Errors that concern one blob (gone from the device, refused by the
   * server) come back per blob; errors that concern the link (offline, 5xx, 401) are thrown and
   * stop the other uploads.
   */
  async ensure(
    shas: readonly string[],
    force = false,
    fresh: ReadonlySet<string> = new Set(),
  ): Promise<Map<string, BlobOutcome>> {
    const unique = [...new Set(shas)];
    const outcomes = new Map<string, BlobOutcome>();
    const abort = new AbortController();
    const outer = this.options.signal;
    const onOuterAbort = () => abort.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let next = 0;
    let firstError: unknown;
    const worker = async () => {
      while (next < unique.length && !abort.signal.aborted) {
        const sha = unique[next++]!;
        if (force) this.done.delete(sha);
        let pending = this.done.get(sha);
        if (!pending) {
          pending = this.one(sha, force, fresh.has(sha), abort.signal);
          this.done.set(sha, pending);
        }
        try {
          outcomes.set(sha, await pending);
        } catch (e) {
          this.done.delete(sha);
          // The first failure is the cause; the others are its abort echoing back.
          if (!abort.signal.aborted) {
            firstError = e;
            abort.abort(e);
          }
          throw e;
        }
      }
    };
    try {
      const workers = Array.from({ length: Math.min(this.options.concurrency, unique.length) }, worker);
      await Promise.allSettled(workers);
      if (firstError !== undefined) throw firstError;
      if (outer?.aborted) throw toRequestError(outer.reason, SYNC_NET_MESSAGES);
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
    }
    return outcomes;
  }

  private async one(sha: string, force: boolean, firstAttempt: boolean, signal: AbortSignal): Promise<BlobOutcome> {
    const { blobs, client, report } = this.options;
    if (!force && (await blobs.isUploaded(sha))) {
      report.blobsSkipped++;
      return undefined;
    }
    const local = await blobs.read(sha);
    if (!local)
      return new RequestError(
        'refused',
        { code: 'blob.local_missing', message: MESSAGES.blobLocalMissing },
        { details: { sha256: sha } },
      );
    try {
      const result = await uploadBlob(client, local, { ...this.options.upload, firstAttempt, signal });
      report.blobBytesSent += result.sent;
      if (result.alreadyComplete) report.blobsSkipped++;
      else report.blobsUploaded++;
      await blobs.markUploaded(sha);
      return undefined;
    } catch (e) {
      if (e instanceof RequestError && !e.transient && !e.stopsSync) return e;
      throw e;
    }
  }
}
