// Operations endpoints: readiness (/api/ready) and Prometheus metrics (/metrics), and who may read
// the metrics.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION, PROTOCOL_VERSION } from '../../src/domain/api';
import { buildCase, submitMutation } from './fixtures';
import { login, push, startServer, uploadAll, type TestServer } from './harness';

const TOKEN = 'metrics-token-for-the-tests';

describe('GET /api/ready', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.close());

  it('is ready with versions and every check passing, without a token', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      ready: true,
      app: APP_VERSION,
      protocol: PROTOCOL_VERSION,
      checks: { database: { ok: true }, migrations: { ok: true }, blobDir: { ok: true } },
    });
  });

  it('is 503 naming the failing check when the blob folder cannot be written', async () => {
    rmSync(s.config.blobDir, { recursive: true, force: true });
    writeFileSync(s.config.blobDir, 'not a folder');
    try {
      const res = await s.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      const body = res.json();
      expect(body.ready).toBe(false);
      expect(body.checks.database).toEqual({ ok: true });
      expect(body.checks.blobDir.ok).toBe(false);
      expect(body.checks.blobDir.message).toMatch(/ENOTDIR|EEXIST|ENOENT/);
    } finally {
      rmSync(s.config.blobDir, { force: true });
      mkdirSync(s.config.blobDir, { recursive: true });
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('is 503 when the database is gone, while /api/health still answers', async () => {
    const t = await startServer();
    try {
      await t.app.store.close();
      const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.database.ok).toBe(false);
      expect(res.json().checks.migrations.ok).toBe(false);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe('GET /metrics', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ metricsToken: TOKEN });
  });
  afterAll(() => s.close());

  it('counts requests by route and status, push results, outbox age and database time', async () => {
    const agent = await login(s.app, 'agent1');
    const built = buildCase({
      agentId: agent.user.id,
      villageCode: agent.user.villageCode!,
      now: s.clock.now - 60_000,
    });
    await uploadAll(s.app, agent.token, built.files);
    const answer = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now - 60_000)]);
    expect(answer.results[0]?.status).toBe('ok');
    await s.app.inject({ method: 'GET', url: '/api/ready' });
    await s.app.inject({ method: 'GET', url: '/api/no-such-route' });

    const res = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/daiban_http_requests_total\{method="POST",route="\/api\/auth\/login",status="200"\} 1/);
    expect(text).toMatch(/daiban_http_requests_total\{method="POST",route="\/api\/sync\/push",status="200"\} 1/);
    expect(text).toMatch(/daiban_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).toMatch(
      /daiban_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/ready"\} 1/,
    );
    expect(text).toMatch(/daiban_push_mutations_total\{result="ok"\} 1/);
    expect(text).toMatch(/daiban_push_outbox_age_seconds_count 1/);
    expect(text).toMatch(/daiban_push_outbox_age_seconds_sum 60/);
    expect(text).toMatch(/daiban_db_transaction_duration_seconds_count\{outcome="commit"\} [1-9]/);
    expect(text).toContain('daiban_process_cpu_seconds_total');
  });

  it('is open from loopback, and from elsewhere only with the bearer token', async () => {
    const remote = { remoteAddress: '10.1.2.3' };
    expect((await s.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    const anonymous = await s.app.inject({ method: 'GET', url: '/metrics', ...remote });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ code: 'metrics.unauthorized', message: expect.any(String) });
    const wrong = await s.app.inject({
      method: 'GET',
      url: '/metrics',
      ...remote,
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await s.app.inject({
      method: 'GET',
      url: '/metrics',
      ...remote,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('daiban_http_requests_total');
  });

  it('without a token configured, is refused to every other host', async () => {
    const t = await startServer();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.1.20' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('metrics.forbidden');
    } finally {
      await t.close();
    }
  });

  it('behind a proxy, judges the forwarded client, not the proxy on loopback', async () => {
    const t = await startServer({ trustProxy: true });
    try {
      const proxied = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
