// Restore: a new or wiped device fetches the open cases of its scope from the snapshot route, page
// by page. Each page is stored with its position atomically (RestorePort.apply), so a drain that
// dies mid-restore resumes at the next page. Independent of the change feed's cursor: the feed
// still brings catalogue and later changes, and the device applies both by version.
import { MAX_SNAPSHOT_PAGE } from '../domain/api/sync';
import { MESSAGES, RequestError } from './errors';
import type { SyncClient } from './http';
import type { RestorePort } from './ports';
import type { DrainReport } from './report';

export interface RestoreContext {
  restore: RestorePort;
  client: SyncClient;
  report: DrainReport;
  pageSize: number;
  maxPages: number;
  signal?: AbortSignal;
}

export async function restoreCases(ctx: RestoreContext): Promise<void> {
  const position = await ctx.restore.position();
  if (!position) return;
  let after = position.after;
  const limit = Math.min(ctx.pageSize, MAX_SNAPSHOT_PAGE);
  for (let page = 0; page < ctx.maxPages; page++) {
    const res = await ctx.client.snapshot(after, limit, ctx.signal);
    if (res.next !== null && after !== null && res.next <= after) {
      // A position that does not move forward would loop forever.
      throw new RequestError(
        'protocol',
        { code: 'restore.stuck', message: MESSAGES.pullStuck },
        { details: { sent: after, got: res.next } },
      );
    }
    await ctx.restore.apply(res);
    ctx.report.restored = (ctx.report.restored ?? 0) + res.cases.length;
    if (res.next === null) return;
    after = res.next;
  }
}

/**
 * Fetches files the device lacks, one at a time (a photo is ~300 KB; the agent's own uploads come
 * first in the link). A file whose bytes do not match its hash is not stored. A file the server
 * refuses or lacks (404, 403) is skipped: opening the case tries again.
 */
export async function downloadBlobs(
  client: SyncClient,
  restore: RestorePort,
  shas: readonly string[],
  report?: DrainReport,
  signal?: AbortSignal,
): Promise<number> {
  let stored = 0;
  for (const sha of shas) {
    let file: { mime: string; data: ArrayBuffer };
    try {
      file = await client.blob(sha, signal);
    } catch (e) {
      if (e instanceof RequestError && !e.transient && !e.stopsSync) continue;
      throw e;
    }
    if (await restore.storeBlob(sha, file.mime, file.data)) stored++;
  }
  if (report) report.blobsDownloaded = (report.blobsDownloaded ?? 0) + stored;
  return stored;
}
