// Upload part files encrypted on disk too: a photo abandoned half-way may lie in `.incoming` for
// days before the sweep. A part grows chunk by chunk at any byte offset, so it is AES-256-CTR (the
// counter follows the byte offset) under a fresh data key wrapped by the master key in a header:
//
//   "DAIBANP1" | key id (12) | wrapped data key (60) | initial counter (16) | ciphertext
//
// CTR has no tag: a part is only ever trusted after its plain bytes hash to the blob's SHA-256.
// Parts written before this (no header) are read as they are.
import { createCipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, WRAPPED_BYTES, type KeyRing } from './key-ring';

const MAGIC = Buffer.from('DAIBANP1');
const KID_BYTES = 12;
const COUNTER_BYTES = 16;
export const PART_HEADER_BYTES = MAGIC.length + KID_BYTES + WRAPPED_BYTES + COUNTER_BYTES;

export interface PartKey {
  dek: Buffer;
  counter: Buffer;
}

/** A fresh key for a new part and the header that carries it (wrapped). */
export function newPartHeader(ring: KeyRing): { header: Buffer; key: PartKey } {
  const dek = randomBytes(KEY_BYTES);
  const counter = randomBytes(COUNTER_BYTES);
  const { kid, wrapped } = ring.wrap(dek);
  return { header: Buffer.concat([MAGIC, Buffer.from(kid, 'latin1'), wrapped, counter]), key: { dek, counter } };
}

/**
 * Whether a part file starts like an encrypted one. Its first bytes may be fewer than the magic (a
 * header torn by a crash); a plain part never starts with "D" (JPEG, PNG, WebP, PDF).
 */
export const looksEncrypted = (head: Buffer): boolean =>
  head.length > 0 && head.subarray(0, MAGIC.length).equals(MAGIC.subarray(0, Math.min(head.length, MAGIC.length)));

/** The part's key, or undefined when its master key is gone (a rotation since): start again. */
export function readPartKey(ring: KeyRing, header: Buffer): PartKey | undefined {
  const kid = header.subarray(MAGIC.length, MAGIC.length + KID_BYTES).toString('latin1');
  if (!ring.has(kid)) return undefined;
  const at = MAGIC.length + KID_BYTES;
  return {
    dek: ring.unwrap(kid, header.subarray(at, at + WRAPPED_BYTES)),
    counter: header.subarray(at + WRAPPED_BYTES, PART_HEADER_BYTES),
  };
}

/** Encrypts or decrypts (the same operation) `data` lying at byte `offset` of the part. */
export function partCipher(key: PartKey, offset: number, data: Buffer): Buffer {
  const skip = offset % 16;
  const block = BigInt(Math.floor(offset / 16));
  const counter = (BigInt(`0x${key.counter.toString('hex')}`) + block) % (1n << 128n);
  const iv = Buffer.from(counter.toString(16).padStart(32, '0'), 'hex');
  const cipher = createCipheriv('aes-256-ctr', key.dek, iv);
  return cipher.update(Buffer.concat([Buffer.alloc(skip), data])).subarray(skip);
}
