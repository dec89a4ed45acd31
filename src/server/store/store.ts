// The server's persistence boundary. Routes and services talk to `Store`; only the repositories
// in this folder write SQL. The concurrency contract every adapter keeps is on `Store` below.
import type {
  AuditEvent,
  Case,
  CaseStatus,
  CaseSubmission,
  Change,
  Decision,
  HolidayArrangement,
  HolidayYearInput,
  Material,
  Person,
  PushResult,
  Rating,
  ReasonCode,
  Rectification,
  Role,
  ServiceItem,
} from '../../domain';
import type { KeyRing } from '../crypto/key-ring';
import type { Cluster } from './sql';

export type DivisionLevel = 'county' | 'township' | 'village';
export interface DivisionRecord {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  villageCode: string | null;
  townshipCode: string | null;
  countyCode: string;
  passwordHash: string;
  createdAt: number;
  /** Set when an admin disabled the account: no login, every token refused. */
  disabledAt: number | null;
  /** The password is one-time (set by an admin): the user must choose a new one first. */
  mustChangePassword: boolean;
}

/** Why a session was ended on purpose (the device is told: see src/server/auth/authenticate.ts). */
export type RevokeReason = 'logout' | 'logout-all' | 'admin' | 'disabled' | 'password';

export interface SessionRecord {
  tokenHash: string;
  /** One device's sign-in: the tokens that replace each other by rotation share it (default: tokenHash). */
  sessionId?: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** The User-Agent and address at login, for the admin's list of a user's devices. */
  device?: string | null;
  ip?: string | null;
  /** Last request with this token (updated at most once a minute); null = never used yet. */
  lastUsedAt?: number | null;
  /** A newer token of the session was first used at this time: this one works for a grace only. */
  replacedAt?: number | null;
  revokedAt?: number | null;
  revokedReason?: RevokeReason | null;
}

/** A session as read back: every field present. */
export type StoredSession = Required<SessionRecord>;

export interface CaseRecord {
  id: string;
  number: string;
  itemCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  agentId: string;
  applicantId: string;
  status: CaseStatus;
  version: number;
  revision: number;
  /** The case as last submitted, with server-owned fields (status, dates, tolerance) kept current. */
  data: Case;
  dueOn: string | null;
  acceptedOn: string | null;
  /** While suspended (中止): the day it stopped and the status `resume` returns to. */
  suspendedOn: string | null;
  resumeStatus: CaseStatus | null;
  submittedAt: number | null;
  updatedAt: number;
  /** When the current revision's materials arrived (行政许可法 §32's five days run from it);
   *  unset = `submittedAt` (a first submission). Migration 16. */
  receivedAt?: number | null;
}

/**
 * A case as the inbox lists it: its columns without the sealed body (opening it costs more than
 * the rest of the row), except the tolerance list of a case accepted with tolerance; with its
 * applicant's name, read in the same statement.
 */
export type QueuedCase = Omit<CaseRecord, 'data'> & {
  /** Its place in the inbox order (migration 13): pass as `CaseQuery.after` for what follows. */
  queueKey: string;
  /** Only for status accepted_tolerance, else null. */
  tolerance: Case['tolerance'] | null;
  /** The applicant's name ('' when the person record is missing). */
  applicantName: string;
};

export interface RevisionRecord {
  caseId: string;
  revision: number;
  submission: CaseSubmission;
  mutationId: string;
  submittedAt: number;
}

/** A complete file (unfinished uploads are `UploadRecord`s). */
export interface BlobRecord {
  sha256: string;
  size: number;
  mime: string | null;
  createdAt: number;
  completedAt: number | null;
}

/** One user's unfinished upload of one file; nobody else can touch it. */
export interface UploadRecord {
  sha256: string;
  userId: string;
  /** Declared length (Upload-Length). */
  size: number;
  /** Last acknowledged offset (the part file's size is the truth after a crash). */
  received: number;
  /** Set once every byte arrived, hashed to `sha256` and passed the type and size checks: this user has proved possession. */
  verifiedMime: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DecisionRecord {
  decision: Decision;
  versionAfter: number;
  createdAt: number;
}

/** One stored audit row as written: the event (JSON, as shown) and its link in the chain. */
export interface AuditChainRow {
  seq: number;
  id: string;
  caseId: string | null;
  entity: string;
  entityId: string;
  action: string;
  at: number;
  /** The event's JSON. */
  data: string;
  chain: string | null;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** Server time of the write; null on rows written before migration 6. */
  serverAt: number | null;
}

/** The newest link of a chain: catches deleting the last events, which no link points to. */
export interface AuditChainHead {
  chain: string;
  seq: number;
  hash: string;
}

export interface AppliedMutation {
  mutationId: string;
  deviceId: string;
  userId: string;
  kind: string;
  result: PushResult;
  appliedAt: number;
}

/** Who may see a row: a change, a case. Null columns mean "everyone in the deployment". */
export interface Scope {
  villageCode: string | null;
  townshipCode: string | null;
  countyCode: string | null;
}

/** What the caller may see: exactly one of these is set, by role. */
export type Visibility = { villageCode: string } | { townshipCode: string } | { countyCode: string };

export interface ChangeRow {
  seq: number;
  change: Change;
}
/**
 * A run of the caller's feed sealed as one value (migration 18): the changes after `afterSeq` up
 * to and including `lastSeq`, as their JSON texts joined by commas, exactly as a pull page lists
 * them. A scope's chunks form one chain from cursor 0: each starts where the previous ended.
 */
export interface FeedChunk {
  afterSeq: number;
  lastSeq: number;
  count: number;
  /** The lowest protocol that reads every change kind in it (CHANGE_KIND_SINCE). */
  minProtocol: number;
  /** UTF-8: a page joins chunks as bytes, without decoding them. */
  json: Buffer;
}
/** A stored chunk: decrypted only when `open` is called (a page may look at one it does not send). */
export type StoredChunk = Omit<FeedChunk, 'json'> & { open(): Buffer };
/** A change as the feed stores it: its JSON text (seq included), not parsed. */
export interface ChangeText {
  seq: number;
  type: Change['type'];
  json: string;
}
export type NewChange = Change extends infer C ? (C extends { seq: number } ? Omit<C, 'seq'> : never) : never;

export interface CaseQuery {
  visibility: Visibility;
  statuses?: CaseStatus[];
  villageCode?: string;
  itemCode?: string;
  /** Due before this date and still open. */
  overdueBefore?: string;
  limit: number;
  offset: number;
  /** Keyset paging: only cases after this one in the inbox order (its `queueKey`). */
  after?: string;
}

export interface CaseCounts {
  total: number;
  byStatus: Record<string, number>;
  byVillage: Record<string, number>;
  byItem: Record<string, number>;
}

/** A rectification with what the desk shows of its case and the bad rating that opened it. */
export interface RectificationEntry {
  rectification: Rectification;
  caseNumber: string;
  itemCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  rating: { level: number; comment: string } | null;
}

/** Server time range [startMs, endMs). */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

/** The statistics read model: every record of the cases first submitted in a time range. */
export interface StatsRecords {
  cases: {
    id: string;
    status: CaseStatus;
    itemCode: string;
    villageCode: string;
    submittedAt: number;
    acceptedOn: string | null;
    dueOn: string | null;
  }[];
  /** Oldest first (server time, then id). */
  decisions: {
    caseId: string;
    kind: Decision['kind'];
    reasonCodes: ReasonCode[];
    createdAt: number;
    followUp?: { reached: boolean; satisfied?: boolean };
  }[];
  ratings: { caseId: string; level: number }[];
  rectifications: Rectification[];
}

export interface CatalogVersionInfo {
  version: number;
  publishedAt: number;
  /** The admin's user id, 'seed' (built-in version 1) or 'cli'. */
  publishedBy: string;
  withdrawn: boolean;
}

/** The admin's unpublished edit of an item: any JSON (it is checked when published). */
export interface CatalogDraft {
  code: string;
  data: unknown;
  updatedAt: number;
  updatedBy: string;
}

export interface Repositories {
  divisions: {
    upsert(d: DivisionRecord): Promise<void>;
    get(code: string): Promise<DivisionRecord | undefined>;
    list(): Promise<DivisionRecord[]>;
    /** A county's townships and villages (12-digit codes), by code; not the county's own row. */
    inCounty(countyCode: string): Promise<DivisionRecord[]>;
  };
  users: {
    insert(u: UserRecord): Promise<void>;
    byUsername(username: string): Promise<UserRecord | undefined>;
    get(id: string): Promise<UserRecord | undefined>;
    count(): Promise<number>;
    inCounty(countyCode: string): Promise<UserRecord[]>;
    /** Writes every field but id, username and createdAt. */
    update(u: UserRecord): Promise<void>;
  };
  sessions: {
    insert(s: SessionRecord): Promise<void>;
    get(tokenHash: string): Promise<StoredSession | undefined>;
    /** `get(tokenHash)` and the session's user (`users.get`) in one statement. */
    withUser(tokenHash: string): Promise<{ session: StoredSession; user: UserRecord | undefined } | undefined>;
    /** The session's most recently issued token. */
    newest(sessionId: string): Promise<StoredSession | undefined>;
    /** Records a request with the token. */
    touch(tokenHash: string, at: number): Promise<void>;
    /** The token `current` of a session was used for the first time: its older tokens get their grace. */
    markReplaced(sessionId: string, current: string, at: number): Promise<void>;
    delete(tokenHash: string): Promise<void>;
    /** Deletes tokens past their expiry, idle since `idleBefore`, or replaced before `replacedBefore`
     *  (revoked ones stay until their expiry so the device can be told why). */
    deleteExpired(now: number, idleBefore?: number, replacedBefore?: number): Promise<number>;
    /** A user's live sessions (newest token of each, not revoked, not expired), newest first. */
    forUser(userId: string, now: number): Promise<StoredSession[]>;
    /** Revokes every token of one session; resolves to the number of tokens revoked. */
    revoke(sessionId: string, at: number, reason: RevokeReason): Promise<number>;
    /** Revokes every session of the user but `keepSessionId`; resolves to the number of sessions ended. */
    revokeForUser(userId: string, at: number, reason: RevokeReason, keepSessionId?: string): Promise<number>;
  };
  loginFailures: {
    /** Failed logins on the account since the last success (old rows are pruned). */
    get(account: string): Promise<{ failures: number; lastFailureAt: number } | undefined>;
    /** Counts one attempt as failed (before the password is checked, so parallel guesses count). */
    record(account: string, at: number): Promise<void>;
    clear(account: string): Promise<void>;
    prune(before: number): Promise<number>;
  };
  catalog: {
    /** Inserts or replaces an item (tests, old seeds); resolves true when it was new or its version changed. */
    upsert(item: ServiceItem, now: number): Promise<boolean>;
    /** The built-in item when the code is not yet known, or a newer built-in version while every stored version is built-in (never over a county's own); resolves true when written. */
    seed(item: ServiceItem, now: number): Promise<boolean>;
    /** A new version (also the current one); false when that version already exists (never overwritten). */
    publish(item: ServiceItem, now: number, by: string): Promise<boolean>;
    /** The current (newest published) version. */
    get(code: string): Promise<ServiceItem | undefined>;
    /** One published version, as it was published. */
    version(code: string, version: number): Promise<ServiceItem | undefined>;
    versions(code: string): Promise<CatalogVersionInfo[]>;
    list(): Promise<ServiceItem[]>;
    saveDraft(draft: CatalogDraft): Promise<void>;
    drafts(): Promise<CatalogDraft[]>;
    deleteDraft(code: string): Promise<void>;
  };
  holidays: {
    /** The newest version of every year's arrangement, by year. */
    latest(): Promise<HolidayArrangement[]>;
    /** Stores a new version of the year; resolves to it (version = previous + 1). */
    save(input: HolidayYearInput, savedBy: string, now: number): Promise<HolidayArrangement>;
  };
  persons: {
    upsert(p: Person, villageCode: string, now: number): Promise<void>;
    get(id: string): Promise<{ person: Person; villageCode: string } | undefined>;
    /** Persons with this ID number (equality through the keyed hash `id_number_hash`), optionally in one village. */
    withIdNumber(idNumber: string, villageCode?: string): Promise<{ person: Person; villageCode: string }[]>;
  };
  cases: {
    insert(c: CaseRecord): Promise<void>;
    update(c: CaseRecord): Promise<void>;
    get(id: string): Promise<CaseRecord | undefined>;
    /** A page of the inbox: earliest due first, dateless cases after the dated ones, each group
     *  by arrival (the `queue_key` order, migration 13). Cost grows with offset + limit only. */
    query(q: CaseQuery): Promise<QueuedCase[]>;
    /** From the `case_counts` cells (the overdue filter: from the overdue cases' index range). */
    counts(q: Omit<CaseQuery, 'limit' | 'offset' | 'after'>): Promise<CaseCounts>;
    /** `counts(q).total` alone (one sum). */
    total(q: Omit<CaseQuery, 'limit' | 'offset' | 'after'>): Promise<number>;
    /** What the inbox shows beside a page, in one statement: the chips of `q`'s scope
     *  (`counts({ visibility })`), `total(q)`, and `countOverdue(q.visibility, today)`. */
    inboxCounts(
      q: Omit<CaseQuery, 'limit' | 'offset' | 'after'>,
      today: string,
    ): Promise<{ chips: CaseCounts; total: number; overdue: number }>;
    /** Cases in scope with one of `statuses`, by id after `afterId` (keyset paging for a restore). */
    pageById(
      visibility: Visibility,
      statuses: readonly CaseRecord['status'][],
      afterId: string | null,
      limit: number,
    ): Promise<CaseRecord[]>;
    /** Running cases in scope due before `today`: the `case_due_counts` days of a township or
     *  county (migration 19), a village's overdue cases' index range. */
    countOverdue(visibility: Visibility, today: string): Promise<number>;
    /** Accepted, not yet completed cases whose clock runs through `year` (accepted on or before its
     *  end, due on or after its start): their due dates move when that year's holidays change. */
    runningThroughYear(year: number): Promise<CaseRecord[]>;
    addRevision(r: RevisionRecord): Promise<void>;
    revisions(caseId: string): Promise<RevisionRecord[]>;
    /** Records the hash of the case's lookup token, unless it has one already (the receipt's stays). */
    setLookupHash(id: string, hash: string): Promise<void>;
    /** Ids and lookup hashes of the cases with this printed number (normally one), for the public
     *  page: nothing is decrypted before a token matches, so a known number costs no more than an unknown one. */
    lookupHashes(number: string): Promise<{ id: string; lookupHash: string | null }[]>;
  };
  materials: {
    /** Replaces the case's current set of materials; resolves to the number written. */
    replaceForCase(caseId: string, materials: Material[], now: number): Promise<number>;
    /** Resolves false when the id already belongs to another case (nothing written). */
    upsert(m: Material, now: number): Promise<boolean>;
    forCase(caseId: string): Promise<Material[]>;
  };
  blobs: {
    /** The complete file, if there is one. */
    get(sha256: string): Promise<BlobRecord | undefined>;
    /** Records a verified file as complete (no-op if it already is). */
    complete(sha256: string, size: number, mime: string, now: number): Promise<void>;
    addOwner(sha256: string, userId: string): Promise<void>;
    /** Complete, and uploaded by the user or referenced by a case the user may see. */
    mayRead(sha256: string, userId: string, visibility: Visibility): Promise<boolean>;
    /** Hashes among `hashes` the user may not reference: not complete, or neither theirs nor in their scope. */
    unavailable(hashes: string[], userId: string, visibility: Visibility): Promise<string[]>;
    linkToCase(caseId: string, hashes: string[]): Promise<void>;
    upload(sha256: string, userId: string): Promise<UploadRecord | undefined>;
    /** Every user's unfinished upload of one file. */
    uploadsOf(sha256: string): Promise<UploadRecord[]>;
    /** Starts (or restarts from zero) the user's upload of a file of `size` bytes. */
    beginUpload(sha256: string, userId: string, size: number, now: number): Promise<void>;
    setUploadReceived(sha256: string, userId: string, received: number, now: number): Promise<void>;
    markVerified(sha256: string, userId: string, mime: string, now: number): Promise<void>;
    dropUpload(sha256: string, userId: string): Promise<void>;
    /** Declared bytes of the user's unfinished uploads, but the one of `except`. */
    pendingBytes(userId: string, except?: string): Promise<number>;
    /** Unfinished uploads untouched since before `before`, oldest first. */
    staleUploads(before: number, limit: number): Promise<UploadRecord[]>;
  };
  decisions: {
    insert(d: Decision, versionAfter: number, now: number): Promise<void>;
    get(id: string): Promise<DecisionRecord | undefined>;
    forCase(caseId: string): Promise<DecisionRecord[]>;
  };
  ratings: {
    insert(r: Rating, now: number): Promise<void>;
    forCase(caseId: string): Promise<Rating | undefined>;
  };
  rectifications: {
    insert(r: Rectification, now: number): Promise<void>;
    /** Writes a changed rectification (its status column and JSON kept in step). */
    update(r: Rectification, now: number): Promise<void>;
    forCase(caseId: string): Promise<Rectification[]>;
    get(id: string): Promise<RectificationEntry | undefined>;
    /** Rectifications the caller may see, open ones first, then by due date. */
    list(visibility: Visibility, status?: Rectification['status']): Promise<RectificationEntry[]>;
  };
  stats: {
    /** Statistics records of the cases the caller may see, first submitted in `range`. */
    records(visibility: Visibility, range: TimeRange): Promise<StatsRecords>;
  };
  audit: {
    /**
     * Appends the event to its hash chain (its case's, or the admin chain), recording the server's
     * time beside the event's own `at`. Reads the chain head and writes the row in one transaction
     * (see "The audit chains" below); outside `transaction` it opens its own.
     */
    insert(e: AuditEvent, serverAt: number): Promise<void>;
    /** Several events in order, as `insert` one by one would chain them: one head read and write per chain. */
    insertAll(events: readonly AuditEvent[], serverAt: number): Promise<void>;
    /** The case's events as recorded, oldest first, with the server's time where known. */
    forCase(caseId: string): Promise<(AuditEvent & { serverAt?: number })[]>;
    /** Every row of a chain, plus rows that claim its case without being in it, in `seq` order. */
    chainRows(chain: string): Promise<AuditChainRow[]>;
    chainHead(chain: string): Promise<AuditChainHead | undefined>;
    /** Every chain: those with a head and those rows name. */
    chains(): Promise<string[]>;
    /** Rows outside any chain (no hash): never written by the server since migration 6. */
    unchained(): Promise<AuditChainRow[]>;
  };
  mutations: {
    get(mutationId: string): Promise<AppliedMutation | undefined>;
    insert(m: AppliedMutation): Promise<void>;
  };
  changes: {
    append(scope: Scope, change: NewChange, now: number): Promise<number>;
    /** `append` without learning the seq: inside a PostgreSQL transaction it goes out pipelined with
     *  the other writes (a push's changes cost no round trip each). */
    add(scope: Scope, change: NewChange, now: number): Promise<void>;
    /** Changes after `cursor` the caller may see, oldest first; never skips a later commit (see `Store`). */
    after(cursor: number, visibility: Visibility, limit: number): Promise<ChangeRow[]>;
    /** The same rows as `after`, as JSON text: a pull page goes out without a parse and a stringify. */
    afterText(cursor: number, visibility: Visibility, limit: number): Promise<ChangeText[]>;
    /** The newest sequence number (0 when the feed is empty). */
    head(): Promise<number>;
    /** Whether the caller's feed holds a change after `cursor`. */
    hasAfter(cursor: number, visibility: Visibility): Promise<boolean>;
    /**
     * The caller's chunks that start at `cursor` or later, in order, at most `max` of them (the
     * feed is append-only and never rewritten, so a chunk stays true for good).
     */
    chunksFrom(cursor: number, visibility: Visibility, max: number): Promise<StoredChunk[]>;
    /** Where the caller's chain of chunks ends (0 when it has none): the only place a chunk may be added. */
    chunkChainEnd(visibility: Visibility): Promise<number>;
    /** Stores chunks (sealed); one that starts where another already does is left out. */
    saveChunks(visibility: Visibility, chunks: readonly FeedChunk[], now: number): Promise<void>;
  };
}

/**
 * The store: the repositories, plus write transactions. Every adapter (SQLite today, PostgreSQL
 * next) must keep this concurrency contract; the sync and review code is written against it.
 *
 * Transactions
 * - `transaction(work)` runs `work` against repositories bound to one transaction. It commits when
 *   `work` resolves and rolls back when it throws: all of it, or none of it. The promise resolves
 *   only after the commit is durable (SQLite: `synchronous=FULL`), so an `ok` sent to a tablet is
 *   never lost.
 * - Single writer per transaction, and transactions behave as if run one at a time: a row read in
 *   `work` does not change under it before `work` writes. Handlers rely on this for read-check-
 *   write (a case's `version` for optimistic concurrency, its status for the state machine, "is
 *   this decision or mutation id new"). SQLite gives it by construction: one writer connection,
 *   owned from `BEGIN IMMEDIATE` to `COMMIT` by one transaction at a time through the writer
 *   mutex (`mutex.ts`, first come first served in this process). PostgreSQL must provide it
 *   itself: lock what the check reads (`SELECT … FOR UPDATE` on the case row, or an advisory lock
 *   per case) or run `SERIALIZABLE` and retry `work` on a serialization failure — so `work` must
 *   stay free of side effects outside the store (no HTTP, no files) and safe to run again.
 * - Inside `work`, reads see the transaction's own writes. `work` must not start another
 *   transaction (the SQLite mutex is not re-entrant: it would wait for itself) and should not
 *   await slow non-store work, since it holds the writer.
 * - Ids that must be used once (mutation id, decision id, case id) are enforced by unique keys:
 *   a duplicate insert throws `UniqueViolation` (see `sql.ts`) whatever the driver, and the
 *   transaction rolls back.
 *
 * The audit chains
 * - Audit events form hash chains, one per case and `ADMIN_CHAIN` for the rest: each row stores
 *   its position (`chain_seq`), the previous row's hash and its own (SHA-256 over the event and
 *   the link, see `src/server/audit/chain.ts`); `audit_chains` holds each chain's newest link.
 *   One chain per case keeps writers of different cases apart (PostgreSQL locks only that head)
 *   and lets the reviewer's desk verify one case.
 * - A chain must never fork: `audit.insert` reads the head and writes the row and the new head in
 *   the same write transaction, so the transaction rules above keep it linear. Should an adapter
 *   ever let two transactions read the same head, the head update is a compare-and-set
 *   (`WHERE last_seq = ?`) and `(chain, chain_seq)` is a unique key: the second one fails
 *   (UniqueViolation or an error) and rolls back — a push answers "retry" — instead of forking.
 *   PostgreSQL: `SELECT … FOR UPDATE` on the head row (or SERIALIZABLE and retry) gives this.
 *
 * Reads outside a transaction
 * - See committed data only, never another request's uncommitted writes (SQLite: a separate
 *   read-only connection in WAL mode). Each call is its own snapshot: two reads in a row may see
 *   different commits, so a decision that must not race a write is made inside `transaction`.
 * - A single write outside a transaction (e.g. `sessions.insert`) is its own small transaction,
 *   serialised with the others.
 *
 * The pull cursor (`changes`)
 * - `changes.append` gives every change a `seq` that only grows; `changes.after(seq)` returns the
 *   caller's changes with a larger `seq`, oldest first. Clients store the last `seq` they applied
 *   and ask for what follows, so the feed must never show a `seq` while a smaller one can still
 *   appear: a change that commits later with a smaller `seq` would be skipped for good.
 * - SQLite keeps this because commits are serial: `seq` is assigned inside the one writer
 *   transaction, so `seq` order is commit order (a rolled-back `seq` was never visible, so its
 *   reuse by the next transaction skips nothing).
 * - PostgreSQL assigns sequence values at insert, not at commit: transaction A may take seq 10,
 *   B seq 11, and B commit first. A bare `seq > ?` would then hand out 11 and skip 10. Its adapter
 *   must answer only up to a committed high-water mark — the largest `seq` below which no
 *   transaction is still in flight (e.g. record `pg_current_xact_id()` with each change and
 *   return only rows older than `pg_snapshot_xmin(pg_current_snapshot())`, or serialise appends
 *   with a lock held to commit) — so a late commit is always seen by the next pull.
 */
/** Encryption at rest of the store's personal data (store/at-rest.ts, src/server/crypto). */
export interface StoreCrypto {
  /** The master keys; blob files are sealed under the same ring. */
  readonly ring: KeyRing;
  /** Whether this start made a new key file (a database with nothing encrypted yet). */
  readonly createdKeyFile: boolean;
  /** Seals every value still in clear (data from before encryption at rest); resolves to rows written. */
  sealExisting(): Promise<number>;
  /** Whether `markExistingSealed` was called: a start then skips sealing (and its full scans). */
  existingSealed(): Promise<boolean>;
  markExistingSealed(now: number): Promise<void>;
  /** Re-wraps every data key under the current master key (rotation); resolves to rows written. */
  rewrap(): Promise<number>;
  /** Values still in clear, and values under an older master key. */
  pending(): Promise<{ clear: number; olderKey: number }>;
}

/** The repositories of one open write transaction. */
export interface Transaction extends Repositories {
  /**
   * Runs `work` in a savepoint: when it throws, only the writes it made are undone and the error
   * is thrown again; the transaction goes on and still commits the rest (a push applies a batch
   * in one transaction, one savepoint per mutation). One at a time; they may nest.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

/** A request counter per key over a fixed window (rate limits shared by every server process). */
export interface RateLimitRepo {
  /** Counts one request; a window ended by `now` starts again at 1. */
  hit(key: string, now: number, windowMs: number): Promise<{ hits: number; resetAt: number }>;
  /** The count so far without counting (0 when the window has ended). */
  peek(key: string, now: number): Promise<{ hits: number; resetAt: number }>;
  /** Forgets windows ended by `now`; resolves to rows removed. */
  prune(now: number): Promise<number>;
}

export interface Store extends Repositories {
  crypto: StoreCrypto;
  /** Locks, messages and statements shared by every server process on this database. */
  cluster: Cluster;
  /** Outside any transaction (each hit is one atomic statement, never waiting for the write lock). */
  rateLimits: RateLimitRepo;
  /** One write transaction: all of it commits, or none of it (see the contract above). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** The newest migration applied to the database (a query: it also proves the database answers). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
