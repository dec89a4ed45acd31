// Pull: page through the server's changes from the stored cursor. Each page and its cursor are
// stored in one transaction (PullPort.apply), so a crash between pages repeats at most one page
// and never skips one.
import { LEGACY_PULL_PAGE, MAX_PULL_PAGE } from '../domain';
import { MESSAGES, RequestError } from './errors';
import type { SyncClient } from './http';
import type { PullPort } from './ports';
import type { DrainReport } from './report';

export interface PullContext {
  pull: PullPort;
  client: SyncClient;
  report: DrainReport;
  pageSize: number;
  maxPages: number;
  signal?: AbortSignal;
}

/** A server from before issue 12 refuses pages above 200 changes (400): ask it for 200. */
const refusedLargePage = (error: unknown, limit: number) =>
  limit > LEGACY_PULL_PAGE && error instanceof RequestError && error.status === 400;

export async function pullChanges(ctx: PullContext): Promise<void> {
  let limit = Math.min(ctx.pageSize, MAX_PULL_PAGE);
  let cursor = await ctx.pull.cursor();
  for (let page = 0; page < ctx.maxPages; page++) {
    let res;
    try {
      res = await ctx.client.pull(cursor, limit, ctx.signal);
    } catch (error) {
      if (!refusedLargePage(error, limit)) throw error;
      limit = LEGACY_PULL_PAGE;
      res = await ctx.client.pull(cursor, limit, ctx.signal);
    }
    if (res.cursor < cursor || (res.hasMore && res.cursor === cursor)) {
      // A cursor that goes back or stands still would loop forever or re-apply old changes.
      throw new RequestError(
        'protocol',
        { code: 'pull.cursor_stuck', message: MESSAGES.pullStuck },
        { details: { sent: cursor, got: res.cursor } },
      );
    }
    if (res.changes.length > 0 || res.skipped.length > 0 || res.cursor !== cursor) {
      await ctx.pull.apply(res.changes, res.cursor, res.skipped);
    }
    ctx.report.pulled += res.changes.length;
    ctx.report.skipped += res.skipped.length;
    cursor = res.cursor;
    ctx.report.cursor = cursor;
    if (!res.hasMore) return;
  }
}
