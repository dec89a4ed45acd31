// The HTTP server's own limits and protocol errors. A client that sends its headers or body too
// slowly, never finishes a request, or holds an idle connection is cut off after the configured
// time (DAIBAN_*_TIMEOUT_MS), so a few stalled village links cannot exhaust the server. What Node
// refuses before Fastify sees a request (bad framing, unknown method, oversized headers, those
// timeouts) is answered in the API's error format, `{ code, message }` with a Chinese message,
// instead of Node's bare text or Fastify's English JSON.
import type { Socket } from 'node:net';
import type { ApiError } from '../../domain/api';
import type { Timeouts } from '../config';

interface ClientFailure {
  status: number;
  reason: string;
  body: ApiError;
}

/** Node's parser and timeout error codes, mapped to answers. */
export function clientFailure(code: string | undefined): ClientFailure {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        reason: 'Request Timeout',
        body: { code: 'request.timeout', message: '请求超时（网络太慢或连接中断），请稍后重试' },
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        body: { code: 'request.headers_too_large', message: '请求头过大' },
      };
    case 'HPE_INVALID_METHOD':
      return {
        status: 501,
        reason: 'Not Implemented',
        body: { code: 'request.bad_method', message: '不支持的请求方法' },
      };
    default:
      return { status: 400, reason: 'Bad Request', body: { code: 'request.malformed', message: '请求格式不正确' } };
  }
}

function answerClientError(this: { log: { debug: (o: object, m: string) => void } }, error: Error, socket: Socket) {
  const code = (error as NodeJS.ErrnoException).code;
  // A reset connection has nobody left to answer.
  if (code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason, body } = clientFailure(code);
  this.log.debug({ err: error, code }, 'client error');
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        `Cache-Control: no-store\r\n` +
        `Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

/** Fastify options for the timeouts and the protocol-error answers. */
export function httpServerOptions(timeouts: Timeouts) {
  return {
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    // Node checks the header and request deadlines every `connectionsCheckingInterval` (30 s by
    // default): check often enough that a deadline means roughly what it says.
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    clientErrorHandler: answerClientError,
  };
}
