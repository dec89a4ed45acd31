// What the drain needs from the device, as an interface: the real adapter over src/storage lives
// in storage-ports.ts; unit tests pass in-memory fakes. Nothing here knows about Dexie.
import type { Change, Mutation, PushResult } from '../domain';
import type { SkippedChange } from '../domain/api';
import type { SnapshotPage } from '../domain/api/sync';
import type { SyncIssue } from './errors';
import type { LocalBlob } from './blob-upload';
import type { FetchLike } from './http';
import type { RotatedToken } from '../net';

/** One outbox entry as the drain sees it. `id` is the mutation id (the idempotency key). */
export interface OutboxItem {
  id: string;
  caseId: string;
  mutation: Mutation;
  /** Failed attempts so far: drives the back-off. */
  attempts: number;
}

/** Something the agent must see next to a case: a refused mutation or one that keeps failing. */
export interface SyncProblem {
  mutationId: string;
  caseId: string;
  state: 'failed' | 'rejected';
  code: string;
  message: string;
}

export interface OutboxPort {
  /**
   * Up to `limit` entries due at `now`, oldest first: pending, failed whose retry time has come,
   * and sending whose lease ran out (a drain that died mid-push). An entry never overtakes an
   * older open entry of the same case.
   */
  nextBatch(limit: number, now: number): Promise<OutboxItem[]>;
  /**
   * Puts every `sending` entry back to pending. Called only by a drain holding the cross-context
   * lock: no live drain owns them, they are what a closed tab or killed worker left behind.
   */
  reclaimSending(): Promise<number>;
  /** Claims entries for this drain until `leaseUntil`, so no other drain takes them meanwhile. */
  markSending(ids: string[], leaseUntil: number): Promise<void>;
  /** The server applied the mutation: close the entry and store the case's new server version, in one transaction. */
  markDone(item: OutboxItem, result: PushResult): Promise<void>;
  /** The server refused it for good: keep it, with the Chinese reason, for the agent to act on. */
  markRejected(id: string, issue: SyncIssue): Promise<void>;
  /** Count a failed attempt and retry no earlier than `nextAttemptAt`. */
  markFailed(ids: string[], issue: SyncIssue, nextAttemptAt: number): Promise<void>;
  /**
   * Back to pending, due at once, no attempt counted: the link failed (offline, 5xx, 429, 401),
   * not the entries. The scheduler backs off; `issue` (when given) tells the agent why it waits.
   */
  release(ids: string[], issue?: SyncIssue): Promise<void>;
  pendingCount(): Promise<number>;
  listProblems(): Promise<SyncProblem[]>;
}

export interface BlobPort {
  read(sha256: string): Promise<LocalBlob | undefined>;
  /** True when an earlier upload finished: no need to ask the server again. */
  isUploaded(sha256: string): Promise<boolean>;
  markUploaded(sha256: string): Promise<void>;
}

export interface PullPort {
  cursor(): Promise<number>;
  /** Applies one page of changes, records the ones skipped, and stores the new cursor in ONE
   *  transaction. */
  apply(changes: Change[], cursor: number, skipped: SkippedChange[]): Promise<void>;
}

/** A new or wiped device's restore (storage/restore.ts), and the files of restored cases. */
export interface RestorePort {
  /** null once the restore finished; else the last case id stored (null: from the start). */
  position(): Promise<{ after: string | null } | null>;
  /** Stores one snapshot page with the new position, in ONE transaction. */
  apply(page: SnapshotPage): Promise<void>;
  /** Hashes of material files the device's cases reference but the device lacks. */
  missingBlobs(): Promise<string[]>;
  /** Stores a downloaded file if its bytes match the hash (marked uploaded); false otherwise. */
  storeBlob(sha256: string, mime: string, data: ArrayBuffer): Promise<boolean>;
  /** True on Wi-Fi (navigator.connection): files are fetched in the background; else only on open. */
  backgroundDownloads(): boolean;
}

export interface SessionPort {
  deviceId(): Promise<string>;
  /** Bearer token of the logged-in user, undefined when logged out. */
  token(): Promise<string | undefined>;
  /** Remembers a drain that pushed and pulled without error (shown as "last synced"). */
  recordSuccess(at: number): Promise<void>;
  /** Stores a token the server rotated (newest issue time wins); absent = keep the old one. */
  rotate?(rotated: RotatedToken): Promise<unknown>;
}

export interface NetworkPort {
  /** Origin of the township server; '' for the app's own origin. */
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface SyncPorts {
  net: NetworkPort;
  outbox: OutboxPort;
  blobs: BlobPort;
  pull: PullPort;
  session: SessionPort;
  /** Absent: no restore (unit-test fakes, older callers). */
  restore?: RestorePort;
}
