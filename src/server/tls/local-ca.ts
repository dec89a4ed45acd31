// The server's own certificate authority, kept in <dataDir>/tls: a CA (20 years) that tablets
// install once, signing a server certificate (397 days) for every name in ServerNames.
// The server certificate is made again when it has less than RENEW_BEFORE_MS left, when the set
// of names changed (a new LAN address) or when it was not signed by the current CA; otherwise the
// files on disk are reused as they are. Private keys are written with mode 0600.
// X.509 is built by @peculiar/x509 on Node's WebCrypto (ECDSA P-256): no hand-written ASN.1.
import 'reflect-metadata'; // @peculiar/x509 2.x uses tsyringe, which needs a Reflect polyfill
import * as x509 from '@peculiar/x509';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes, webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { normalizeIp, type ServerNames } from './names';

x509.cryptoProvider.set(webcrypto as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
export const CA_VALIDITY_MS = 20 * 365 * DAY;
export const SERVER_VALIDITY_MS = 397 * DAY;
/** Renew this long before the end, so a tablet never meets an expired certificate. */
export const RENEW_BEFORE_MS = 30 * DAY;

export const TLS_FILES = {
  caKey: 'ca.key',
  caCert: 'ca.crt',
  serverKey: 'server.key',
  serverCert: 'server.crt',
} as const;

export interface LocalCertificate {
  /** PEM of the server certificate followed by the CA (the chain a client is sent). */
  cert: string;
  key: string;
  /** PEM of the CA certificate: what /ca.crt serves and tablets install. */
  caCert: string;
  notAfter: Date;
  /** Why the server certificate was (re)made, or null when the one on disk was reused. */
  issued: null | 'new' | 'expiring' | 'names' | 'ca';
}

const subtle = webcrypto.subtle;

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // a positive INTEGER
  return bytes.toString('hex');
}

async function keyToPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function pemToKey(pem: string): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, true, ['sign']);
}

function writeAtomic(file: string, data: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

async function newCa(now: Date): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Daiban Local CA ${now.toISOString().slice(0, 10)}, O=Daiban`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_VALIDITY_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

/** SAN entries of a certificate as `dns:name` / `ip:addr`, sorted. */
export function certificateNames(cert: x509.X509Certificate): string[] {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  return (san?.names.items ?? [])
    .map((n) => (n.type === 'ip' ? `ip:${normalizeIp(n.value)}` : `${n.type}:${n.value.toLowerCase()}`))
    .sort();
}

const wantedNames = (names: ServerNames) =>
  [...names.dns.map((d) => `dns:${d}`), ...names.ips.map((i) => `ip:${i}`)].sort();

async function newServerCertificate(
  ca: { cert: x509.X509Certificate; key: CryptoKey },
  names: ServerNames,
  now: Date,
): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.dns.find((d) => d !== 'localhost') ?? 'localhost'}, O=Daiban`,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + SERVER_VALIDITY_MS),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { cert, key: keys.privateKey };
}

/** Loads the CA and server certificate from `dir`, making or renewing what is missing or due. */
export async function ensureLocalCertificate(
  dir: string,
  names: ServerNames,
  now = new Date(),
): Promise<LocalCertificate> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = (name: keyof typeof TLS_FILES) => join(dir, TLS_FILES[name]);

  let ca: { cert: x509.X509Certificate; key: CryptoKey } | null = null;
  const caKeyPem = readIfExists(path('caKey'));
  const caCertPem = readIfExists(path('caCert'));
  if (caKeyPem && caCertPem) {
    const cert = new x509.X509Certificate(caCertPem);
    // A CA at its end is replaced (tablets must then install the new one; 20 years away).
    if (cert.notAfter.getTime() - now.getTime() > RENEW_BEFORE_MS) ca = { cert, key: await pemToKey(caKeyPem) };
  }
  let caIsNew = false;
  if (!ca) {
    ca = await newCa(now);
    writeAtomic(path('caKey'), await keyToPem(ca.key), 0o600);
    writeAtomic(path('caCert'), ca.cert.toString('pem') + '\n', 0o644);
    caIsNew = true;
  }
  chmodSync(path('caKey'), 0o600);

  let issued: LocalCertificate['issued'] = null;
  let server: x509.X509Certificate | null = null;
  const serverKeyPem = readIfExists(path('serverKey'));
  const serverCertPem = readIfExists(path('serverCert'));
  if (!serverKeyPem || !serverCertPem) issued = 'new';
  else {
    server = new x509.X509Certificate(serverCertPem);
    if (caIsNew || !(await server.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }))) issued = 'ca';
    else if (server.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS) issued = 'expiring';
    else if (certificateNames(server).join() !== wantedNames(names).join()) issued = 'names';
  }
  if (issued) {
    const made = await newServerCertificate(ca, names, now);
    server = made.cert;
    writeAtomic(path('serverKey'), await keyToPem(made.key), 0o600);
    writeAtomic(path('serverCert'), server.toString('pem') + '\n', 0o644);
  }
  const caPem = ca.cert.toString('pem') + '\n';
  return {
    cert: server!.toString('pem') + '\n' + caPem,
    key: readFileSync(path('serverKey'), 'utf8'),
    caCert: caPem,
    notAfter: server!.notAfter,
    issued,
  };
}
