// POST /api/sync/push · GET /api/sync/pull. The envelope itself (mutations, changes) lives in
// ../schemas/sync.ts; here is what travels per request, and how a device reads a pull page
// written by a newer server.
import { z } from 'zod';
import { Change, MAX_PULL_PAGE, PushRequest, PushResponse } from '../schemas/sync';
import { Case, Material } from '../schemas/case';
import { Decision, Rectification } from '../schemas/decision';
import { Person } from '../schemas/person';
import { Uuid } from '../schemas/common';
import { route } from './route-spec';

export const PullQuery = z.object({
  cursor: z.coerce.number().int('cursor 应为整数').nonnegative('cursor 不能为负').default(0),
  limit: z.coerce
    .number()
    .int('limit 应为整数')
    .min(1, 'limit 至少为 1')
    .max(MAX_PULL_PAGE, `limit 最多为 ${MAX_PULL_PAGE}`)
    .default(100),
});

/** A pull page as a device reads it: each change parsed on its own, so one it cannot read does
 *  not fail the page. */
export const PullPageWire = z.object({
  changes: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});

/** Change kinds added after protocol 1, by the protocol that introduced them. The previous app
 *  parsed a whole pull page with a strict schema, so the server leaves these out of its pages (the
 *  cursor still moves past them). */
export const CHANGE_KIND_SINCE: Readonly<Partial<Record<Change['type'], number>>> = {
  'holiday.year': 2,
  person: 2,
};

/** Whether a client speaking `protocol` can read changes of this kind. */
export const changeKindReadableBy = (type: Change['type'], protocol: number): boolean =>
  (CHANGE_KIND_SINCE[type] ?? 1) <= protocol;

/** A change the device skipped: a kind from a newer server, or a body it cannot read. */
export interface SkippedChange {
  seq: number | null;
  type: string;
  /** `change.unknown_kind` or `change.invalid`. */
  code: string;
}

export interface PullPage {
  changes: Change[];
  skipped: SkippedChange[];
  cursor: number;
  hasMore: boolean;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(Change.options.map((o) => o.shape.type.value));
const Head = z.object({ seq: z.number().int().positive().optional(), type: z.string().max(60).optional() });

/** Splits a pull page into the changes this app knows and the ones it must skip (the cursor still
 *  advances past them: they are reported, not retried forever). */
export function readPullPage(page: z.infer<typeof PullPageWire>): PullPage {
  const changes: Change[] = [];
  const skipped: SkippedChange[] = [];
  for (const raw of page.changes) {
    const parsed = Change.safeParse(raw);
    if (parsed.success) {
      changes.push(parsed.data);
      continue;
    }
    const head = Head.safeParse(raw);
    const type = head.success ? (head.data.type ?? '') : '';
    const seq = head.success ? (head.data.seq ?? null) : null;
    skipped.push({ seq, type, code: KNOWN_TYPES.has(type) ? 'change.invalid' : 'change.unknown_kind' });
  }
  return { changes, skipped, cursor: page.cursor, hasMore: page.hasMore };
}

/** Cases a restore brings back: still open on the server (not a device-only draft, not closed). */
export const RESTORE_STATUSES = [
  'submitted',
  'in_review',
  'returned',
  'resubmitted',
  'accepted',
  'accepted_tolerance',
  'suspended',
  'completed',
  'delivered',
  // Still open for the villager's rating after the township's 回访.
  'followed_up',
] as const;

export const MAX_SNAPSHOT_PAGE = 50;

/** Keyset paging by case id: `after` is the last id of the previous page, so an interrupted
 *  restore resumes where it stopped and no case comes twice. */
export const SnapshotQuery = z.object({
  after: Uuid.optional(),
  limit: z.coerce
    .number()
    .int('limit 应为整数')
    .min(1, 'limit 至少为 1')
    .max(MAX_SNAPSHOT_PAGE, `limit 最多为 ${MAX_SNAPSHOT_PAGE}`)
    .default(20),
});

/** One open case with everything a device needs to work on it (photos come later by hash). */
export const SnapshotCase = z.object({
  case: Case,
  materials: z.array(Material),
  persons: z.array(Person),
  decisions: z.array(Decision),
  rectifications: z.array(Rectification),
});
export type SnapshotCase = z.infer<typeof SnapshotCase>;

export const SnapshotPage = z.object({
  cases: z.array(SnapshotCase),
  /** Last case id of this page, to send as `after`; null when this was the last page. */
  next: Uuid.nullable(),
  /** The change feed's head when this page was read: its state includes every change up to it. */
  asOf: z.number().int().nonnegative(),
});
export type SnapshotPage = z.infer<typeof SnapshotPage>;
export const LiveQuery = z.object({
  /** The device's id: one stream per device, a newer one replaces the older. */
  device: z.string().min(1, 'device 不能为空').max(64, 'device 最多 64 个字符'),
});

/** Server-sent events on the live stream: hints only, never data (the device pulls). */
export const LIVE_EVENTS = {
  /** Sent once the stream is subscribed: changes from now on are hinted, so pull once now. */
  ready: 'ready',
  /** `data: {"seq":N}`: a change up to seq N in the device's scope; pull. */
  changed: 'changed',
  /** The server ends the stream (its lifetime, shutdown, a newer stream of this device). */
  bye: 'bye',
} as const;

export const LiveHint = z.object({ seq: z.number().int().nonnegative() });

export const SYNC_ROUTES = {
  push: route({ method: 'POST', path: '/api/sync/push', body: PushRequest, response: PushResponse }),
  /** The answer is read change by change (readPullPage): a newer server's kinds are skipped. */
  pull: route({ method: 'GET', path: '/api/sync/pull', query: PullQuery, response: PullPageWire }),
  /** A new or wiped device's restore: the caller's open cases as they are now, page by page. */
  snapshot: route({ method: 'GET', path: '/api/sync/snapshot', query: SnapshotQuery, response: SnapshotPage }),
  /** A text/event-stream of LIVE_EVENTS (no JSON answer): read with fetch, as it needs the token. */
  live: route({ method: 'GET', path: '/api/sync/live', query: LiveQuery, response: null }),
} as const;
