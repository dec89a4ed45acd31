// Server settings from the environment, with embedded defaults (SQLite + files under ./data).
// One zod schema reads every variable; a bad value stops the start with a message naming it.
// The README's settings table lists the same variables: keep the two together.
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PIXEL_LIMITS, type PixelLimits } from '../domain/image-size';
import { loadTlsSettings, type TlsSettings } from './tls/settings';
import type { KeySettings } from './crypto/key-ring';

export interface RateLimits {
  /** Login attempts per IP per account per minute (one guessed account leaves the NAT's others alone). */
  loginPerMinute: number;
  /** Login attempts per IP per minute, all accounts together (password spraying). Default: 6 × the above, at least 60. */
  loginPerMinutePerIp?: number;
  /** API requests per signed-in user (or per IP without a token) per minute. */
  apiPerMinute: number;
}

/** Per-account login delay: stored in the database, so it holds across server processes. */
export interface LoginDelay {
  /** Failed attempts allowed before any delay (reset by a successful login). */
  freeFailures: number;
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  baseMs: number;
  /** Longest delay between two attempts on one account. */
  maxMs: number;
}

/** Session lifetime: idle expiry, token rotation, and what a revoked session may still send. */
export interface SessionPolicy {
  /** A session unused for this long ends (the tablet keeps its data; the user logs in again). */
  idleMs: number;
  /** A token older than this is replaced: the answer carries a fresh one (X-Session-Token). */
  rotateAfterMs: number;
  /** The replaced token still works this long, so a lost answer never locks the tablet out. */
  rotateGraceMs: number;
  /** A session revoked by the admin, by "sign out everywhere" or by disabling the account may
   *  still push its queued mutations and blobs this long (then it only gets 401). 0 = never. */
  revokedPushGraceMs: number;
}

/** How long the HTTP server waits for a slow or idle client (milliseconds). */
export interface Timeouts {
  /** Whole request (headers and body) must arrive within this (Node `requestTimeout`). */
  requestMs: number;
  /** Headers must arrive within this (Node `headersTimeout`). */
  headersMs: number;
  /** An idle keep-alive connection is closed after this (Node `keepAliveTimeout`). */
  keepAliveMs: number;
  /** A socket with no activity at all is closed after this (Fastify `connectionTimeout`). */
  idleMs: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file (the embedded default); unused when `databaseUrl` is set. */
  dbFile: string;
  /** PostgreSQL (`postgres://…`, DATABASE_URL) instead of the SQLite file; null = SQLite. */
  databaseUrl: string | null;
  /** Connections in the PostgreSQL pool. */
  databasePoolSize: number;
  blobDir: string;
  staticDir: string;
  /** Seed the demo county, villages and logins on first start. */
  seedDemo: boolean;
  /** Refuse logins with the demo password on demo accounts (NODE_ENV=production). */
  refuseDemoLogins: boolean;
  /** scrypt cost (log2 N) for new password hashes. */
  passwordCost: number;
  rateLimits: RateLimits;
  loginDelay: LoginDelay;
  sessions: SessionPolicy;
  /** Largest blob (photo, scan, signature) accepted. */
  maxBlobBytes: number;
  /** Limits on unfinished uploads (src/server/blobs/uploads.ts). */
  uploads: UploadLimits;
  /** Largest image accepted, read from its header before it is stored. */
  pixelLimits: PixelLimits;
  /** Behind a reverse proxy (nginx at the township): take client IPs from X-Forwarded-For. */
  trustProxy: boolean;
  /** Parse every JSON answer with the API contract before sending it (tests, CI, staging). */
  checkResponses: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Bearer token that opens /metrics to other hosts (loopback needs none); null = loopback only. */
  metricsToken: string | null;
  timeouts: Timeouts;
  /** The clock; tests move it. */
  now: () => number;
  /** HTTPS: own CA or a real certificate; `port` above is then the plain HTTP port (src/server/tls). */
  tls: TlsSettings;
  /** Encryption at rest: where the master key (key ring) comes from (src/server/crypto). */
  keys: KeySettings;
  /** The public progress lookup (src/server/lookup). */
  lookup: LookupSettings;
  /** Live change hints (GET /api/sync/live); DEFAULT_LIVE when unset. */
  live?: LiveLimits;
  /** Case life-cycle clocks (src/server/review/lifecycle-job.ts); DEFAULT_LIFECYCLE when unset. */
  lifecycle?: LifecycleSettings;
}

/** The case life-cycle clocks (issue 15): local policy, so configurable. */
export interface LifecycleSettings {
  /** Working days after a 容缺 due day before the server terminates the case (终止告知). */
  toleranceGraceDays: number;
  /** Working days a returned case (退回补正) waits before the reviewer may close it. */
  returnCloseDays: number;
  /** How often the server looks for overdue tolerance promises (also at every start). */
  sweepMs: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = { toleranceGraceDays: 5, returnCloseDays: 20, sweepMs: 3_600_000 };

export interface LookupSettings {
  /** Lookups per IP per minute, on each of the page and the JSON route. */
  perMinute: number;
  /** The address villagers' phones reach this server at (`https://…`, no trailing slash); null = the
   *  tablet's own address goes on the receipt. */
  publicUrl: string | null;
}

export const DEFAULT_LOOKUP_PER_MINUTE = 30;

/** The live streams (src/server/live): limits and timing. */
export interface LiveLimits {
  /** A comment line this often keeps nginx, NAT and the client's watchdog from closing it. */
  heartbeatMs: number;
  /** A stream ends after this; the device reconnects at once (and re-authenticates). */
  maxStreamMs: number;
  /** Open streams this process holds at most; beyond, 503 live.busy (devices then poll). */
  maxStreams: number;
  /** Open streams per user (one per device). */
  maxPerUser: number;
}

export const DEFAULT_LIVE: LiveLimits = {
  heartbeatMs: 20_000,
  maxStreamMs: 15 * 60_000,
  maxStreams: 5_000,
  maxPerUser: 5,
};

export interface UploadLimits {
  /** An unfinished upload untouched this long is removed (bytes and row). */
  abandonMs: number;
  /** Bytes one user may have declared in unfinished uploads at once. */
  maxPendingBytes: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { loginPerMinute: 10, apiPerMinute: 600 };
/** The per-IP login limit over all accounts (defaults to 6 × the per-account one, at least 60). */
export const loginPerIp = (limits: Pick<RateLimits, 'loginPerMinute' | 'loginPerMinutePerIp'>) =>
  limits.loginPerMinutePerIp ?? Math.max(60, 6 * limits.loginPerMinute);

export const DEFAULT_LOGIN_DELAY: LoginDelay = { freeFailures: 5, baseMs: 1_000, maxMs: 15 * 60_000 };
const HOUR = 3_600_000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 14 * 24 * HOUR,
  rotateAfterMs: 24 * HOUR,
  rotateGraceMs: 30 * 60_000,
  revokedPushGraceMs: 7 * 24 * HOUR,
};
export const DEFAULT_TIMEOUTS: Timeouts = {
  requestMs: 120_000,
  headersMs: 30_000,
  keepAliveMs: 72_000,
  idleMs: 300_000,
};
export const MAX_BLOB_BYTES = 10 * 1024 * 1024;
export const DEFAULT_UPLOAD_ABANDON_HOURS = 72;
export const DEFAULT_UPLOAD_PENDING_MB = 200;
const MB = 1024 * 1024;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
const flag = (fallback: '0' | '1') =>
  z
    .enum(['0', '1', 'true', 'false'], { error: '1 or 0' })
    .default(fallback)
    .transform((v) => v === '1' || v === 'true');
const text = z.string().trim().min(1, 'not empty');
/** A 256-bit key in base64 (`openssl rand -base64 32`). */
const isKey = (v: string) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32;
const masterKey = text.refine(isKey, '32 random bytes in base64 (openssl rand -base64 32)');

/** Every variable the server reads. Empty values count as unset. */
const Environment = z.object({
  PORT: int(0, 65_535, 8080),
  HOST: text.default('0.0.0.0'),
  DAIBAN_DATA_DIR: text.default('data'),
  DAIBAN_DB: text.optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL address, e.g. postgres://daiban:secret@db.example:5432/daiban')
    .optional(),
  DAIBAN_DB_POOL: int(2, 1_000, 10),
  DAIBAN_BLOB_DIR: text.optional(),
  DAIBAN_STATIC_DIR: text.default('dist'),
  DAIBAN_DEMO: flag('1'),
  DAIBAN_PASSWORD_COST: int(10, 20, 15),
  DAIBAN_LOGIN_PER_MINUTE: int(1, 1_000_000, DEFAULT_RATE_LIMITS.loginPerMinute),
  DAIBAN_API_PER_MINUTE: int(1, 10_000_000, DEFAULT_RATE_LIMITS.apiPerMinute),
  DAIBAN_LOGIN_PER_MINUTE_PER_IP: int(1, 1_000_000, 60),
  DAIBAN_LOGIN_FREE_FAILURES: int(1, 1_000, DEFAULT_LOGIN_DELAY.freeFailures),
  DAIBAN_LOGIN_DELAY_MAX_SECONDS: int(1, 86_400, DEFAULT_LOGIN_DELAY.maxMs / 1000),
  DAIBAN_SESSION_IDLE_DAYS: int(1, 365, DEFAULT_SESSION_POLICY.idleMs / (24 * HOUR)),
  DAIBAN_SESSION_ROTATE_HOURS: int(1, 24 * 365, DEFAULT_SESSION_POLICY.rotateAfterMs / HOUR),
  DAIBAN_SESSION_ROTATE_GRACE_MINUTES: int(1, 7 * 24 * 60, DEFAULT_SESSION_POLICY.rotateGraceMs / 60_000),
  DAIBAN_REVOKED_PUSH_GRACE_HOURS: int(0, 24 * 90, DEFAULT_SESSION_POLICY.revokedPushGraceMs / HOUR),
  DAIBAN_TRUST_PROXY: flag('0'),
  DAIBAN_LOG_LEVEL: z.enum(LOG_LEVELS, { error: LOG_LEVELS.join(', ') }).default('info'),
  DAIBAN_CHECK_RESPONSES: flag('0'),
  DAIBAN_METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').optional(),
  DAIBAN_REQUEST_TIMEOUT_MS: int(1_000, 3_600_000, DEFAULT_TIMEOUTS.requestMs),
  DAIBAN_HEADERS_TIMEOUT_MS: int(1_000, 600_000, DEFAULT_TIMEOUTS.headersMs),
  DAIBAN_KEEP_ALIVE_TIMEOUT_MS: int(1_000, 600_000, DEFAULT_TIMEOUTS.keepAliveMs),
  DAIBAN_IDLE_TIMEOUT_MS: int(1_000, 3_600_000, DEFAULT_TIMEOUTS.idleMs),
  DAIBAN_UPLOAD_ABANDON_HOURS: int(1, 8_760, DEFAULT_UPLOAD_ABANDON_HOURS),
  DAIBAN_UPLOAD_PENDING_MB: int(10, 100_000, DEFAULT_UPLOAD_PENDING_MB),
  DAIBAN_IMAGE_MAX_MEGAPIXELS: int(1, 1_000, DEFAULT_PIXEL_LIMITS.maxPixels / 1_000_000),
  DAIBAN_IMAGE_MAX_SIDE: int(100, 100_000, DEFAULT_PIXEL_LIMITS.maxSide),
  DAIBAN_LOOKUP_PER_MINUTE: int(1, 100_000, DEFAULT_LOOKUP_PER_MINUTE),
  DAIBAN_PUBLIC_URL: z
    .string()
    .trim()
    .regex(
      /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      'an https:// address without query, e.g. https://daiban.example.gov.cn',
    )
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  DAIBAN_LIVE_HEARTBEAT_SECONDS: int(1, 300, DEFAULT_LIVE.heartbeatMs / 1000),
  DAIBAN_LIVE_STREAM_MINUTES: int(1, 24 * 60, DEFAULT_LIVE.maxStreamMs / 60_000),
  DAIBAN_LIVE_MAX_STREAMS: int(0, 1_000_000, DEFAULT_LIVE.maxStreams),
  DAIBAN_LIVE_PER_USER: int(1, 100_000, DEFAULT_LIVE.maxPerUser),
  DAIBAN_TOLERANCE_GRACE_DAYS: int(0, 60, DEFAULT_LIFECYCLE.toleranceGraceDays),
  DAIBAN_RETURN_CLOSE_DAYS: int(1, 250, DEFAULT_LIFECYCLE.returnCloseDays),
  DAIBAN_LIFECYCLE_SWEEP_MINUTES: int(1, 24 * 60, DEFAULT_LIFECYCLE.sweepMs / 60_000),
  NODE_ENV: z.string().optional(),
  // Encryption at rest (src/server/crypto).
  DAIBAN_MASTER_KEY: masterKey.optional(),
  DAIBAN_MASTER_KEY_PREVIOUS: z
    .string()
    .trim()
    .refine((v) => v.split(',').every((k) => isKey(k.trim())), 'comma-separated base64 keys of 32 bytes')
    .optional(),
  DAIBAN_MASTER_KEY_FILE: text.optional(),
  // HTTPS (src/server/tls/settings.ts turns these into TlsSettings).
  DAIBAN_HTTPS: flag('1'),
  DAIBAN_HTTPS_PORT: int(0, 65_535, 8443),
  DAIBAN_TLS_CERT: text.optional(),
  DAIBAN_TLS_KEY: text.optional(),
  DAIBAN_TLS_NAMES: z
    .string()
    .regex(/^[\w.:,\s-]*$/, 'comma-separated host names or IP addresses')
    .optional(),
});

/** Names the variable and what it must be; `loadConfig` throws it, main.ts prints it and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bad server settings (environment):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const known = Object.keys(Environment.shape);
  const present = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        // A database address may carry its password: never echoed.
        const shown = name === 'DATABASE_URL' ? '…' : JSON.stringify(present[name] ?? '');
        return `${name}=${shown}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.DAIBAN_HEADERS_TIMEOUT_MS > e.DAIBAN_REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      `DAIBAN_HEADERS_TIMEOUT_MS=${e.DAIBAN_HEADERS_TIMEOUT_MS}: must not exceed DAIBAN_REQUEST_TIMEOUT_MS (${e.DAIBAN_REQUEST_TIMEOUT_MS})`,
    ]);
  }
  if (Boolean(e.DAIBAN_TLS_CERT) !== Boolean(e.DAIBAN_TLS_KEY)) {
    throw new ConfigError([
      `DAIBAN_TLS_CERT / DAIBAN_TLS_KEY: give both (a certificate and its key) or neither (own CA)`,
    ]);
  }
  if (e.DAIBAN_MASTER_KEY_PREVIOUS && !e.DAIBAN_MASTER_KEY) {
    throw new ConfigError([`DAIBAN_MASTER_KEY_PREVIOUS: only with DAIBAN_MASTER_KEY (the current key)`]);
  }
  const dataDir = resolve(e.DAIBAN_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: resolve(e.DAIBAN_DB ?? `${dataDir}/daiban.sqlite`),
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DAIBAN_DB_POOL,
    blobDir: resolve(e.DAIBAN_BLOB_DIR ?? `${dataDir}/blobs`),
    staticDir: resolve(e.DAIBAN_STATIC_DIR),
    seedDemo: e.DAIBAN_DEMO,
    refuseDemoLogins: e.NODE_ENV === 'production',
    passwordCost: e.DAIBAN_PASSWORD_COST,
    rateLimits: {
      loginPerMinute: e.DAIBAN_LOGIN_PER_MINUTE,
      loginPerMinutePerIp: present.DAIBAN_LOGIN_PER_MINUTE_PER_IP
        ? e.DAIBAN_LOGIN_PER_MINUTE_PER_IP
        : loginPerIp({ loginPerMinute: e.DAIBAN_LOGIN_PER_MINUTE }),
      apiPerMinute: e.DAIBAN_API_PER_MINUTE,
    },
    loginDelay: {
      freeFailures: e.DAIBAN_LOGIN_FREE_FAILURES,
      baseMs: DEFAULT_LOGIN_DELAY.baseMs,
      maxMs: e.DAIBAN_LOGIN_DELAY_MAX_SECONDS * 1000,
    },
    sessions: {
      idleMs: e.DAIBAN_SESSION_IDLE_DAYS * 24 * HOUR,
      rotateAfterMs: e.DAIBAN_SESSION_ROTATE_HOURS * HOUR,
      rotateGraceMs: e.DAIBAN_SESSION_ROTATE_GRACE_MINUTES * 60_000,
      revokedPushGraceMs: e.DAIBAN_REVOKED_PUSH_GRACE_HOURS * HOUR,
    },
    maxBlobBytes: MAX_BLOB_BYTES,
    uploads: {
      abandonMs: e.DAIBAN_UPLOAD_ABANDON_HOURS * HOUR,
      maxPendingBytes: e.DAIBAN_UPLOAD_PENDING_MB * MB,
    },
    pixelLimits: { maxPixels: e.DAIBAN_IMAGE_MAX_MEGAPIXELS * 1_000_000, maxSide: e.DAIBAN_IMAGE_MAX_SIDE },
    trustProxy: e.DAIBAN_TRUST_PROXY,
    checkResponses: e.DAIBAN_CHECK_RESPONSES,
    logLevel: e.DAIBAN_LOG_LEVEL,
    metricsToken: e.DAIBAN_METRICS_TOKEN ?? null,
    timeouts: {
      requestMs: e.DAIBAN_REQUEST_TIMEOUT_MS,
      headersMs: e.DAIBAN_HEADERS_TIMEOUT_MS,
      keepAliveMs: e.DAIBAN_KEEP_ALIVE_TIMEOUT_MS,
      idleMs: e.DAIBAN_IDLE_TIMEOUT_MS,
    },
    live: {
      heartbeatMs: e.DAIBAN_LIVE_HEARTBEAT_SECONDS * 1000,
      maxStreamMs: e.DAIBAN_LIVE_STREAM_MINUTES * 60_000,
      maxStreams: e.DAIBAN_LIVE_MAX_STREAMS,
      maxPerUser: e.DAIBAN_LIVE_PER_USER,
    },
    lifecycle: {
      toleranceGraceDays: e.DAIBAN_TOLERANCE_GRACE_DAYS,
      returnCloseDays: e.DAIBAN_RETURN_CLOSE_DAYS,
      sweepMs: e.DAIBAN_LIFECYCLE_SWEEP_MINUTES * 60_000,
    },
    now: Date.now,
    tls: loadTlsSettings({
      DAIBAN_HTTPS: e.DAIBAN_HTTPS ? '1' : '0',
      DAIBAN_HTTPS_PORT: String(e.DAIBAN_HTTPS_PORT),
      DAIBAN_TLS_CERT: e.DAIBAN_TLS_CERT,
      DAIBAN_TLS_KEY: e.DAIBAN_TLS_KEY,
      DAIBAN_TLS_NAMES: e.DAIBAN_TLS_NAMES,
    }),
    keys: {
      masterKey: e.DAIBAN_MASTER_KEY ? Buffer.from(e.DAIBAN_MASTER_KEY, 'base64') : null,
      previousKeys: (e.DAIBAN_MASTER_KEY_PREVIOUS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
        .map((k) => Buffer.from(k, 'base64')),
      file: resolve(e.DAIBAN_MASTER_KEY_FILE ?? `${dataDir}/keys/master.key`),
    },
    lookup: { perMinute: e.DAIBAN_LOOKUP_PER_MINUTE, publicUrl: e.DAIBAN_PUBLIC_URL ?? null },
  };
}
