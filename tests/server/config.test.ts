// Settings come from one zod schema over the environment: defaults, parsing, and a bad value that
// stops the start with a message naming the variable.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TIMEOUTS, loadConfig } from '../../src/server/config';

const problems = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has embedded defaults under ./data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: resolve('data'),
      dbFile: resolve('data/daiban.sqlite'),
      blobDir: resolve('data/blobs'),
      staticDir: resolve('dist'),
      seedDemo: true,
      passwordCost: 15,
      rateLimits: { loginPerMinute: 10, apiPerMinute: 600 },
      trustProxy: false,
      checkResponses: false,
      logLevel: 'info',
      metricsToken: null,
      timeouts: DEFAULT_TIMEOUTS,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DAIBAN_DATA_DIR: '/srv/daiban',
      DAIBAN_BLOB_DIR: '/mnt/blobs',
      DAIBAN_STATIC_DIR: '/opt/daiban/dist',
      DAIBAN_DEMO: '0',
      DAIBAN_PASSWORD_COST: '16',
      DAIBAN_LOGIN_PER_MINUTE: '5',
      DAIBAN_API_PER_MINUTE: '1200',
      DAIBAN_TRUST_PROXY: '1',
      DAIBAN_LOG_LEVEL: 'warn',
      DAIBAN_CHECK_RESPONSES: 'true',
      DAIBAN_METRICS_TOKEN: 'a-long-enough-metrics-token',
      DAIBAN_REQUEST_TIMEOUT_MS: '60000',
      DAIBAN_HEADERS_TIMEOUT_MS: '10000',
      DAIBAN_KEEP_ALIVE_TIMEOUT_MS: '5000',
      DAIBAN_IDLE_TIMEOUT_MS: '90000',
    });
    expect(c).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/daiban',
      dbFile: '/srv/daiban/daiban.sqlite',
      blobDir: '/mnt/blobs',
      staticDir: '/opt/daiban/dist',
      seedDemo: false,
      passwordCost: 16,
      rateLimits: { loginPerMinute: 5, apiPerMinute: 1200 },
      trustProxy: true,
      checkResponses: true,
      logLevel: 'warn',
      metricsToken: 'a-long-enough-metrics-token',
      timeouts: { requestMs: 60_000, headersMs: 10_000, keepAliveMs: 5_000, idleMs: 90_000 },
    });
    expect(loadConfig({ DAIBAN_DB: 'x/y.sqlite' }).dbFile).toBe(resolve('x/y.sqlite'));
  });

  it('reads the session and login-delay variables, with their defaults', () => {
    expect(loadConfig({}).sessions).toEqual({
      idleMs: 14 * 86_400_000,
      rotateAfterMs: 24 * 3_600_000,
      rotateGraceMs: 30 * 60_000,
      revokedPushGraceMs: 168 * 3_600_000,
    });
    const c = loadConfig({
      DAIBAN_SESSION_IDLE_DAYS: '3',
      DAIBAN_SESSION_ROTATE_HOURS: '6',
      DAIBAN_SESSION_ROTATE_GRACE_MINUTES: '5',
      DAIBAN_REVOKED_PUSH_GRACE_HOURS: '0',
      DAIBAN_LOGIN_FREE_FAILURES: '3',
      DAIBAN_LOGIN_DELAY_MAX_SECONDS: '60',
    });
    expect(c.sessions).toEqual({
      idleMs: 3 * 86_400_000,
      rotateAfterMs: 6 * 3_600_000,
      rotateGraceMs: 300_000,
      revokedPushGraceMs: 0,
    });
    expect(c.loginDelay).toEqual({ freeFailures: 3, baseMs: 1000, maxMs: 60_000 });
    expect(problems({ DAIBAN_SESSION_IDLE_DAYS: '0' })).toMatch(/DAIBAN_SESSION_IDLE_DAYS="0"/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DAIBAN_LOG_LEVEL: '' })).toMatchObject({ port: 8080, logLevel: 'info' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DAIBAN_PASSWORD_COST', '3'],
    ['DAIBAN_DEMO', 'yes'],
    ['DAIBAN_TRUST_PROXY', 'on'],
    ['DAIBAN_LOG_LEVEL', 'verbose'],
    ['DAIBAN_API_PER_MINUTE', '-1'],
    ['DAIBAN_METRICS_TOKEN', 'short'],
    ['DAIBAN_REQUEST_TIMEOUT_MS', '1.5'],
    ['DAIBAN_HTTPS', 'yes'],
    ['DAIBAN_HTTPS_PORT', '84430'],
  ])('refuses %s=%s and names it', (name, value) => {
    const message = problems({ [name]: value });
    expect(message).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it('names every bad variable at once', () => {
    const message = problems({ PORT: 'x', DAIBAN_LOG_LEVEL: 'loud' });
    expect(message).toContain('PORT=');
    expect(message).toContain('DAIBAN_LOG_LEVEL=');
  });

  it('reads the HTTPS settings, and refuses a certificate without its key', () => {
    expect(loadConfig({}).tls).toMatchObject({ enabled: true, httpsPort: 8443, extraNames: [] });
    expect(
      loadConfig({ DAIBAN_HTTPS: '0', DAIBAN_HTTPS_PORT: '443', DAIBAN_TLS_NAMES: 'daiban.lan, 10.0.0.5' }).tls,
    ).toMatchObject({ enabled: false, httpsPort: 443, extraNames: ['daiban.lan', '10.0.0.5'] });
    expect(problems({ DAIBAN_TLS_CERT: '/etc/daiban/cert.pem' })).toContain('DAIBAN_TLS_KEY');
  });

  it('reads the master key settings (encryption at rest), and refuses a key that is not 32 bytes', () => {
    expect(loadConfig({ DAIBAN_DATA_DIR: '/srv/daiban' }).keys).toEqual({
      masterKey: null,
      previousKeys: [],
      file: '/srv/daiban/keys/master.key',
    });
    const key = Buffer.alloc(32, 7);
    const old = Buffer.alloc(32, 9);
    expect(
      loadConfig({
        DAIBAN_MASTER_KEY: key.toString('base64'),
        DAIBAN_MASTER_KEY_PREVIOUS: ` ${old.toString('base64')} `,
        DAIBAN_MASTER_KEY_FILE: '/etc/daiban/master.key',
      }).keys,
    ).toEqual({ masterKey: key, previousKeys: [old], file: '/etc/daiban/master.key' });
    expect(problems({ DAIBAN_MASTER_KEY: Buffer.alloc(16).toString('base64') })).toContain('DAIBAN_MASTER_KEY=');
    expect(problems({ DAIBAN_MASTER_KEY: 'not base64 at all!' })).toContain('DAIBAN_MASTER_KEY=');
    expect(problems({ DAIBAN_MASTER_KEY_PREVIOUS: key.toString('base64') })).toContain(
      'DAIBAN_MASTER_KEY_PREVIOUS: only with DAIBAN_MASTER_KEY',
    );
    expect(
      problems({
        DAIBAN_MASTER_KEY: key.toString('base64'),
        DAIBAN_MASTER_KEY_PREVIOUS: `${old.toString('base64')},x`,
      }),
    ).toContain('DAIBAN_MASTER_KEY_PREVIOUS=');
  });

  it('chooses PostgreSQL by DATABASE_URL (SQLite without it), and never echoes the address', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    const c = loadConfig({ DATABASE_URL: 'postgres://daiban:secret@db:5432/daiban', DAIBAN_DB_POOL: '20' });
    expect(c.databaseUrl).toBe('postgres://daiban:secret@db:5432/daiban');
    expect(c.databasePoolSize).toBe(20);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/daiban' }).databaseUrl).toBe('postgresql://db/daiban');
    const message = problems({ DATABASE_URL: 'mysql://root:hunter2@db/daiban', DAIBAN_DB_POOL: '1' });
    expect(message).toMatch(/DATABASE_URL=…: a PostgreSQL address/);
    expect(message).toMatch(/DAIBAN_DB_POOL="1"/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(problems({ DAIBAN_REQUEST_TIMEOUT_MS: '5000', DAIBAN_HEADERS_TIMEOUT_MS: '6000' })).toContain(
      'DAIBAN_HEADERS_TIMEOUT_MS',
    );
  });
});
