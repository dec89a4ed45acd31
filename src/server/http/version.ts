// Protocol versions: every API answer names the server's protocol; a request speaking one the
// server no longer answers gets 426 `version.unsupported` (the tablet keeps its outbox and asks
// the agent to update). A request without the header speaks protocol 1 (apps before headers).
import type { FastifyInstance } from 'fastify';
import {
  ERROR_CODES,
  isSupportedProtocol,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  requestProtocol,
} from '../../domain/api';
import { ApiFailure } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The protocol version the client speaks (after the check: a supported one). */
    apiProtocol: number;
  }
}

export function installVersionCheck(app: FastifyInstance): void {
  app.decorateRequest('apiProtocol', 0);
  app.addHook('onRequest', async (request, reply) => {
    // The matched route first: an absolute-form request line must not skip the check.
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return;
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    const protocol = requestProtocol(request.headers[PROTOCOL_HEADER]);
    request.apiProtocol = protocol;
    if (isSupportedProtocol(protocol) || request.routeOptions.url === '/api/health') return;
    throw new ApiFailure(
      426,
      ERROR_CODES.versionUnsupported,
      '应用版本过旧，请更新到最新版本后再同步（未同步的数据保留在设备上）',
      {
        protocol,
        supported: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION },
      },
    );
  });
}
