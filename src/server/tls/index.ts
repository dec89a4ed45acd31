// HTTPS for the township server. Service workers, offline use and crypto.subtle (photo hashing)
// need a secure context, which a tablet only has on https:// (or on localhost). So:
//  - an HTTPS server on `httpsPort` runs the same Fastify app (`app.routing`), with a real
//    certificate when one is configured (reloaded when its files change) or else one signed by
//    the server's own CA (./local-ca.ts), renewed while the server runs;
//  - the plain HTTP port keeps serving requests addressed to localhost itself (the quick start
//    on the township PC is a secure context already, no certificate warning) and, for tablets,
//    the CA certificate (/ca.crt) and the install guide (/install); everything else is
//    redirected (308, method kept) to the same host on the HTTPS port;
//  - behind a reverse proxy (DAIBAN_TRUST_PROXY=1), a request whose X-Forwarded-Proto is https
//    is served as it is.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { ensureLocalCertificate } from './local-ca';
import { isLoopbackHost, lanAddresses, serverNames, type ServerNames } from './names';
import { readPemPair, watchPemPair } from './watch';
import { installPage, INSTALL_PAGE_CSP } from './install-page';

const DAY = 86_400_000;
/** A sane Host: name or IPv4, or a bracketed IPv6, with an optional port. Anything else is refused. */
const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
/** Paths the plain HTTP port serves to anyone: what a tablet needs before it trusts the CA. */
const PLAIN_PATHS = new Set(['/ca.crt', '/install']);

export interface HttpsOptions {
  /** Names for the generated certificate (default: this machine's, plus the configured extras). */
  names?: () => ServerNames;
  /** How often the generated certificate is checked for renewal (default 12 h). */
  renewIntervalMs?: number;
  /** How often real certificate files are polled (default 2 s). */
  watchIntervalMs?: number;
}

export interface HttpsServer {
  server: Server;
  /** PEM of the local CA, or null with a real certificate. */
  caCert: string | null;
  /** Listens on the configured HTTPS port; returns the bound port. */
  listen(): Promise<number>;
  port(): number;
}

/** `host[:port]` → host (IPv6 keeps its brackets). */
function hostOnly(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

const httpsUrl = (host: string, port: number) => `https://${host}${port === 443 ? '' : `:${port}`}`;

export async function installHttps(
  app: FastifyInstance,
  config: ServerConfig,
  options: HttpsOptions = {},
): Promise<HttpsServer> {
  const { tls } = config;
  const names = options.names ?? (() => serverNames(tls.extraNames));
  const stops: Array<() => void> = [];

  let caCert: string | null = null;
  let material: { cert: string; key: string };
  if (tls.certFile && tls.keyFile) {
    material = readPemPair(tls.certFile, tls.keyFile);
  } else {
    const local = await ensureLocalCertificate(join(config.dataDir, 'tls'), names(), new Date(config.now()));
    caCert = local.caCert;
    material = local;
  }
  const caFingerprint = caCert ? new X509Certificate(caCert).fingerprint256 : null;

  const server = createServer({ ...material, keepAliveTimeout: 72_000 }, (req, res) => app.routing(req, res));

  if (tls.certFile && tls.keyFile) {
    stops.push(
      watchPemPair(
        tls.certFile,
        tls.keyFile,
        (pair) => {
          server.setSecureContext(pair);
          app.log.info({ cert: tls.certFile }, 'TLS certificate reloaded');
        },
        (error) =>
          app.log.warn({ err: error }, 'TLS certificate files changed but cannot be used yet; keeping the old ones'),
        options.watchIntervalMs,
      ),
    );
  } else {
    // A long-running server renews its own certificate before the end, and when its LAN address changes.
    const timer = setInterval(
      () => {
        ensureLocalCertificate(join(config.dataDir, 'tls'), names(), new Date(config.now()))
          .then((local) => {
            if (!local.issued) return;
            server.setSecureContext({ cert: local.cert, key: local.key });
            app.log.info({ reason: local.issued, notAfter: local.notAfter }, 'TLS certificate renewed');
          })
          .catch((error: unknown) => app.log.error({ err: error }, 'TLS certificate renewal failed'));
      },
      options.renewIntervalMs ?? DAY / 2,
    );
    timer.unref();
    stops.push(() => clearInterval(timer));
  }

  const port = () => (server.address() as AddressInfo | null)?.port ?? tls.httpsPort;
  const secure = (request: FastifyRequest) =>
    (request.raw.socket as TLSSocket).encrypted === true || request.protocol === 'https';

  app.addHook('onRequest', async (request, reply) => {
    if (secure(request)) return;
    const host = request.host;
    if (!HOST_RE.test(host)) return reply.code(400).type('text/plain; charset=utf-8').send('Bad Host header');
    if (isLoopbackHost(hostOnly(host))) return;
    if (PLAIN_PATHS.has(request.url.split('?')[0] ?? '')) return;
    return reply.redirect(`${httpsUrl(hostOnly(host), port())}${request.url}`, 308);
  });

  // Helmet sends HSTS. A browser applies it to the host on every port, so with our own ports
  // (8080/8443) it would send http://host:8080 to https://host:8080, where nothing speaks TLS:
  // only kept for HTTPS on 443 with the plain port on 80. Never on HTTP or for localhost.
  app.addHook('onSend', async (request, reply) => {
    const standardPorts = port() === 443 && config.port === 80;
    if (!standardPorts || !secure(request) || isLoopbackHost(hostOnly(request.host)))
      reply.removeHeader('strict-transport-security');
  });

  app.get('/ca.crt', { config: { rateLimit: false } }, async (_request, reply: FastifyReply) => {
    if (!caCert)
      return reply.code(404).type('text/plain; charset=utf-8').send('本服务器使用正式证书，平板无需安装证书。');
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="daiban-ca.crt"')
      .header('cache-control', 'no-cache')
      .send(caCert);
  });

  app.get('/install', { config: { rateLimit: false } }, async (request, reply) => {
    const host = hostOnly(request.host);
    const reachedBy = HOST_RE.test(request.host) && !isLoopbackHost(host) ? [host] : [];
    const lan = lanAddresses()
      .filter((a) => !a.includes(':'))
      .filter((a) => !reachedBy.includes(a));
    const hosts = reachedBy.length > 0 ? reachedBy : lan.length > 0 ? lan : ['localhost'];
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', INSTALL_PAGE_CSP)
      .send(installPage({ urls: hosts.map((h) => `${httpsUrl(h, port())}/`), caFingerprint }));
  });

  app.addHook('onClose', async () => {
    for (const stop of stops) stop();
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    await closed;
    clearTimeout(force);
  });

  return {
    server,
    caCert,
    port,
    async listen() {
      await app.ready(); // app.routing needs the routes and hooks in place
      return new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(tls.httpsPort, config.host, () => {
          server.off('error', reject);
          resolve(port());
        });
      });
    },
  };
}
