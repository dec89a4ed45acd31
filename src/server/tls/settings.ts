// HTTPS settings from the environment. Kept apart from config.ts so the TLS options read as one
// block: the township server speaks HTTPS by default, with its own local CA unless a real
// certificate is given, and the plain HTTP port only redirects (see ./index.ts).

export interface TlsSettings {
  /** Serve HTTPS ourselves (default). Off (`DAIBAN_HTTPS=0`) when a reverse proxy terminates TLS. */
  enabled: boolean;
  /** HTTPS port (`DAIBAN_HTTPS_PORT`, default 8443; 0 = any free port). The HTTP port stays `PORT`. */
  httpsPort: number;
  /** A real certificate and its key (PEM files): used instead of the local CA, reloaded on change. */
  certFile?: string;
  keyFile?: string;
  /** Extra names for the generated certificate (`DAIBAN_TLS_NAMES=daiban.lan,10.0.0.5`). */
  extraNames: string[];
}

export function loadTlsSettings(env: NodeJS.ProcessEnv): TlsSettings {
  const certFile = env.DAIBAN_TLS_CERT || undefined;
  const keyFile = env.DAIBAN_TLS_KEY || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('DAIBAN_TLS_CERT and DAIBAN_TLS_KEY go together');
  return {
    enabled: env.DAIBAN_HTTPS !== '0',
    httpsPort: Number(env.DAIBAN_HTTPS_PORT ?? 8443),
    certFile,
    keyFile,
    extraNames: (env.DAIBAN_TLS_NAMES ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  };
}
