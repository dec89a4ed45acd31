// The shape of one route of the contract (method, path, schemas of its inputs and JSON answer),
// and the helpers that turn a route and its inputs into a request. Each area file (auth.ts,
// sync.ts, review.ts, …) defines its routes with `route()`; routes.ts gathers them for the server.
// Client code imports the area it calls, so a screen's bundle carries only its own schemas.
import type { z } from 'zod';

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

export const route = <const S extends RouteSpec>(spec: S): S => spec;

type Infer<S, Dir extends 'in' | 'out'> = S extends z.ZodType
  ? Dir extends 'in'
    ? z.input<S>
    : z.output<S>
  : undefined;

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
