// Every API failure is `{ code, message, details? }`: a stable code for programs and a Chinese
// message for people. Nothing else ever reaches the client — no stack, no driver text.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../domain/api';

export class ApiFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new ApiFailure(400, code, message, details);
export const unauthorized = (message = '登录已失效，请重新登录') => new ApiFailure(401, 'auth.invalid_token', message);
export const forbidden = (message = '无权访问该数据') => new ApiFailure(403, 'scope.forbidden', message);
export const notFound = (code: string, message: string) => new ApiFailure(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new ApiFailure(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new ApiFailure(422, code, message, details);

/** Fastify's own errors, mapped to our codes and Chinese messages. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'request.malformed_json', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'request.malformed_json', message: '请求内容为空' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'request.too_large', message: '请求内容过大' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'request.bad_length', message: '请求长度与内容不符' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'request.unsupported_type', message: '不支持的内容类型' },
  FST_ERR_BAD_URL: { status: 400, code: 'request.bad_url', message: '请求地址格式不正确' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'request.param_too_long', message: '请求地址中的参数过长' },
};

function toApiError(error: FastifyError | ApiFailure): {
  status: number;
  body: ApiError;
  headers?: Record<string, string>;
} {
  if (error instanceof ApiFailure) {
    const body: ApiError = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return { status: error.statusCode, body, headers: error.headers };
  }
  // Encryption at rest (crypto/): a value that fails authentication or whose key is missing.
  if (error instanceof Error && error.name === 'KeyError')
    return {
      status: 500,
      body: { code: 'storage.unreadable', message: '数据无法解密（密钥不符或数据已损坏），请联系管理员' },
    };
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) return { status: known.status, body: { code: known.code, message: known.message } };
  if (error.statusCode === 429)
    return { status: 429, body: { code: 'rate.limited', message: '请求过于频繁，请稍后再试' } };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, body: { code: 'request.invalid', message: '请求不正确' } };
  return { status: 500, body: { code: 'server.error', message: '服务器内部错误，请稍后重试' } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiFailure, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, headers } = toApiError(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    // A route may have set up a file answer before failing (a blob stream that fails its first read):
    // its type, length and caching do not describe this JSON error.
    reply.removeHeader('content-length').removeHeader('cache-control').type('application/json; charset=utf-8');
    if (headers) reply.headers(headers);
    return reply.code(status).send(body);
  });
}

/**
 * Errors the router meets before any route or hook (a bad %-escape, an over-long path parameter):
 * Fastify answers them in its own format unless given this (the `frameworkErrors` option).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toApiError(error);
  void reply.code(status).send(body);
}
