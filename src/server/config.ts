// Server settings from the environment, with embedded defaults (SQLite + files under ./data).
import { resolve } from 'node:path';
import { loadTlsSettings, type TlsSettings } from './tls/settings';

export interface RateLimits {
  /** Login attempts per IP per minute. */
  loginPerMinute: number;
  /** API requests per signed-in user (or per IP without a token) per minute. */
  apiPerMinute: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  blobDir: string;
  staticDir: string;
  /** Seed the demo county, villages and logins on first start. */
  seedDemo: boolean;
  /** Refuse logins with the demo password on demo accounts (NODE_ENV=production). */
  refuseDemoLogins: boolean;
  /** scrypt cost (log2 N) for new password hashes. */
  passwordCost: number;
  rateLimits: RateLimits;
  /** Largest blob (photo, scan, signature) accepted. */
  maxBlobBytes: number;
  /** Behind a reverse proxy (nginx at the township): take client IPs from X-Forwarded-For. */
  trustProxy: boolean;
  /** Parse every JSON answer with the API contract before sending it (tests, CI, staging). */
  checkResponses: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** The clock; tests move it. */
  now: () => number;
  /** HTTPS: own CA or a real certificate; `port` above is then the plain HTTP port (src/server/tls). */
  tls: TlsSettings;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { loginPerMinute: 10, apiPerMinute: 600 };
export const MAX_BLOB_BYTES = 10 * 1024 * 1024;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.DAIBAN_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    dbFile: resolve(env.DAIBAN_DB ?? `${dataDir}/daiban.sqlite`),
    blobDir: resolve(env.DAIBAN_BLOB_DIR ?? `${dataDir}/blobs`),
    staticDir: resolve(env.DAIBAN_STATIC_DIR ?? 'dist'),
    seedDemo: env.DAIBAN_DEMO !== '0',
    refuseDemoLogins: env.NODE_ENV === 'production',
    passwordCost: Number(env.DAIBAN_PASSWORD_COST ?? 15),
    rateLimits: {
      loginPerMinute: Number(env.DAIBAN_LOGIN_PER_MINUTE ?? DEFAULT_RATE_LIMITS.loginPerMinute),
      apiPerMinute: Number(env.DAIBAN_API_PER_MINUTE ?? DEFAULT_RATE_LIMITS.apiPerMinute),
    },
    maxBlobBytes: MAX_BLOB_BYTES,
    trustProxy: env.DAIBAN_TRUST_PROXY === '1',
    checkResponses: env.DAIBAN_CHECK_RESPONSES === '1',
    logLevel: (env.DAIBAN_LOG_LEVEL as ServerConfig['logLevel'] | undefined) ?? 'info',
    now: Date.now,
    tls: loadTlsSettings(env),
  };
}
