// Real certificates (DAIBAN_TLS_CERT / DAIBAN_TLS_KEY) are renewed by certbot or a township's IT
// on their own schedule: the files are polled (fs.watchFile follows the path, so a renewal that
// replaces a file or swaps a symlink is seen too) and a changed pair is handed to `onChange`.
// A half-written pair (new certificate, old key) does not parse as a context and is skipped
// until both files agree.
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface PemPair {
  cert: string;
  key: string;
}

/** Reads and checks a certificate and key: throws when they are missing, malformed or do not match. */
export function readPemPair(certFile: string, keyFile: string): PemPair {
  const pair = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  createSecureContext(pair); // throws on a key that does not belong to the certificate
  return pair;
}

export function watchPemPair(
  certFile: string,
  keyFile: string,
  onChange: (pair: PemPair) => void,
  onError: (error: unknown) => void,
  intervalMs = 2_000,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    // Let a renewal finish writing both files before reading them.
    timer = setTimeout(() => {
      try {
        onChange(readPemPair(certFile, keyFile));
      } catch (error) {
        onError(error);
      }
    }, intervalMs / 2);
    timer.unref();
  };
  const options = { interval: intervalMs, persistent: false };
  watchFile(certFile, options, changed);
  watchFile(keyFile, options, changed);
  return () => {
    clearTimeout(timer);
    unwatchFile(certFile, changed);
    unwatchFile(keyFile, changed);
  };
}
