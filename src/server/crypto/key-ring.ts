// The master keys (key-encryption keys) of encryption at rest. Every record and blob has its own
// random data key; only that 32-byte data key is encrypted ("wrapped") with a master key, so a
// rotation re-wraps data keys and never re-encrypts data. A key's id is a fingerprint of the key
// itself: a wrong key can never pass for the right one, and an envelope names the key it needs.
//
// Where the keys come from (config.ts `keys`):
// - DAIBAN_MASTER_KEY (base64, 32 bytes): the current key; DAIBAN_MASTER_KEY_PREVIOUS: older keys
//   still readable while `keys:rotate` re-wraps. The key file is not read then.
// - otherwise the key file (DAIBAN_MASTER_KEY_FILE, default <data>/keys/master.key, mode 0600):
//   either one base64 line (`openssl rand -base64 32`) or the JSON ring `keys:rotate` writes.
//   Made on the first start of a database that holds nothing encrypted yet.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  linkSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface KeySettings {
  /** DAIBAN_MASTER_KEY: the current key from the environment (the key file is then not read). */
  masterKey: Buffer | null;
  /** DAIBAN_MASTER_KEY_PREVIOUS: older keys, readable only (with DAIBAN_MASTER_KEY). */
  previousKeys: Buffer[];
  /** DAIBAN_MASTER_KEY_FILE: the key file (ring). */
  file: string;
}

/** A key problem that stops the server: missing, wrong or unknown key, tampered ciphertext. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** iv + encrypted data key + tag. */
export const WRAPPED_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;

/** 12 hex digits of a domain-separated SHA-256 of the key: names the key without revealing it. */
export const keyId = (key: Buffer): string =>
  createHash('sha256').update('daiban master key id\0').update(key).digest('hex').slice(0, 12);

const KeyFile = z.object({
  format: z.literal('daiban-keys'),
  version: z.literal(1),
  current: z.string(),
  keys: z.array(z.object({ id: z.string(), key: z.string(), createdAt: z.string() })).min(1),
});
type KeyFile = z.infer<typeof KeyFile>;

export class KeyRing {
  private readonly keys: Map<string, Buffer>;
  readonly currentId: string;
  /** Problems worth a line at start (a key file others may read). */
  readonly warnings: string[] = [];

  constructor(
    current: Buffer,
    older: Buffer[],
    /** Where the keys came from, for error messages (never the keys). */
    readonly source: string,
  ) {
    this.currentId = keyId(current);
    this.keys = new Map([...older, current].map((k) => [keyId(k), k]));
  }

  has(kid: string): boolean {
    return this.keys.has(kid);
  }

  /** Ids of every key held, the current one last. */
  ids(): string[] {
    return [...this.keys.keys()].filter((k) => k !== this.currentId).concat(this.currentId);
  }

  /** Encrypts a data key under the current master key (AES-256-GCM, the key id as AAD). */
  wrap(dek: Buffer): { kid: string; wrapped: Buffer } {
    const kid = this.currentId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(kid)!, iv);
    cipher.setAAD(Buffer.from(kid));
    const body = Buffer.concat([cipher.update(dek), cipher.final()]);
    return { kid, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  unwrap(kid: string, wrapped: Buffer): Buffer {
    const kek = this.keys.get(kid);
    if (!kek)
      throw new KeyError(
        `data is encrypted under master key ${kid}, which is not in the key ring (${this.source}; holds ${this.ids().join(', ')})`,
      );
    if (wrapped.length !== WRAPPED_BYTES) throw new KeyError(`a wrapped data key under ${kid} is damaged (length)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(kid));
      decipher.setAuthTag(wrapped.subarray(IV_BYTES + KEY_BYTES));
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)), decipher.final()]);
    } catch {
      throw new KeyError(`a wrapped data key under master key ${kid} fails authentication (tampered or damaged)`);
    }
  }
}

export const newKey = (): Buffer => randomBytes(KEY_BYTES);

function parseKeyFile(path: string): { current: Buffer; older: Buffer[] } {
  const text = readFileSync(path, 'utf8').trim();
  const decode = (b64: string, what: string) => {
    const key = Buffer.from(b64, 'base64');
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64))
      throw new KeyError(`key file ${path}: ${what} is not 32 bytes in base64`);
    return key;
  };
  if (!text.startsWith('{')) return { current: decode(text, 'the key'), older: [] };
  let ring: KeyFile;
  try {
    ring = KeyFile.parse(JSON.parse(text));
  } catch {
    throw new KeyError(`key file ${path} is damaged (not a daiban key ring)`);
  }
  const keys = ring.keys.map((k) => {
    const key = decode(k.key, `key ${k.id}`);
    if (keyId(key) !== k.id) throw new KeyError(`key file ${path}: key ${k.id} does not match its id (damaged)`);
    return key;
  });
  const current = keys.find((k) => keyId(k) === ring.current);
  if (!current) throw new KeyError(`key file ${path}: the current key ${ring.current} is not in it`);
  return { current, older: keys.filter((k) => k !== current) };
}

/**
 * Writes the key file atomically (temporary file, fsync, rename), readable by its owner only.
 * `exclusive`: only if no key file exists (link instead of rename), else throws EEXIST.
 */
export function writeKeyFile(
  path: string,
  current: Buffer,
  older: Buffer[] = [],
  now = Date.now(),
  exclusive = false,
): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const ring: KeyFile = {
    format: 'daiban-keys',
    version: 1,
    current: keyId(current),
    keys: [...older, current].map((key) => ({
      id: keyId(key),
      key: key.toString('base64'),
      createdAt: new Date(now).toISOString(),
    })),
  };
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true }); // a stale one would keep its own mode
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(ring, null, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (exclusive) {
    try {
      linkSync(tmp, path);
    } finally {
      rmSync(tmp, { force: true });
    }
  } else renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * The key ring from the settings. `create`: with no key in the environment and no key file, make
 * a new key file (only for a database that holds nothing encrypted: the caller decides).
 */
export function loadKeyRing(settings: KeySettings, create: boolean): { ring: KeyRing; created: boolean } {
  if (settings.masterKey)
    return {
      ring: new KeyRing(settings.masterKey, settings.previousKeys, 'DAIBAN_MASTER_KEY'),
      created: false,
    };
  if (existsSync(settings.file)) {
    const { current, older } = parseKeyFile(settings.file);
    const ring = new KeyRing(current, older, settings.file);
    if ((statSync(settings.file).mode & 0o077) !== 0)
      ring.warnings.push(`key file ${settings.file} can be read by other users: chmod 600 ${settings.file}`);
    return { ring, created: false };
  }
  if (!create)
    throw new KeyError(
      `no master key: ${settings.file} does not exist and DAIBAN_MASTER_KEY is not set, but the database holds encrypted data. ` +
        `Put back the copy of the key file kept apart from the backups at ${settings.file} (or set DAIBAN_MASTER_KEY / DAIBAN_MASTER_KEY_FILE).`,
    );
  const key = newKey();
  try {
    writeKeyFile(settings.file, key, [], Date.now(), true);
  } catch (error) {
    // Another process (the admin CLI, a second start) made one first: use that one, never two keys.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadKeyRing(settings, false);
  }
  return { ring: new KeyRing(key, [], settings.file), created: true };
}

/** The key file's keys, for `keys:rotate` (file mode). */
export function readKeyFile(path: string): { current: Buffer; older: Buffer[] } {
  return parseKeyFile(path);
}
