// GET /api/sync/live over a real socket: authenticated by the bearer token, scoped (another
// village or township hears nothing), heartbeats, and a "changed, seq N" hint — never data —
// after a push and after a reviewer's decision, only once the change can be pulled.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type Decision, type PullResponse } from '../../src/domain';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, submitMutation } from './fixtures';

let s: TestServer;
let base: string;
type Login = Awaited<ReturnType<typeof login>>;
const who: Record<string, Login> = {};

beforeAll(async () => {
  s = await startServer({ live: { heartbeatMs: 200, maxStreamMs: 60_000, maxStreams: 100, maxPerUser: 3 } });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  for (const u of ['agent1', 'agent2', 'agent4', 'reviewer1', 'reviewer2']) who[u] = await login(s.app, u);
});
afterAll(() => s.close());

interface Event {
  event: string;
  data: string;
}

/** A live stream read with fetch, as the app reads it; events and comment lines are kept. */
async function openStream(token: string | undefined, device = uuidv7()) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/sync/live?device=${device}`, {
    headers: token ? bearer(token) : {},
    signal: abort.signal,
  });
  const events: Event[] = [];
  let comments = 0;
  let ended = false;
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) comments++;
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
            if (event) events.push({ event, data });
          }
        }
      } catch {
        // aborted
      }
      ended = true;
    })();
  }
  return {
    res,
    events,
    comments: () => comments,
    ended: () => ended,
    changed: () => events.filter((e) => e.event === 'changed').map((e) => JSON.parse(e.data) as { seq: number }),
    close: () => abort.abort(),
  };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 3_000) {
  for (const end = Date.now() + ms; Date.now() < end; await settle(20)) if (check()) return;
  throw new Error('timed out');
}

async function submitCase(agent: Login) {
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  await uploadAll(s.app, agent.token, built.files);
  const { results } = await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  expect(results[0]!.status).toBe('ok');
  return built.submission.case.id;
}

const pullAfter = async (user: Login, cursor: number) =>
  (
    await s.app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=200`, headers: bearer(user.token) })
  ).json() as PullResponse;

describe('the live stream', () => {
  it('refuses a request without a valid token (401), and one without a device (400)', async () => {
    const none = await openStream(undefined);
    expect(none.res.status).toBe(401);
    const forged = await openStream('not-a-token');
    expect(forged.res.status).toBe(401);
    const res = await fetch(`${base}/api/sync/live`, { headers: bearer(who.agent1!.token) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('request.invalid');
  });

  it('is an event stream nginx does not buffer, says ready, then sends heartbeats', async () => {
    const st = await openStream(who.agent1!.token);
    try {
      expect(st.res.status).toBe(200);
      expect(st.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(st.res.headers.get('x-accel-buffering')).toBe('no');
      expect(st.res.headers.get('cache-control')).toBe('no-store');
      await until(() => st.events.some((e) => e.event === 'ready'));
      await until(() => st.comments() >= 2);
    } finally {
      st.close();
    }
  });

  it('hints a push to its village and township, after the commit, and nobody else hears of it', async () => {
    const own = await openStream(who.agent1!.token);
    const sameTownshipOtherVillage = await openStream(who.agent2!.token);
    const otherTownship = await openStream(who.agent4!.token);
    const reviewer = await openStream(who.reviewer1!.token);
    const otherReviewer = await openStream(who.reviewer2!.token);
    const all = [own, sameTownshipOtherVillage, otherTownship, reviewer, otherReviewer];
    try {
      for (const st of all) await until(() => st.events.some((e) => e.event === 'ready'));
      const before = (await pullAfter(who.agent1!, 0)).cursor;
      const caseId = await submitCase(who.agent1!);
      await until(() => own.changed().length > 0 && reviewer.changed().length > 0);
      const hint = own.changed().at(-1)!;
      // The hint carries a seq, never data, and the change up to it can be pulled at once.
      expect(Object.keys(hint)).toEqual(['seq']);
      const page = await pullAfter(who.agent1!, before);
      expect(page.changes.some((c) => 'caseId' in c && c.caseId === caseId)).toBe(true);
      expect(page.cursor).toBe(hint.seq);
      expect(reviewer.changed().at(-1)!.seq).toBe(hint.seq);
      await settle(300);
      expect(sameTownshipOtherVillage.changed()).toEqual([]);
      expect(otherTownship.changed()).toEqual([]);
      expect(otherReviewer.changed()).toEqual([]);
    } finally {
      for (const st of all) st.close();
    }
  });

  it("hints the village's agent when the reviewer returns the case", async () => {
    const caseId = await submitCase(who.agent1!);
    const agent = await openStream(who.agent1!.token);
    const neighbour = await openStream(who.agent2!.token);
    try {
      await until(() => agent.events.some((e) => e.event === 'ready'));
      await until(() => neighbour.events.some((e) => e.event === 'ready'));
      const before = (await pullAfter(who.agent1!, 0)).cursor;
      const d: Decision = {
        id: uuidv7(),
        caseId,
        kind: 'return',
        reasons: [{ target: 'photo', code: 'blurred', text: '' }],
        toleranceDue: [],
        reviewerId: 'ignored',
        decidedAt: s.clock.now,
        revision: 1,
      };
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/review/cases/${caseId}/decisions`,
        headers: bearer(who.reviewer1!.token),
        payload: d,
      });
      expect(res.statusCode).toBe(200);
      await until(() => agent.changed().length > 0);
      const page = await pullAfter(who.agent1!, before);
      expect(page.changes.some((c) => c.type === 'decision' && c.caseId === caseId)).toBe(true);
      expect(page.cursor).toBe(agent.changed().at(-1)!.seq);
      await settle(300);
      expect(neighbour.changed()).toEqual([]);
    } finally {
      agent.close();
      neighbour.close();
    }
  });

  it("a device's newer stream replaces its older one; a user's streams are limited", async () => {
    const device = uuidv7();
    const first = await openStream(who.agent1!.token, device);
    await until(() => first.events.some((e) => e.event === 'ready'));
    const second = await openStream(who.agent1!.token, device);
    try {
      await until(() => first.ended());
      expect(first.events.at(-1)!.event).toBe('bye');
      const others = [await openStream(who.agent1!.token), await openStream(who.agent1!.token)];
      const over = await openStream(who.agent1!.token);
      expect(over.res.status).toBe(429);
      expect(((await over.res.json()) as { code: string }).code).toBe('live.too_many');
      for (const o of others) o.close();
    } finally {
      second.close();
    }
  });
});
