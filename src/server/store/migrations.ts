// Schema migrations, numbered and applied in order inside one transaction each.
// DO NOT EDIT A SHIPPED MIGRATION: add a new one. The SQL is portable (SQLite and PostgreSQL);
// the few type names that differ come from `types(dialect)`.
import { chainLegacyAudit } from './repos/log';
import type { Dialect, Sql, SqlDatabase } from './sql';

interface DialectTypes {
  /** Auto-incrementing 64-bit key: the pull cursor. */
  serialKey: string;
  /** Text compared byte by byte, as JavaScript's `<` does (PostgreSQL's default follows the locale). */
  byteText: string;
  /** How a column computed from others is kept: SQLite can add only VIRTUAL ones (indexable),
   *  PostgreSQL 12-17 only STORED ones. */
  generated: string;
}

const types = (dialect: Dialect): DialectTypes =>
  dialect === 'sqlite'
    ? { serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT', byteText: 'TEXT', generated: 'VIRTUAL' }
    : {
        serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
        byteText: 'TEXT COLLATE "C"',
        generated: 'STORED',
      };

export interface Migration {
  version: number;
  name: string;
  statements: (t: DialectTypes) => string[];
  /** Data work after the statements, in the same transaction (portable SQL through `tx`). */
  after?: (tx: Sql) => Promise<unknown>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (t) => [
      `CREATE TABLE divisions (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
        parent_code TEXT REFERENCES divisions (code)
      )`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'reviewer', 'admin')),
        village_code TEXT REFERENCES divisions (code),
        township_code TEXT REFERENCES divisions (code),
        county_code TEXT NOT NULL REFERENCES divisions (code),
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX sessions_expiry ON sessions (expires_at)`,
      `CREATE TABLE catalog_items (
        code TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE persons (
        id TEXT PRIMARY KEY,
        village_code TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        item_code TEXT NOT NULL,
        village_code TEXT NOT NULL,
        township_code TEXT NOT NULL,
        county_code TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES users (id),
        applicant_id TEXT NOT NULL REFERENCES persons (id),
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        data TEXT NOT NULL,
        due_on TEXT,
        accepted_on TEXT,
        suspended_on TEXT,
        resume_status TEXT,
        submitted_at BIGINT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX cases_township ON cases (township_code, status, due_on)`,
      `CREATE INDEX cases_village ON cases (village_code, status)`,
      `CREATE TABLE case_revisions (
        case_id TEXT NOT NULL REFERENCES cases (id),
        revision INTEGER NOT NULL,
        submission TEXT NOT NULL,
        mutation_id TEXT NOT NULL,
        submitted_at BIGINT NOT NULL,
        PRIMARY KEY (case_id, revision)
      )`,
      `CREATE TABLE materials (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        requirement_id TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX materials_case ON materials (case_id)`,
      `CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        mime TEXT,
        received BIGINT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        completed_at BIGINT
      )`,
      `CREATE TABLE blob_owners (
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        user_id TEXT NOT NULL REFERENCES users (id),
        PRIMARY KEY (sha256, user_id)
      )`,
      `CREATE TABLE case_blobs (
        case_id TEXT NOT NULL REFERENCES cases (id),
        sha256 TEXT NOT NULL,
        PRIMARY KEY (case_id, sha256)
      )`,
      `CREATE INDEX case_blobs_sha ON case_blobs (sha256)`,
      `CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        kind TEXT NOT NULL,
        revision INTEGER NOT NULL,
        reviewer_id TEXT NOT NULL REFERENCES users (id),
        data TEXT NOT NULL,
        version_after INTEGER NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX decisions_case ON decisions (case_id)`,
      `CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL UNIQUE REFERENCES cases (id),
        level INTEGER NOT NULL,
        data TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE rectifications (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        rating_id TEXT NOT NULL REFERENCES ratings (id),
        status TEXT NOT NULL,
        due_by TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      // seq keeps the order events were recorded: device clocks and server clock interleave in `at`.
      `CREATE TABLE audit (
        seq ${t.serialKey},
        id TEXT NOT NULL UNIQUE,
        case_id TEXT,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL,
        data TEXT NOT NULL,
        at BIGINT NOT NULL
      )`,
      `CREATE INDEX audit_case ON audit (case_id, seq)`,
      `CREATE TABLE applied_mutations (
        mutation_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        kind TEXT NOT NULL,
        result TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`,
      `CREATE TABLE changes (
        seq ${t.serialKey},
        village_code TEXT,
        township_code TEXT,
        county_code TEXT,
        type TEXT NOT NULL,
        case_id TEXT,
        payload TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX changes_village ON changes (village_code, seq)`,
      `CREATE INDEX changes_township ON changes (township_code, seq)`,
    ],
  },
  {
    version: 2,
    name: 'user administration',
    statements: () => [
      `ALTER TABLE users ADD COLUMN disabled_at BIGINT`,
      `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE sessions ADD COLUMN device TEXT`,
      `ALTER TABLE sessions ADD COLUMN ip TEXT`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE INDEX users_county ON users (county_code)`,
      `CREATE INDEX audit_entity ON audit (entity, entity_id, seq)`,
    ],
  },
  {
    version: 3,
    name: 'upload sessions per uploader',
    // A partial upload belongs to one user (nobody else can reset or poison it); `blobs` keeps only
    // complete files. Old incomplete rows had no owner yet: their devices start them again.
    statements: () => [
      `CREATE TABLE blob_uploads (
        sha256 TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        size BIGINT NOT NULL,
        received BIGINT NOT NULL,
        verified_mime TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (sha256, user_id)
      )`,
      `CREATE INDEX blob_uploads_user ON blob_uploads (user_id)`,
      `CREATE INDEX blob_uploads_updated ON blob_uploads (updated_at)`,
      `DELETE FROM blob_owners WHERE sha256 IN (SELECT sha256 FROM blobs WHERE complete = 0)`,
      `DELETE FROM blobs WHERE complete = 0`,
    ],
  },
  {
    version: 4,
    name: 'session lifetime and login delay',
    statements: () => [
      // One session (a device's sign-in) spans the tokens that replace each other by rotation.
      `ALTER TABLE sessions ADD COLUMN session_id TEXT`,
      `UPDATE sessions SET session_id = token_hash`,
      `ALTER TABLE sessions ADD COLUMN last_used_at BIGINT`,
      `UPDATE sessions SET last_used_at = created_at`,
      // Set when a newer token of the session was issued: this one then works for a grace only.
      `ALTER TABLE sessions ADD COLUMN replaced_at BIGINT`,
      // Revoked sessions stay (until they expire) so the device can be told why: auth.revoked.
      `ALTER TABLE sessions ADD COLUMN revoked_at BIGINT`,
      `ALTER TABLE sessions ADD COLUMN revoked_reason TEXT`,
      `CREATE INDEX sessions_session ON sessions (session_id)`,
      `CREATE TABLE login_failures (
        account TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at BIGINT NOT NULL
      )`,
      `CREATE INDEX login_failures_at ON login_failures (last_failure_at)`,
    ],
  },
  {
    version: 5,
    name: 'encryption at rest',
    statements: () => [
      // Keys the database needs besides the master key, sealed under it (the ID-number index key).
      `CREATE TABLE crypto_keys (
        purpose TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      // HMAC-SHA-256 of the ID number under the index key: equality lookups while persons.data is
      // encrypted. Filled for existing rows by sealExisting (store/at-rest.ts) at the next start.
      `ALTER TABLE persons ADD COLUMN id_number_hash TEXT`,
      `CREATE INDEX persons_id_number ON persons (id_number_hash)`,
    ],
  },
  {
    version: 6,
    name: 'hash-chained audit',
    // Existing rows are chained in `after`; see "The audit chains" in store.ts.
    statements: () => [
      `ALTER TABLE audit ADD COLUMN chain TEXT`,
      `ALTER TABLE audit ADD COLUMN chain_seq BIGINT`,
      `ALTER TABLE audit ADD COLUMN prev_hash TEXT`,
      `ALTER TABLE audit ADD COLUMN hash TEXT`,
      `ALTER TABLE audit ADD COLUMN server_at BIGINT`,
      `CREATE UNIQUE INDEX audit_chain_link ON audit (chain, chain_seq)`,
      `CREATE INDEX audit_chain ON audit (chain, seq)`,
      `CREATE TABLE audit_chains (
        chain TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL,
        last_hash TEXT NOT NULL
      )`,
    ],
    after: chainLegacyAudit,
  },
  {
    version: 7,
    name: 'published catalogue versions',
    // catalog_items stays the current version of each item; every published version is kept here
    // (immutable: a case is evaluated against the version it was opened with). Drafts are the
    // county admin's unpublished edits, one per item.
    statements: () => [
      `CREATE TABLE catalog_versions (
        code TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        published_at BIGINT NOT NULL,
        published_by TEXT NOT NULL,
        PRIMARY KEY (code, version)
      )`,
      `INSERT INTO catalog_versions (code, version, data, published_at, published_by)
        SELECT code, version, data, updated_at, 'seed' FROM catalog_items`,
      `CREATE TABLE catalog_drafts (
        code TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 8,
    name: 'holiday arrangements',
    // Each save of a year's arrangement is a new row (version), so earlier ones stay readable.
    statements: () => [
      `CREATE TABLE holiday_years (
        year INTEGER NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        saved_at BIGINT NOT NULL,
        saved_by TEXT NOT NULL,
        PRIMARY KEY (year, version)
      )`,
    ],
  },
  {
    version: 11,
    name: 'public progress lookup',
    statements: () => [
      // SHA-256 (hex) of the lookup token printed on the receipt; the token itself is never stored.
      // A hash of 100 random bits needs no key or salt. Null for cases from before.
      `ALTER TABLE cases ADD COLUMN lookup_hash TEXT`,
      // The public page finds a case by its printed number.
      `CREATE INDEX cases_number ON cases (number)`,
    ],
  },
  {
    version: 12,
    name: 'pull page by one index range',
    // A pull page reads the caller's rows and the rows addressed to everyone, each as a range of
    // its own index from the cursor on (repos/log.ts `changes.after`): county callers had no index,
    // and the everyone rows were found by scanning the whole feed after the cursor.
    statements: () => [
      `CREATE INDEX changes_county ON changes (county_code, seq)`,
      // Partial: only the few rows for everyone (catalogue, calendar) are in it.
      `CREATE INDEX changes_everyone ON changes (village_code, township_code, county_code, seq)
        WHERE village_code IS NULL AND township_code IS NULL AND county_code IS NULL`,
    ],
  },
  {
    version: 13,
    name: 'reviewer inbox by index and counters',
    // The reviewer inbox read a township's whole queue to sort it (ORDER BY an expression) and to
    // count it (GROUP BY): its cost grew with the township. Now (repos/cases.ts):
    //  - `queue_key` is the inbox order in one unique, indexable value: due date (dateless cases
    //    last), then arrival, then id. Computed by the database, so no write path can forget it.
    //    A page is a LIMIT read of (scope, status, queue_key) index ranges; "overdue" is the range
    //    queue_key < today.
    //  - `case_counts` holds how many cases each (township, village, item, status) has, kept by
    //    the case repository in the transaction of every case write; chip counts sum its rows.
    statements: (t) => [
      `ALTER TABLE cases ADD COLUMN queue_key ${t.byteText} GENERATED ALWAYS AS (
        COALESCE(due_on, '9999-99-99') || '|' || CAST(COALESCE(submitted_at, 0) + 1000000000000000 AS TEXT) || '|' || id
      ) ${t.generated}`,
      `CREATE INDEX cases_queue_township ON cases (township_code, status, queue_key)`,
      `CREATE INDEX cases_queue_township_item ON cases (township_code, item_code, status, queue_key)`,
      `CREATE INDEX cases_queue_village ON cases (village_code, status, queue_key)`,
      `CREATE INDEX cases_queue_county ON cases (county_code, status, queue_key)`,
      // Their leading columns are those of the first two above: they would only cost writes.
      `DROP INDEX cases_township`,
      `DROP INDEX cases_village`,
      `CREATE TABLE case_counts (
        township_code TEXT NOT NULL,
        village_code TEXT NOT NULL,
        item_code TEXT NOT NULL,
        status TEXT NOT NULL,
        county_code TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (township_code, village_code, item_code, status)
      )`,
      `CREATE INDEX case_counts_county ON case_counts (county_code)`,
      `INSERT INTO case_counts (township_code, village_code, item_code, status, county_code, n)
        SELECT township_code, village_code, item_code, status, MAX(county_code), COUNT(*) FROM cases
        GROUP BY township_code, village_code, item_code, status`,
    ],
  },
  {
    version: 15,
    name: 'rate limits shared by server processes',
    // Request counters of the API and lookup limits on PostgreSQL, where several server processes
    // must count into one window (store/repos/rate-limits.ts). SQLite servers count in memory.
    statements: () => [
      `CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        hits BIGINT NOT NULL,
        window_end BIGINT NOT NULL
      )`,
      // Pruning ended windows.
      `CREATE INDEX rate_limits_end ON rate_limits (window_end)`,
    ],
  },
  {
    version: 16,
    name: 'cases: when the current revision arrived',
    // 行政许可法 §32's five working days to accept, refuse or return run from the arrival of the
    // materials being decided on: a resubmission restarts them, submitted_at (the first) does not.
    statements: () => [
      `ALTER TABLE cases ADD COLUMN received_at BIGINT`,
      `UPDATE cases SET received_at = COALESCE(
        (SELECT MAX(r.submitted_at) FROM case_revisions r WHERE r.case_id = cases.id), submitted_at)`,
    ],
  },
  {
    version: 17,
    name: 'decisions by the server itself',
    // The server terminates a case whose 容缺 promise is overdue (review/lifecycle-job.ts): its
    // decision has reviewer_id 'system', which is no user. The table is rebuilt without the
    // reference to users (portable: no ALTER … DROP CONSTRAINT in SQLite); nothing refers to it.
    statements: () => [
      `CREATE TABLE decisions_v17 (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        kind TEXT NOT NULL,
        revision INTEGER NOT NULL,
        reviewer_id TEXT NOT NULL,
        data TEXT NOT NULL,
        version_after INTEGER NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `INSERT INTO decisions_v17 (id, case_id, kind, revision, reviewer_id, data, version_after, created_at)
        SELECT id, case_id, kind, revision, reviewer_id, data, version_after, created_at FROM decisions`,
      `DROP TABLE decisions`,
      `ALTER TABLE decisions_v17 RENAME TO decisions`,
      `CREATE INDEX decisions_case ON decisions (case_id)`,
    ],
  },
  {
    version: 18,
    name: 'feed chunks for a first sync',
    // A first sync read and decrypted the whole feed change by change (100,000 changes: 3 s of
    // server time). Now each scope's feed is also kept as a chain of sealed runs of changes, as
    // pull pages list them (repos/log.ts, sync/pull-page.ts): a large page from a chunk boundary
    // is a few rows and one decryption per run. A cache: built from the feed, never edited, and
    // safe to empty (DELETE FROM feed_chunks) at any time — pulls then rebuild it.
    statements: () => [
      `CREATE TABLE feed_chunks (
        scope_key TEXT NOT NULL,
        after_seq BIGINT NOT NULL,
        last_seq BIGINT NOT NULL,
        n INTEGER NOT NULL,
        min_protocol INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (scope_key, after_seq)
      )`,
    ],
  },
  {
    version: 19,
    name: 'running cases counted by due date',
    // The inbox's overdue chip counted the overdue cases' index range on every request: O(overdue),
    // 40,000 rows in a township of a million cases. `case_due_counts` holds how many running cases
    // (accepted, accepted_tolerance) fall due on each day, kept like `case_counts` by the case
    // repository; overdue is the sum of the days before today: O(days).
    statements: () => [
      `CREATE TABLE case_due_counts (
        township_code TEXT NOT NULL,
        due_on TEXT NOT NULL,
        county_code TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (township_code, due_on)
      )`,
      `CREATE INDEX case_due_counts_county ON case_due_counts (county_code, due_on)`,
      `INSERT INTO case_due_counts (township_code, due_on, county_code, n)
        SELECT township_code, due_on, MAX(county_code), COUNT(*) FROM cases
        WHERE status IN ('accepted', 'accepted_tolerance') AND due_on IS NOT NULL
        GROUP BY township_code, due_on`,
    ],
  },
];

/** Brings the database to the newest schema; safe to call on every start. */
/** The schema version this code migrates to (readiness compares the database's with it). */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export async function migrate(db: SqlDatabase, migrations: Migration[] = MIGRATIONS): Promise<number> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
  );
  // Every migration not yet recorded runs, in order: not only those above the highest applied one,
  // so a migration merged from a branch after a later number shipped is not skipped.
  const rows = await db.all<{ version: number }>(`SELECT version FROM schema_version`);
  const applied = new Set(rows.map((r) => Number(r.version)));
  const t = types(db.dialect);
  for (const m of migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      // Another server process (PostgreSQL) may have applied it meanwhile: transactions run one
      // at a time, so this check inside the transaction is final.
      if (await tx.get(`SELECT version FROM schema_version WHERE version = ?`, [m.version])) return;
      for (const statement of m.statements(t)) await tx.run(statement);
      await m.after?.(tx);
      await tx.run(`INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`, [
        m.version,
        m.name,
        Date.now(),
      ]);
    });
  }
  return Math.max(...applied, ...migrations.map((m) => m.version));
}
