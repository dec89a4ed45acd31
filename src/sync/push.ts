// Push: send due outbox entries in batches, oldest first, blobs before the submissions that
// reference them, and settle every entry of a batch by the server's per-mutation answer.
// Every entry taken from the outbox leaves this module settled (done, rejected, failed or
// released) unless storage itself throws; a later drain reclaims what a crash left `sending`.
import type { PushResult } from '../domain';
import { MAX_MUTATIONS_PER_PUSH } from '../domain';
import { backoffDelay, type BackoffOptions } from './backoff';
import { blobBytes, blobRefs } from './blob-refs';
import type { BlobSync } from './blob-sync';
import { MESSAGES, RequestError, type SyncIssue } from './errors';
import type { SyncClient } from './http';
import type { OutboxItem, OutboxPort } from './ports';
import { noteRetry, type DrainReport } from './report';

export interface PushContext {
  outbox: OutboxPort;
  client: SyncClient;
  blobs: BlobSync;
  deviceId: string;
  report: DrainReport;
  now: () => number;
  random: () => number;
  backoff: BackoffOptions;
  batchSize: number;
  leaseMs: number;
  maxBatches: number;
  /** File bytes per push group within a batch (see groupByBlobBytes). */
  groupBytes: number;
  signal?: AbortSignal;
}

/** A whole-request refusal with one of these may come from a single bad mutation: split and retry. */
const SPLIT_ON_STATUS = new Set([400, 403, 409, 413, 422]);

const DEFAULT_REJECTION: SyncIssue = { code: 'rejected', message: '服务器拒绝了这条记录' };

/** Pushes until nothing is due. Throws a RequestError (transient or auth) after settling its batch. */
export async function pushOutbox(ctx: PushContext): Promise<void> {
  const limit = Math.min(ctx.batchSize, MAX_MUTATIONS_PER_PUSH);
  for (let n = 0; n < ctx.maxBatches; n++) {
    const items = await ctx.outbox.nextBatch(limit, ctx.now());
    if (items.length === 0) return;
    await ctx.outbox.markSending(
      items.map((i) => i.id),
      ctx.now() + ctx.leaseMs,
    );
    await new Batch(ctx, items).run();
  }
}

/**
 * Splits a batch so each group carries about `budget` bytes of files: on a slow link the first
 * cases reach the township (and show as sent) after the first group, not after the whole batch.
 */
export function groupByBlobBytes(items: OutboxItem[], budget: number): OutboxItem[][] {
  const groups: OutboxItem[][] = [];
  let current: OutboxItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = blobBytes(item.mutation);
    if (current.length > 0 && bytes + size > budget) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

class Batch {
  /** Entries taken from the outbox and not yet settled. */
  private readonly open: Map<string, OutboxItem>;
  /** Cases with an entry put back in this batch: their later entries must not overtake it. */
  private readonly held = new Set<string>();

  constructor(
    private readonly ctx: PushContext,
    items: OutboxItem[],
  ) {
    this.open = new Map(items.map((i) => [i.id, i]));
  }

  async run(): Promise<void> {
    try {
      for (const group of groupByBlobBytes([...this.open.values()], this.ctx.groupBytes)) {
        const ready = await this.withBlobs(group, false);
        await this.send(ready, true);
      }
    } catch (e) {
      if (e instanceof RequestError) await this.settleAllAfter(e);
      throw e;
    }
  }

  /** Uploads the blobs of `items`; returns the items whose blobs are all on the server. */
  private async withBlobs(items: OutboxItem[], force: boolean, only?: Map<string, string[]>): Promise<OutboxItem[]> {
    const refs = new Map(items.map((i) => [i.id, only?.get(i.id) ?? blobRefs(i.mutation)]));
    // A blob only never-sent mutations reference cannot be partly on the server already.
    const resent = new Set(items.filter((i) => i.attempts > 0).flatMap((i) => refs.get(i.id)!));
    const fresh = new Set(force ? [] : [...refs.values()].flat().filter((sha) => !resent.has(sha)));
    const outcomes = await this.ctx.blobs.ensure([...refs.values()].flat(), force, fresh);
    const ready: OutboxItem[] = [];
    for (const item of items) {
      const failed = refs
        .get(item.id)!
        .map((sha) => outcomes.get(sha))
        .find((o) => o !== undefined);
      if (failed) {
        await this.fail([item], failed.toIssue(), this.retryAt(item));
      } else if (this.held.has(item.caseId)) {
        // A later change of a case must not overtake its held-back submission: it waits too.
        await this.ctx.outbox.release([item.id]);
        this.open.delete(item.id);
      } else {
        ready.push(item);
      }
    }
    return ready;
  }

  private async send(items: OutboxItem[], mayUploadMissing: boolean): Promise<void> {
    if (items.length === 0) return;
    const { ctx } = this;
    let results: PushResult[];
    try {
      ctx.report.pushed += items.length;
      results = (
        await ctx.client.push(
          ctx.deviceId,
          items.map((i) => i.mutation),
          ctx.signal,
        )
      ).results;
    } catch (e) {
      if (
        !(e instanceof RequestError) ||
        e.kind !== 'refused' ||
        e.status === undefined ||
        !SPLIT_ON_STATUS.has(e.status)
      )
        throw e;
      // One poisoned mutation must not block the others: halve until it stands alone.
      if (items.length === 1) return this.reject(items[0]!, e.toIssue());
      const half = Math.ceil(items.length / 2);
      await this.send(items.slice(0, half), mayUploadMissing);
      await this.send(items.slice(half), mayUploadMissing);
      return;
    }
    const byId = new Map(results.map((r) => [r.id, r]));
    const missing = new Map<string, string[]>();
    for (const item of items) {
      const result = byId.get(item.id);
      if (!result) {
        await this.fail([item], { code: 'push.no_result', message: MESSAGES.noResult }, this.retryAt(item));
      } else if (result.status === 'ok') {
        await ctx.outbox.markDone(item, result);
        this.open.delete(item.id);
        ctx.report.accepted++;
      } else if (result.status === 'rejected') {
        await this.reject(item, {
          code: result.code ?? DEFAULT_REJECTION.code,
          message: result.message ?? DEFAULT_REJECTION.message,
        });
      } else if (mayUploadMissing && result.code === 'blob.missing' && result.missingBlobs?.length) {
        missing.set(item.id, result.missingBlobs);
      } else {
        await this.fail(
          [item],
          { code: result.code ?? 'push.retry', message: result.message ?? MESSAGES.unavailable },
          this.retryAt(item),
        );
      }
    }
    if (missing.size > 0) {
      // The server lost or never finished a blob we thought was there: send it again, once.
      const again = items.filter((i) => missing.has(i.id));
      await this.send(await this.withBlobs(again, true, missing), false);
    }
  }

  private retryAt(item: OutboxItem): number {
    return this.ctx.now() + backoffDelay(item.attempts + 1, this.ctx.backoff, this.ctx.random);
  }

  private async reject(item: OutboxItem, issue: SyncIssue): Promise<void> {
    await this.ctx.outbox.markRejected(item.id, issue);
    this.open.delete(item.id);
    this.ctx.report.rejected++;
  }

  private async fail(items: OutboxItem[], issue: SyncIssue, at: number): Promise<void> {
    await this.ctx.outbox.markFailed(
      items.map((i) => i.id),
      issue,
      at,
    );
    for (const i of items) {
      this.open.delete(i.id);
      this.held.add(i.caseId);
    }
    this.ctx.report.retried += items.length;
    noteRetry(this.ctx.report, at);
  }

  /**
   * The link failed: nothing in this batch was at fault. Every open entry goes back to pending,
   * due at once — an `online` event must send it without waiting — and the scheduler backs off.
   */
  private async settleAllAfter(error: RequestError): Promise<void> {
    const rest = [...this.open.keys()];
    if (rest.length > 0) await this.ctx.outbox.release(rest, error.stopsSync ? undefined : error.toIssue());
    this.open.clear();
  }
}
