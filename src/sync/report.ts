// What one drain did, for the scheduler (timers), the status shown to the agent, and the bench.
import type { SyncIssue } from './errors';

export type DrainOutcome =
  /** Outbox emptied as far as it is due, changes pulled. */
  | 'done'
  /** Another drain (tab or service worker) holds the lock: it does the work. */
  | 'busy'
  /** No network: nothing lost, retried later. */
  | 'offline'
  /** Server busy or failing (5xx, 429, unreadable answer): retried later. */
  | 'unavailable'
  /** Session expired or missing: the user must log in again; nothing lost. */
  | 'auth'
  /** The server no longer accepts this app's protocol (426): update the app; nothing lost. */
  | 'update';

export interface DrainReport {
  outcome: DrainOutcome;
  startedAt: number;
  finishedAt: number;
  /** Mutations sent in push requests (a mutation sent twice counts twice). */
  pushed: number;
  accepted: number;
  rejected: number;
  /** Mutations put back with a back-off (server said retry, or no answer). */
  retried: number;
  blobsUploaded: number;
  blobsSkipped: number;
  blobBytesSent: number;
  pulled: number;
  /** Pulled changes this app could not read (a newer server's kinds), skipped and recorded. */
  skipped: number;
  /** Cases a restore added or moved forward on this device. */
  restored?: number;
  /** Files fetched from the server for restored cases. */
  blobsDownloaded?: number;
  /** Pull cursor after this drain, when a pull ran. */
  cursor?: number;
  error?: SyncIssue;
  /** Earliest time a retry makes sense, when something was put back with a back-off. */
  retryAt?: number;
}

export function emptyReport(now: number): DrainReport {
  return {
    outcome: 'done',
    startedAt: now,
    finishedAt: now,
    pushed: 0,
    accepted: 0,
    rejected: 0,
    retried: 0,
    blobsUploaded: 0,
    blobsSkipped: 0,
    blobBytesSent: 0,
    pulled: 0,
    skipped: 0,
  };
}

/** Remembers the earliest retry time. */
export function noteRetry(report: DrainReport, at: number): void {
  report.retryAt = report.retryAt === undefined ? at : Math.min(report.retryAt, at);
}
