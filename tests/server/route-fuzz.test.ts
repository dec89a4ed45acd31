// A bounded fuzz over every route of the API table against a real server: from a plausible
// request per route, fast-check (fixed seed: a failure names its seed and path to replay) makes
// bad ones — wrong types, missing and extra fields, huge strings, deep nesting, bad JSON, wrong
// content types, bad path params and query values, unicode, negative/NaN numbers, bad auth and
// protocol headers — as each role. The server must never answer 5xx, and every error must be the
// JSON error format (code + message).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, ApiError, PROTOCOL_HEADER, type RouteSpec } from '../../src/domain/api';
import { uuidv7 } from '../../src/domain';
import { BLOB_CONTENT_TYPE } from '../../src/server/blobs/routes';
import { bearer, login, push, startServer, uploadAll, type TestServer } from './harness';
import { buildCase, fakeJpeg, sha256, submitMutation } from './fixtures';

const SEED = 20_261_201;
const RUNS_PER_ROUTE = 75;

type Role = 'anonymous' | 'agent' | 'reviewer' | 'admin';
const ROLES: Role[] = ['anonymous', 'agent', 'reviewer', 'admin'];
const USERNAMES = { agent: 'agent1', reviewer: 'reviewer1', admin: 'admin' } as const;

interface Req {
  role: Role;
  method: string;
  /** Path params by name; `raw` ones go into the URL unencoded. */
  params: Record<string, { value: string; raw?: boolean }>;
  query: Record<string, string | string[]> | { raw: string };
  /** JSON value (undefined: no body), or raw bytes with their content type. */
  body: { json: unknown } | { raw: string | Buffer } | undefined;
  contentType: string | null;
  headers: Record<string, string>;
  /** Replace the Authorization header (null: none; undefined: the role's token). */
  auth?: string | null;
}

// ---- bad values -------------------------------------------------------------------------------

const deepArray = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const deepObject = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

const emoji = fc.constantFrom('😀', '👨‍👩‍👧‍👦', '🇨🇳', '\u{1F4A9}', '𠮷野家', 'e\u0301', '\u202Eabc', '\uFEFF', '\u0000');
const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(emoji, { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
);
const hugeString = fc
  .constantFrom(1_000, 70_000, 300_000)
  .chain((n) => fc.constantFrom('x', '办', '😀').map((c) => c.repeat(n)));

/** Scalars a JSON field should not hold (NaN and Infinity travel as null in JSON). */
const badScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0.5, 1e309, -1e309, Number.MAX_SAFE_INTEGER + 2, NaN, '', ' ', 'null'),
  fc.integer({ min: -2_147_483_648, max: -1 }),
  fc.double(),
  unicodeText,
  fc.constantFrom(
    '-1',
    'NaN',
    'Infinity',
    '1e309',
    '0x10',
    '1.5',
    '2026-02-30',
    '../../etc/passwd',
    '<script>',
    "' OR 1=1 --",
  ),
);
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: badScalar },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom(10, 1_000, 5_000).map(deepArray) },
  { weight: 1, arbitrary: fc.constantFrom(10, 1_000, 5_000).map(deepObject) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      [],
      {},
      [null],
      [[]],
      { __proto__: { admin: true } },
      JSON.parse('{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}'),
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);
/** Query and header values are strings: bad ones. */
const badText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '-1',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '1.5',
    '0x1F',
    '9'.repeat(40),
    'true',
    'null',
    '[]',
    '{}',
  ),
  unicodeText,
  hugeString.map((s) => s.slice(0, 20_000)),
);
const badPathParam: fc.Arbitrary<{ value: string; raw?: boolean }> = fc.oneof(
  badText.filter((s) => s.length > 0).map((value) => ({ value: value.slice(0, 5_000) })),
  fc
    .constantFrom('..', '.', '%', '%zz', '%00', '..%2f..%2fetc', 'a/b', '?', '#', ' ', '%E4%B8', 'ＡＢＣ')
    .map((value) => ({
      value,
      raw: true,
    })),
);
const authHeader = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer  ',
    'bearer x',
    'Basic YWRtaW46ZGFpYmFuMTIz',
    'Token abc',
    'Bearer null',
  ),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((t) => `Bearer ${t}`),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((t) => `Bearer ${t.replace(/[^\x20-\x7e]/g, '')}`),
  fc.constantFrom(2_000, 20_000).map((n) => `Bearer ${'a'.repeat(n)}`),
);
const contentTypes = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  BLOB_CONTENT_TYPE,
  'application/xml',
  'application/json, text/plain',
  ';;;',
  'application/jsonx',
);
const badJsonText = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'nul',
    '{"a":1}}',
    "{'a':1}",
    '\uFEFF{}',
    '{"a":1,}',
    'NaN',
    '"\\ud800"',
    '{"a":"\\u00"}',
  ),
  fc.constantFrom(10_000, 200_000).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.constantFrom(10_000, 200_000).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  unicodeText,
);

// ---- mutations of a plausible request ---------------------------------------------------------

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 6 || out.length > 200) return out;
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [k, v] of children) {
    out.push([...prefix, k]);
    pathsOf(v, [...prefix, k], out);
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, drop = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (drop) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

type Mutation = (r: Req) => Req;

function mutations(base: Req, extraHeaders: string[]): fc.Arbitrary<Mutation> {
  const json = base.body && 'json' in base.body ? base.body.json : undefined;
  const bodyPaths = json === undefined ? [] : pathsOf(json);
  const paramNames = Object.keys(base.params);
  const queryKeys = 'raw' in base.query ? [] : Object.keys(base.query);
  const options: fc.Arbitrary<Mutation>[] = [
    authHeader.map((auth) => (r: Req) => ({ ...r, auth })),
    fc.constantFrom('abc', '0', '-1', '99999', '1.5', '', '１').map((v) => (r: Req) => ({
      ...r,
      headers: { ...r.headers, [PROTOCOL_HEADER]: v },
    })),
    contentTypes.map((contentType) => (r: Req) => ({ ...r, contentType, body: r.body ?? { raw: 'a=1&b=2' } })),
    badJsonText.map((raw) => (r: Req) => ({ ...r, body: { raw }, contentType: 'application/json' })),
    badValue.map((v) => (r: Req) => ({ ...r, body: { json: v }, contentType: 'application/json' })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), badValue).map(([k, v]) => (r: Req) => ({
      ...r,
      body: { json: { ...(json && typeof json === 'object' ? json : {}), [k]: v } },
      contentType: 'application/json',
    })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), badText).map(([k, v]) => (r: Req) => ({
      ...r,
      query: 'raw' in r.query ? { [k]: v } : { ...r.query, [k]: v },
    })),
    fc
      .constantFrom('%', '%%%', 'a[b]=1', '__proto__[x]=1', 'constructor[prototype][y]=1', '&&&===', 'a=%E4%B8')
      .map((raw) => (r: Req) => ({ ...r, query: { raw } })),
    fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'POST', 'GET').map((method) => (r: Req) => ({ ...r, method })),
  ];
  if (bodyPaths.length > 0) {
    const at = fc.constantFrom(...bodyPaths);
    options.push(
      fc.tuple(at, badValue).map(([p, v]) => (r: Req) => ({ ...r, body: { json: setAt(json, p, v) } })),
      fc.tuple(at, badValue).map(([p, v]) => (r: Req) => ({ ...r, body: { json: setAt(json, p, v) } })),
      at.map((p) => (r: Req) => ({ ...r, body: { json: setAt(json, p, undefined, true) } })),
    );
  }
  if (paramNames.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...paramNames), badPathParam).map(([name, v]) => (r: Req) => ({
        ...r,
        params: { ...r.params, [name]: v },
      })),
    );
  if (queryKeys.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...queryKeys), badText).map(([k, v]) => (r: Req) => ({
        ...r,
        query: { ...(r.query as Record<string, string>), [k]: v },
      })),
      fc.constantFrom(...queryKeys).map((k) => (r: Req) => ({
        ...r,
        query: { ...(r.query as Record<string, string>), [k]: ['1', '2'] },
      })),
    );
  if (extraHeaders.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...extraHeaders), badText).map(([h, v]) => (r: Req) => ({
        ...r,
        headers: { ...r.headers, [h]: v.replace(/[^\x20-\x7e]/g, '?').slice(0, 8_000) },
      })),
    );
  return fc.oneof(...options);
}

// ---- the run ----------------------------------------------------------------------------------

let s: TestServer;
const tokens: Partial<Record<Role, string>> = {};
let sent = 0;

async function tokenFor(role: Role): Promise<string | undefined> {
  if (role === 'anonymous') return undefined;
  tokens[role] ??= (await login(s.app, USERNAMES[role])).token;
  return tokens[role];
}

function url(spec: RouteSpec, r: Req): string {
  const path = spec.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const p = r.params[name];
    return p ? (p.raw ? p.value : encodeURIComponent(p.value)) : '';
  });
  if ('raw' in r.query) return `${path}?${r.query.raw as string}`;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query)) for (const one of [v].flat()) search.append(k, one);
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

const describeReq = (spec: RouteSpec, r: Req) =>
  safeJson({ ...r, path: spec.path, body: r.body && safeJson(r.body).slice(0, 300) }).slice(0, 1_500);

async function send(spec: RouteSpec, r: Req): Promise<void> {
  const token = await tokenFor(r.role);
  const headers: Record<string, string> = { ...r.headers };
  const auth = r.auth === undefined ? token && bearer(token).authorization : r.auth;
  if (auth) headers['authorization'] = auth;
  if (r.contentType) headers['content-type'] = r.contentType;
  const payload = r.body === undefined ? undefined : 'json' in r.body ? safeJson(r.body.json) : r.body.raw;
  if (payload !== undefined && !r.contentType) headers['content-type'] = 'application/json';
  const res = await s.app.inject({
    method: r.method as 'GET',
    url: url(spec, r),
    headers,
    ...(payload !== undefined && { payload }),
  });
  sent++;
  const what = `${res.statusCode} ${res.body.slice(0, 300)}\n${describeReq(spec, r)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400 && r.method !== 'HEAD') {
    expect(res.headers['content-type'], what).toMatch(/^application\/json/);
    const body = ApiError.safeParse(JSON.parse(res.body));
    expect(body.success, what).toBe(true);
    expect(body.data!.code, what).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
    expect(body.data!.message.length, what).toBeGreaterThan(0);
  }
  // A session the request ended (logout) or a password it changed: log in again next time.
  if (r.role !== 'anonymous' && auth === bearer(token ?? '').authorization && res.statusCode === 401)
    delete tokens[r.role];
  if (r.method === 'POST' && spec === API.logout && res.statusCode < 300) delete tokens[r.role];
}

/** JSON text of a value (undefined where JSON has none); deep values that overflow go as raw text. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '[[[[[[';
  }
}

interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

const bases: Partial<Record<keyof typeof API, Base>> = {};

beforeAll(async () => {
  s = await startServer();
  const agent = await login(s.app, 'agent1');
  const built = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  await uploadAll(s.app, agent.token, built.files);
  await push(s.app, agent.token, [submitMutation(built.submission, s.clock.now)]);
  const caseId = built.submission.case.id;
  // A user the admin routes may act on without locking out the logins the fuzz uses.
  const admin = await login(s.app, 'admin');
  const victim = await s.app.inject({
    method: 'POST',
    url: '/api/admin/users',
    headers: bearer(admin.token),
    payload: { username: 'fuzz.victim', name: '测试', role: 'agent', divisionCode: agent.user.villageCode },
  });
  expect(victim.statusCode, victim.body).toBe(200);
  const victimId = (victim.json() as { user: { id: string } }).user.id;
  const next = buildCase({ agentId: agent.user.id, villageCode: agent.user.villageCode!, now: s.clock.now });
  const file = fakeJpeg(4096);
  const uuid = uuidv7();

  Object.assign(bases, {
    login: { body: { username: 'fuzz-nobody', password: 'not-the-password' } },
    changePassword: { body: { currentPassword: 'not-the-password', newPassword: 'Another-pass-123' } },
    push: { body: { deviceId: 'fuzz-tablet', mutations: [submitMutation(next.submission, s.clock.now)] } },
    pull: { query: { cursor: '0', limit: '50' } },
    blobHead: { params: { sha256: sha256(file) } },
    blobGet: { params: { sha256: built.files[0] ? sha256(built.files[0]) : sha256(file) } },
    blobPatch: {
      params: { sha256: sha256(file) },
      raw: file.subarray(0, 1024),
      contentType: BLOB_CONTENT_TYPE,
      headers: { 'upload-offset': '0', 'upload-length': String(file.length) },
    },
    reviewList: { query: { status: 'submitted,in_review', limit: '20', offset: '0', overdue: '1' } },
    reviewCase: { params: { id: caseId } },
    reviewOpen: { params: { id: caseId } },
    reviewDecide: {
      params: { id: caseId },
      body: {
        id: uuid,
        caseId,
        kind: 'return',
        reasons: [{ code: 'material.unclear', targetId: 'x', note: '看不清' }],
        toleranceDue: [{ requirementId: 'r1', dueBy: '2026-03-10' }],
        note: '请补充',
        reviewerId: 'x',
        decidedAt: s.clock.now,
        revision: 1,
      },
    },
    stats: { query: { from: '2026-01-01', to: '2026-03-31' } },
    statsCsv: { query: { from: '2026-01-01', to: '2026-03-31' } },
    rectifications: { query: { status: 'open' } },
    closeRectification: { params: { id: uuidv7() }, body: { callbackNote: '已回访，群众满意' } },
    diagnostics: {
      body: {
        deviceId: 'fuzz-tablet',
        appVersion: '1.0.0',
        items: [{ code: 'row.invalid', source: 'cases', key: 'k1', schemaVersion: 3, paths: ['fields.a'], seenAt: 1 }],
      },
    },
    adminCreateUser: {
      body: { username: 'fuzz.new', name: '新用户', role: 'agent', divisionCode: agent.user.villageCode },
    },
    adminUpdateUser: { params: { id: victimId }, body: { name: '改名', divisionCode: agent.user.villageCode } },
    adminDisableUser: { params: { id: victimId } },
    adminEnableUser: { params: { id: victimId } },
    adminResetPassword: { params: { id: victimId }, body: { password: 'Victim-pass-456' } },
    adminSessions: { params: { id: victimId } },
    adminRevokeSession: { params: { id: victimId, sessionId: '0123456789abcdef' } },
    adminImportDivisions: { body: { csv: 'code,name\n341822100000,桃州镇\n', dryRun: true } },
  } satisfies Partial<Record<keyof typeof API, Base>>);
}, 60_000);

afterAll(() => s.close());

describe('route fuzz: no 5xx, every error in the JSON error format', () => {
  const entries = Object.entries(API) as [keyof typeof API, RouteSpec][];

  it.each(entries.map(([key, spec], i) => [key, spec, i] as const))(
    '%s',
    async (key, spec, i) => {
      const base = bases[key] ?? {};
      const plausible = (role: Role): Req => ({
        role,
        method: spec.method,
        params: Object.fromEntries(Object.entries(base.params ?? {}).map(([k, v]) => [k, { value: v }])),
        query: base.query ?? {},
        body: base.raw ? { raw: base.raw } : base.body === undefined ? undefined : { json: base.body },
        contentType: base.contentType ?? null,
        headers: base.headers ?? {},
      });
      const arb = fc.tuple(
        fc.constantFrom(...ROLES),
        mutations(plausible('agent'), Object.keys(base.headers ?? {})),
        fc.option(mutations(plausible('agent'), Object.keys(base.headers ?? {})), { nil: undefined }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([role, first, second]) => {
          let r = first(plausible(role));
          if (second) r = second(r);
          await send(spec, r);
        }),
        { seed: SEED + i, numRuns: RUNS_PER_ROUTE },
      );
    },
    60_000,
  );

  it('router errors found by the fuzz (bad %-escape, over-long path parameter) answer in the JSON format', async () => {
    const badEscape = await s.app.inject({ url: '/api/review/cases/%zz' });
    expect([badEscape.statusCode, badEscape.json()]).toEqual([
      400,
      { code: 'request.bad_url', message: '请求地址格式不正确' },
    ]);
    const longParam = await s.app.inject({ url: `/api/review/cases/${'x'.repeat(1_000)}` });
    expect([longParam.statusCode, longParam.json()]).toEqual([
      414,
      { code: 'request.param_too_long', message: '请求地址中的参数过长' },
    ]);
  });

  it(`sent at least 2,000 requests over all ${Object.keys(API).length} routes`, () => {
    expect(sent).toBeGreaterThanOrEqual(2_000);
  });
});
