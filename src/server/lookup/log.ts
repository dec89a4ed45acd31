// Request logs never carry a lookup token (`?t=…`): it opens a case's progress page.
export const redactUrl = (url: string) => url.replace(/([?&]t=)[^&#]*/gi, '$1[redacted]');

/** Fastify's default request fields, with the URL redacted. */
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export const requestLogSerializer = (request: LoggedRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
});
