// Envelope encryption of one database value (a JSON column): a fresh 256-bit data key per value,
// AES-256-GCM over the text with the column's name as AAD (a value copied into another column
// fails), the data key wrapped by the current master key. Stored as one text:
//
//   enc1:<master key id>:<wrapped data key>:<iv>:<ciphertext>:<tag>      (base64url pieces)
//
// Values written before encryption at rest are JSON text ('{' or '['): read as they are until
// `sealExisting` (store/at-rest.ts) has sealed them.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { KEY_BYTES, KeyError, type KeyRing } from './key-ring';

export const ENVELOPE_PREFIX = 'enc1:';

/** What the repositories use to store personal data; see store/at-rest.ts for the columns. */
export interface RecordCipher {
  /** Encrypts `text` for the column `label` ("table.column"). */
  seal(label: string, text: string): string;
  /** Decrypts a sealed value of the column `label`; a value still in clear (JSON) comes back as it is. */
  open(label: string, stored: string): string;
  /** The keyed hash (HMAC-SHA-256 under the index key) that equality lookups on ID numbers use. */
  idNumberHash(idNumber: string): string;
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');
const aad = (label: string) => Buffer.from(`daiban:${label}`);

export const isSealed = (stored: string): boolean => stored.startsWith(ENVELOPE_PREFIX);

export function sealText(ring: KeyRing, label: string, text: string): string {
  const dek = randomBytes(KEY_BYTES);
  try {
    const { kid, wrapped } = ring.wrap(dek);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dek, iv);
    cipher.setAAD(aad(label));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `${ENVELOPE_PREFIX}${kid}:${b64(wrapped)}:${b64(iv)}:${b64(body)}:${b64(cipher.getAuthTag())}`;
  } finally {
    dek.fill(0);
  }
}

function parse(label: string, stored: string) {
  const parts = stored.slice(ENVELOPE_PREFIX.length).split(':');
  if (parts.length !== 5) throw new KeyError(`${label}: an encrypted value is damaged (format)`);
  const [kid, wrapped, iv, body, tag] = parts as [string, string, string, string, string];
  return { kid, wrapped: unb64(wrapped), iv: unb64(iv), body: unb64(body), tag: unb64(tag), rest: parts.slice(2) };
}

export function openText(ring: KeyRing, label: string, stored: string): string {
  if (!isSealed(stored)) {
    if (stored.startsWith('{') || stored.startsWith('[')) return stored;
    throw new KeyError(`${label}: a value is neither encrypted nor JSON (damaged)`);
  }
  const e = parse(label, stored);
  const dek = ring.unwrap(e.kid, e.wrapped);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dek, e.iv);
    decipher.setAAD(aad(label));
    decipher.setAuthTag(e.tag);
    return Buffer.concat([decipher.update(e.body), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyError(`${label}: an encrypted value fails authentication (tampered, damaged or moved)`);
  } finally {
    dek.fill(0);
  }
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

export class EnvelopeCipher implements RecordCipher {
  constructor(
    readonly ring: KeyRing,
    private readonly indexKey: Buffer,
  ) {}

  seal(label: string, text: string): string {
    return sealText(this.ring, label, text);
  }

  open(label: string, stored: string): string {
    return openText(this.ring, label, stored);
  }

  idNumberHash(idNumber: string): string {
    return createHmac('sha256', this.indexKey).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}
