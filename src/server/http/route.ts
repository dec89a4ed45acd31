// Registers a route of the contract (src/domain/api/routes.ts): its params, query and body are
// parsed with the contract's schemas before the handler runs, and — where the server checks its
// answers (tests, CI, DAIBAN_CHECK_RESPONSES=1) — the JSON answer is parsed too, so the server
// cannot drift from what the client reads.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { RouteArgs, RouteSpec } from '../../domain/api';
import { ApiFailure } from './errors';
import { parseInput } from './validate';

declare module 'fastify' {
  interface FastifyInstance {
    /** Parse every JSON answer with the contract before sending it. */
    checkResponses: boolean;
  }
}

/** An answer already serialised as JSON (a pull page joined from stored JSON text): sent as it is,
 *  and checked against the contract like any other where answers are checked. */
export class JsonText {
  /** UTF-8 bytes go out as they are (a pull page of sealed chunks: never decoded to a string). */
  constructor(readonly text: string | Buffer) {}
}

export type RouteHandler<S extends RouteSpec> = (
  args: RouteArgs<S> & { request: FastifyRequest; reply: FastifyReply },
) => Promise<(S['response'] extends z.ZodType ? z.input<S['response']> : unknown) | JsonText>;

const parsePart = (schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body') =>
  schema === undefined ? undefined : parseInput(schema, value ?? (where === 'query' ? {} : value), where);

export function serve<S extends RouteSpec>(
  app: FastifyInstance,
  spec: S,
  handler: RouteHandler<S>,
  options: RouteShorthandOptions = {},
): void {
  const config = spec.public ? { ...options.config, public: true } : options.config;
  app.route({
    ...options,
    ...(config && { config }),
    method: spec.method,
    url: spec.path,
    handler: async (request, reply) => {
      const args = {
        params: parsePart(spec.params, request.params, 'params'),
        query: parsePart(spec.query, request.query, 'query'),
        body: parsePart(spec.body, request.body, 'body'),
        request,
        reply,
      } as RouteArgs<S> & { request: FastifyRequest; reply: FastifyReply };
      const answer = await handler(args);
      if (spec.response && app.checkResponses && answer !== reply) {
        const checked = spec.response.safeParse(
          answer instanceof JsonText ? JSON.parse(answer.text.toString()) : answer,
        );
        if (!checked.success) {
          request.log.error(
            { route: spec.path, issues: checked.error.issues.slice(0, 5) },
            'answer breaks the API contract',
          );
          throw new ApiFailure(500, 'server.contract', '服务器返回的数据不符合接口约定，请联系管理员');
        }
      }
      if (!(answer instanceof JsonText)) return answer;
      void reply.type('application/json; charset=utf-8');
      return answer.text;
    },
  });
}
