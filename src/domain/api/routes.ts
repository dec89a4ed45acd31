// Every HTTP route of the township server, in one table: method, path and the zod schema of each
// input and of the JSON answer. The server registers and validates with it (src/server/http/
// route.ts); the one client (src/net) builds requests and parses answers with it.
import { z } from 'zod';
import { Decision } from '../schemas/decision';
import { PushRequest, PushResponse } from '../schemas/sync';
import { LoginRequest, LoginResponse, MeResponse } from './auth';
import { BlobParams } from './blobs';
import { DiagnosticReceipt, DiagnosticReport } from './diagnostics';
import {
  CloseRectificationBody, CloseRectificationResponse, RectificationList, RectificationListQuery, RectificationParams,
} from './rectifications';
import { CaseIdParams, DecisionOutcome, OpenReviewOutcome, ReviewCaseDetail, ReviewCaseList, ReviewListQuery } from './review';
import { StatsQuery, StatsResponse } from './stats';
import { PullPageWire, PullQuery } from './sync';

export type Method = 'GET' | 'POST' | 'PATCH' | 'HEAD';

export interface RouteSpec {
  method: Method;
  /** Fastify-style path: `:name` segments are filled from `params`. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Schema of the JSON answer; null when the answer is not JSON (204, a file, a CSV). */
  response: z.ZodType | null;
  /** Reachable without a session. */
  public?: true;
}

const route = <const S extends RouteSpec>(spec: S): S => spec;

export const Health = z.object({ ok: z.literal(true) });

export const API = {
  health: route({ method: 'GET', path: '/api/health', response: Health, public: true }),

  login: route({ method: 'POST', path: '/api/auth/login', body: LoginRequest, response: LoginResponse, public: true }),
  logout: route({ method: 'POST', path: '/api/auth/logout', response: null }),
  me: route({ method: 'GET', path: '/api/auth/me', response: MeResponse }),

  push: route({ method: 'POST', path: '/api/sync/push', body: PushRequest, response: PushResponse }),
  /** The answer is read change by change (readPullPage): a newer server's kinds are skipped. */
  pull: route({ method: 'GET', path: '/api/sync/pull', query: PullQuery, response: PullPageWire }),

  /** Resumable upload: HEAD answers `Upload-Offset`/`Upload-Complete`, PATCH appends a chunk. */
  blobHead: route({ method: 'HEAD', path: '/api/blobs/:sha256', params: BlobParams, response: null }),
  blobPatch: route({ method: 'PATCH', path: '/api/blobs/:sha256', params: BlobParams, response: null }),
  blobGet: route({ method: 'GET', path: '/api/blobs/:sha256', params: BlobParams, response: null }),

  reviewList: route({ method: 'GET', path: '/api/review/cases', query: ReviewListQuery, response: ReviewCaseList }),
  reviewCase: route({ method: 'GET', path: '/api/review/cases/:id', params: CaseIdParams, response: ReviewCaseDetail }),
  reviewOpen: route({ method: 'POST', path: '/api/review/cases/:id/open', params: CaseIdParams, response: OpenReviewOutcome }),
  reviewDecide: route({
    method: 'POST', path: '/api/review/cases/:id/decisions', params: CaseIdParams, body: Decision, response: DecisionOutcome,
  }),

  stats: route({ method: 'GET', path: '/api/stats', query: StatsQuery, response: StatsResponse }),
  statsCsv: route({ method: 'GET', path: '/api/stats.csv', query: StatsQuery, response: null }),

  rectifications: route({ method: 'GET', path: '/api/rectifications', query: RectificationListQuery, response: RectificationList }),
  closeRectification: route({
    method: 'POST', path: '/api/rectifications/:id/close', params: RectificationParams, body: CloseRectificationBody,
    response: CloseRectificationResponse,
  }),

  diagnostics: route({ method: 'POST', path: '/api/diagnostics', body: DiagnosticReport, response: DiagnosticReceipt }),
} as const;

type Infer<S, Dir extends 'in' | 'out'> = S extends z.ZodType ? (Dir extends 'in' ? z.input<S> : z.output<S>) : undefined;

/** What a caller passes: params, query and body as the schemas accept them. */
export type RouteInput<S extends RouteSpec> = {
  [K in 'params' | 'query' | 'body' as S[K] extends z.ZodType ? K : never]: Infer<S[K], 'in'>;
};
/** What a handler receives after validation. */
export type RouteArgs<S extends RouteSpec> = {
  [K in 'params' | 'query' | 'body']: Infer<S[K], 'out'>;
};
/** The parsed JSON answer. */
export type RouteResponse<S extends RouteSpec> = Infer<S['response'], 'out'>;

/** `/api/review/cases/:id` + `{ id }` → `/api/review/cases/<id>`, each segment URL-encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([a-zA-Z][a-zA-Z0-9]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** A query object as a search string (`?a=1&b=x`), leaving out undefined values. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    search.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
