// The real SyncPorts: the drain's needs mapped onto src/storage's repositories. This is the only
// file of src/sync that imports storage, so the drain itself stays testable with in-memory ports.
// Used by the page (scheduler) and the service worker (Background Sync) alike; it imports storage's
// sync-api entry, which leaves person profiles (and pinyin-pro) out of the service worker bundle.
import { z } from 'zod';
import type { PushResult } from '../domain';
import {
  adoptRotatedToken,
  applyPullPage,
  applySnapshotPage,
  missingCaseBlobs,
  restoreProgress,
  storeDownloadedBlob,
  getBlob,
  getDeviceId,
  getSession,
  getSyncCursor,
  listProblems,
  markBlobUploaded,
  markDone,
  markFailed,
  markRejected,
  markSending,
  nextBatch,
  pendingCount,
  retryNow,
  setLastSyncAt,
  type CaseUpdate,
  type OutboxEntry,
  type PullSummary,
  type RestoreSummary,
} from '../storage/sync-api';
import type { FetchLike } from './http';
import type { RotatedToken } from '../net';
import type { OutboxItem, SyncPorts, SyncProblem } from './ports';

export interface StoragePortsOptions {
  /** Server origin; '' (default) is the app's own origin. */
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Token source; defaults to the session saved at login (`{ token, user, … }`). */
  token?: () => Promise<string | undefined>;
  /** Told which cases a pulled page changed (to refresh lists and notify the agent). */
  onPulled?: (summary: PullSummary) => void;
  /** Told which cases a restore page brought (to refresh the lists). */
  onRestored?: (summary: RestoreSummary) => void;
  /** Whether the link is Wi-Fi (files of restored cases download in the background); default:
   *  navigator.connection where the browser has it, else never (files then come when a case opens). */
  onWifi?: () => boolean;
  now?: () => number;
}

/** Only the token matters here; the state layer owns the rest of the session's shape. */
const SessionToken = z.looseObject({ token: z.string().min(1) });

const toItem = (row: OutboxEntry): OutboxItem => ({
  id: row.id,
  caseId: row.caseId,
  mutation: row.mutation,
  attempts: row.attempts,
});

const toProblem = (row: OutboxEntry): SyncProblem => ({
  mutationId: row.id,
  caseId: row.caseId,
  state: row.state === 'rejected' ? 'rejected' : 'failed',
  code: row.lastError?.code ?? 'sync.unknown',
  message: row.lastError?.message ?? '同步失败',
});

/**
 * What an accepted mutation changes on the local case: the server version it is now based on,
 * and for a (re)submission the `sync-accepted` step queued → submitted / resubmitted. Built from
 * the answer alone: `markDone` checks it against the case inside its own transaction, so an answer
 * that arrives after a pull brought a newer state never moves the case back.
 */
export function caseUpdateFor(item: OutboxItem, result: PushResult): CaseUpdate | undefined {
  const update: CaseUpdate = {};
  if (result.version !== undefined) update.baseVersion = result.version;
  const kind = item.mutation.kind;
  if (kind === 'case.submit' || kind === 'case.resubmit') {
    update.status = kind === 'case.submit' ? 'submitted' : 'resubmitted';
    update.statusFrom = 'queued';
    update.submittedAt = item.mutation.createdAt;
  }
  return Object.keys(update).length > 0 ? update : undefined;
}

/** Every open entry, whatever its due time (the outbox is small: tens, rarely hundreds). */
const ALL = Number.MAX_SAFE_INTEGER;

export function createStoragePorts(options: StoragePortsOptions = {}): SyncPorts {
  const now = options.now ?? Date.now;
  return {
    net: { baseUrl: options.baseUrl ?? '', fetch: options.fetch, timeoutMs: options.timeoutMs },
    session: {
      deviceId: getDeviceId,
      token: options.token ?? (async () => (await getSession(SessionToken).catch(() => undefined))?.token),
      recordSuccess: (at) => setLastSyncAt(at),
      // Only the default token source lives in storage; a caller's own source keeps its token.
      ...(!options.token && {
        rotate: (r: RotatedToken) => adoptRotatedToken(r.token, r.issuedAt, r.expiresAt),
      }),
    },
    outbox: {
      nextBatch: async (limit, at) => (await nextBatch(limit, at)).map(toItem),
      async reclaimSending() {
        const sending = (await nextBatch(ALL, ALL)).filter((r) => r.state === 'sending');
        for (const row of sending) await retryNow(row.id, now());
        return sending.length;
      },
      markSending: async (ids, leaseUntil) => {
        const at = now();
        await markSending(ids, at, Math.max(0, leaseUntil - at));
      },
      markDone: (item, result) => markDone(item.id, caseUpdateFor(item, result), now()),
      markRejected: (id, issue) => markRejected(id, issue, now()),
      async markFailed(ids, issue, at) {
        for (const id of ids) await markFailed(id, issue, at, now());
      },
      async release(ids) {
        // Due at once: an `online` event must resend without waiting (the scheduler backs off).
        for (const id of ids) await retryNow(id, now());
      },
      pendingCount,
      listProblems: async () => (await listProblems()).map(toProblem),
    },
    blobs: {
      async read(sha256) {
        const row = await getBlob(sha256);
        return row && { sha256: row.sha256, mime: row.mime, data: row.data };
      },
      isUploaded: async (sha256) => (await getBlob(sha256))?.uploadedAt !== undefined,
      markUploaded: (sha256) => markBlobUploaded(sha256, now()),
    },
    pull: {
      cursor: getSyncCursor,
      async apply(changes, cursor, skipped) {
        const summary = await applyPullPage({ changes, cursor, skipped, at: now() });
        options.onPulled?.(summary);
      },
    },
    restore: {
      async position() {
        const progress = await restoreProgress();
        if (progress?.done) return null;
        return { after: progress?.after ?? null };
      },
      async apply(page) {
        const summary = await applySnapshotPage(page, now());
        options.onRestored?.(summary);
      },
      missingBlobs: () => missingCaseBlobs(),
      storeBlob: (sha256, mime, data) => storeDownloadedBlob(sha256, mime, data, now()),
      backgroundDownloads: options.onWifi ?? onWifi,
    },
  };
}

interface NetworkInformationLike {
  type?: string;
}

/** Wi-Fi or wired per the Network Information API; false where the browser does not say. */
export function onWifi(): boolean {
  const connection = (globalThis.navigator as { connection?: NetworkInformationLike } | undefined)?.connection;
  return connection?.type === 'wifi' || connection?.type === 'ethernet';
}
