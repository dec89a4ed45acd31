// Envelope encryption of one database value (a JSON column): AES-256-GCM over the text under a
// random 256-bit data key, with the column's name as AAD (a value copied into another column
// fails), the data key wrapped by the current master key. Stored as one text:
//
//   enc1:<master key id>:<wrapped data key>:<iv>:<ciphertext>:<tag>      (base64url pieces)
//
// Every value carries its own wrapped key and iv, so each opens on its own and a rotation
// re-wraps it alone. The server's cipher (EnvelopeCipher) lets a run of values share one data key
// (see DataKeyLease): drawing a key and wrapping it per value cost more than the encryption itself.
//
// Values written before encryption at rest are JSON text ('{' or '['): read as they are until
// `sealExisting` (store/at-rest.ts) has sealed them.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { KEY_BYTES, KeyError, type KeyRing } from './key-ring';

export const ENVELOPE_PREFIX = 'enc1:';
const IV_BYTES = 12;

/** What the repositories use to store personal data; see store/at-rest.ts for the columns. */
export interface RecordCipher {
  /** Encrypts `text` for the column `label` ("table.column"). */
  seal(label: string, text: string): string;
  /** Decrypts a sealed value of the column `label`; a value still in clear (JSON) comes back as it is. */
  open(label: string, stored: string): string;
  /** The same as `open`, as UTF-8 bytes: large values sent on as they are, never decoded to a string. */
  openBytes(label: string, stored: string): Buffer;
  /** The keyed hash (HMAC-SHA-256 under the index key) that equality lookups on ID numbers use. */
  idNumberHash(idNumber: string): string;
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');
const aads = new Map<string, Buffer>();
/** The AAD of a column label (a handful of labels: made once each; never modified by its users). */
const aad = (label: string) => {
  let a = aads.get(label);
  if (a) return a;
  a = Buffer.from(`daiban:${label}`);
  if (aads.size < 64) aads.set(label, a);
  return a;
};

export const isSealed = (stored: string): boolean => stored.startsWith(ENVELOPE_PREFIX);

/** `text` sealed under `dek` with `iv`; `head` is the prefix naming the master key and the wrapped data key. */
function sealWith(dek: Buffer | KeyObject, head: string, iv: Buffer, label: string, text: string): string {
  const cipher = createCipheriv('aes-256-gcm', dek, iv);
  cipher.setAAD(aad(label));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${head}${b64(iv)}:${b64(body)}:${b64(cipher.getAuthTag())}`;
}

/** One value under a data key of its own (keys, markers: rare writes). */
export function sealText(ring: KeyRing, label: string, text: string): string {
  const dek = randomBytes(KEY_BYTES);
  try {
    const { kid, wrapped } = ring.wrap(dek);
    return sealWith(dek, `${ENVELOPE_PREFIX}${kid}:${b64(wrapped)}:`, randomBytes(IV_BYTES), label, text);
  } finally {
    dek.fill(0);
  }
}

/** Values one data key may seal before the next is drawn: bounds what one key opens. */
export const LEASE_VALUES = 4096;

/**
 * A data key shared by a run of values (at most LEASE_VALUES), with counter nonces: iv = 8 random
 * bytes drawn with the key ‖ a 32-bit counter. GCM's one rule is never to use an iv twice under a
 * key; the key is fresh from the CSPRNG and lives only in this object, and the counter only goes
 * up and stops (a new key is drawn) long before it could wrap — so no iv repeats under a key,
 * without a random draw per value. The key is wrapped once, not per value.
 */
class DataKeyLease {
  readonly kid: string;
  private readonly key: KeyObject;
  private readonly head: string;
  private readonly ivPrefix = randomBytes(IV_BYTES - 4);
  private used = 0;

  constructor(ring: KeyRing) {
    const dek = randomBytes(KEY_BYTES);
    try {
      const { kid, wrapped } = ring.wrap(dek);
      this.kid = kid;
      this.key = createSecretKey(dek);
      this.head = `${ENVELOPE_PREFIX}${kid}:${b64(wrapped)}:`;
    } finally {
      dek.fill(0);
    }
  }

  get spent(): boolean {
    return this.used >= LEASE_VALUES;
  }

  seal(label: string, text: string): string {
    if (this.spent) throw new Error('data key lease spent');
    const iv = Buffer.allocUnsafe(IV_BYTES);
    this.ivPrefix.copy(iv, 0);
    iv.writeUInt32BE(this.used++, IV_BYTES - 4);
    return sealWith(this.key, this.head, iv, label, text);
  }
}

function parse(label: string, stored: string) {
  const parts = stored.slice(ENVELOPE_PREFIX.length).split(':');
  if (parts.length !== 5) throw new KeyError(`${label}: an encrypted value is damaged (format)`);
  const [kid, wrapped, iv, body, tag] = parts as [string, string, string, string, string];
  return { kid, wrapped: unb64(wrapped), iv: unb64(iv), body: unb64(body), tag: unb64(tag), rest: parts.slice(2) };
}

/** The data key of a value, unwrapped by the master key named in it (authenticated there). */
type KeySource = (kid: string, wrapped: string) => { key: Buffer | KeyObject; done?: () => void };

const unwrapEach =
  (ring: KeyRing): KeySource =>
  (kid, wrapped) => {
    const key = ring.unwrap(kid, unb64(wrapped));
    return { key, done: () => key.fill(0) };
  };

function openWith(keys: KeySource, label: string, stored: string): string;
function openWith(keys: KeySource, label: string, stored: string, bytes: true): Buffer;
function openWith(keys: KeySource, label: string, stored: string, bytes = false): string | Buffer {
  if (!isSealed(stored)) {
    if (stored.startsWith('{') || stored.startsWith('[')) return bytes ? Buffer.from(stored) : stored;
    throw new KeyError(`${label}: a value is neither encrypted nor JSON (damaged)`);
  }
  const parts = stored.slice(ENVELOPE_PREFIX.length).split(':');
  if (parts.length !== 5) throw new KeyError(`${label}: an encrypted value is damaged (format)`);
  const [kid, wrapped, iv, body, tag] = parts as [string, string, string, string, string];
  const { key, done } = keys(kid, wrapped);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(iv));
    decipher.setAAD(aad(label));
    decipher.setAuthTag(unb64(tag));
    if (bytes) return Buffer.concat([decipher.update(unb64(body)), decipher.final()]);
    return decipher.update(unb64(body), undefined, 'utf8') + decipher.final('utf8');
  } catch {
    throw new KeyError(`${label}: an encrypted value fails authentication (tampered, damaged or moved)`);
  } finally {
    done?.();
  }
}

export function openText(ring: KeyRing, label: string, stored: string): string {
  return openWith(unwrapEach(ring), label, stored);
}

/** The same value with its data key wrapped under the current master key; null when it already is. */
export function rewrapText(ring: KeyRing, stored: string): string | null {
  const e = parse('rewrap', stored);
  if (e.kid === ring.currentId) return null;
  const dek = ring.unwrap(e.kid, e.wrapped);
  try {
    const { kid, wrapped } = ring.wrap(dek);
    return `${ENVELOPE_PREFIX}${kid}:${b64(wrapped)}:${e.rest.join(':')}`;
  } finally {
    dek.fill(0);
  }
}

/** Unwrapped data keys kept for reading: a page of the change feed shares a few keys. */
const KEY_CACHE = 1024;

/**
 * The server's record cipher: seals under a leased data key (a new one after LEASE_VALUES values,
 * or when the current master key changes) and keeps recently unwrapped data keys, so reading rows
 * that share a key unwraps it once. Cached keys are only ever ones the master key authenticated;
 * they add nothing to what a memory dump already yields (the master key is in memory too).
 */
export class EnvelopeCipher implements RecordCipher {
  private lease: DataKeyLease | null = null;
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    readonly ring: KeyRing,
    private readonly indexKey: Buffer,
  ) {}

  seal(label: string, text: string): string {
    if (!this.lease || this.lease.spent || this.lease.kid !== this.ring.currentId)
      this.lease = new DataKeyLease(this.ring);
    return this.lease.seal(label, text);
  }

  open(label: string, stored: string): string {
    return openWith(this.cachedKey, label, stored);
  }

  openBytes(label: string, stored: string): Buffer {
    return openWith(this.cachedKey, label, stored, true);
  }

  private last: { kid: string; wrapped: string; key: KeyObject } | null = null;

  private readonly cachedKey: KeySource = (kid, wrapped) => {
    // Rows read together mostly share one key: compare with the last before hashing the text.
    const last = this.last;
    if (last && last.wrapped === wrapped && last.kid === kid) return { key: last.key };
    const id = `${kid}:${wrapped}`;
    let key = this.keys.get(id);
    if (!key) {
      const dek = this.ring.unwrap(kid, unb64(wrapped));
      key = createSecretKey(dek);
      dek.fill(0);
      if (this.keys.size >= KEY_CACHE) this.keys.delete(this.keys.keys().next().value!);
      this.keys.set(id, key);
    }
    this.last = { kid, wrapped, key };
    return { key };
  };

  idNumberHash(idNumber: string): string {
    return createHmac('sha256', this.indexKey).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}
