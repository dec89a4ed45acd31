// The unlocked data key of this page, worker or service worker, and the synchronous crypto built
// on it: AES-256-GCM row sealing (@noble/ciphers) and blind-index tokens (HMAC-SHA-256,
// @noble/hashes). Synchronous on purpose: sealing runs inside IndexedDB transactions
// (sealing.ts), which auto-commit if they wait on WebCrypto's promises.
//
// The key lives in memory only. Wrapping it with the password / PIN (WebCrypto, outside any
// transaction) is keyring.ts's job; the page decides when to lock (src/state/device-key.ts).
//
// AES itself is handed in (useCipher): @noble/ciphers' module builds four 64 K-entry lookup tables
// when it is evaluated (≈ 40 ms at 4× CPU, the lock screen's longest task, issue 13), so the page
// loads it with Dexie (cipher.ts), after the first rows — which it opens, and seals its one
// write, by WebCrypto — and the service worker's sw-sync.js before its drain.
import type { gcm } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { StorageError } from './errors';

/** Bytes of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
/** Blind-index tokens keep 64 bits: collisions among a village's profiles are negligible and
 *  every hit is checked against the decrypted row anyway. */
const TOKEN_BYTES = 8;

interface Keys {
  /** Raw data key (wrapped by keyring.ts; posted to the service worker). */
  raw: Uint8Array;
  seal: Uint8Array;
  index: Uint8Array;
  /** The seal key for WebCrypto: opening many rows at once outside a transaction (openRows), and
   *  sealing the first screen's writes before AES-GCM's own module has loaded. */
  native: Promise<CryptoKey | undefined>;
}

let cipher: typeof gcm | undefined;
let keys: Keys | undefined;
/** True while a user's key exists on this device but is not in memory: opening waits. */
let required = false;
let waiters: Array<() => void> = [];

const enc = new TextEncoder();
const dec = new TextDecoder();
const subKey = (raw: Uint8Array, label: string) => hmac(sha256, raw, enc.encode(label));

/** The AES-GCM implementation (cipher.ts loads it; the service worker imports it). */
export function useCipher(impl: typeof gcm): void {
  cipher = impl;
}

/** Sealing and opening are synchronous: the key's holder loads AES before it sets the key. */
function aes(): typeof gcm {
  if (!cipher) throw new Error('AES-GCM not loaded: await loadCipher() before setDataKey()');
  return cipher;
}

const SEAL_LABEL = 'daiban/row-seal/v1';
const INDEX_LABEL = 'daiban/blind-index/v1';

/** Puts the data key in memory: sealed rows can be read and written. */
export function setDataKey(raw: Uint8Array): void {
  if (raw.length !== DATA_KEY_BYTES) throw new StorageError('storage.invalid', '数据密钥长度不正确');
  const copy = raw.slice();
  // The sub-keys are derived when first used: the first screen opens its rows by WebCrypto, which
  // derives its own (issue 13: two HMACs in JavaScript were ≈ 40 ms of the unlock at 4× CPU).
  let seal: Uint8Array | undefined;
  let index: Uint8Array | undefined;
  keys = {
    raw: copy,
    get seal() {
      return (seal ??= subKey(copy, SEAL_LABEL));
    },
    get index() {
      return (index ??= subKey(copy, INDEX_LABEL));
    },
    native: nativeSealKey(copy),
  };
  const ready = waiters;
  waiters = [];
  for (const w of ready) w();
}

/** The seal key as a WebCrypto AES-GCM key: the same HMAC-SHA-256 sub-key, derived natively. */
async function nativeSealKey(raw: Uint8Array): Promise<CryptoKey | undefined> {
  if (typeof crypto.subtle === 'undefined') return undefined;
  try {
    // importKey copies the bytes now, before a lock zeroes them.
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      raw as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const seal = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, enc.encode(SEAL_LABEL)));
    const key = await crypto.subtle.importKey('raw', seal, 'AES-GCM', false, ['encrypt', 'decrypt']);
    seal.fill(0);
    return key;
  } catch {
    return undefined;
  }
}

/** Forgets the key (lock, logout). `stillRequired`: the user's key stays on the device, so
 *  opening the database waits for the next unlock. */
export function clearDataKey(stillRequired = false): void {
  keys?.raw.fill(0);
  keys = undefined;
  required = stillRequired;
  if (!stillRequired) {
    // Nothing to wait for any more (logout, or a wipe while locked): waiting queries go on, and a
    // read of a sealed row fails with storage.locked instead of waiting forever.
    const released = waiters;
    waiters = [];
    for (const w of released) w();
  }
}

/** Declares that this device holds a user's wrapped key (found at start, before unlocking). */
export function requireUnlock(): void {
  if (!keys) required = true;
}

export const hasDataKey = (): boolean => keys !== undefined;

/** A copy of the raw key (to re-wrap it or hand it to the service worker). */
export function exportDataKey(): Uint8Array {
  return need().raw.slice();
}

/** Resolves once unlocked; at once when unlocked or when no user's key is on the device. */
export function whenUnlocked(): Promise<void> {
  if (keys || !required) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}

function need(): Keys {
  if (!keys) throw new StorageError('storage.locked');
  return keys;
}

/** nonce ‖ ciphertext+tag. `aad` binds it to its table and key: a row copied onto another fails. */
export function sealBytes(plain: Uint8Array, aad: string): Uint8Array {
  const k = need();
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const body = aes()(k.seal, nonce, enc.encode(aad)).encrypt(plain);
  const out = new Uint8Array(NONCE_BYTES + body.length);
  out.set(nonce);
  out.set(body, NONCE_BYTES);
  return out;
}

/** The plaintext, or `storage.corrupt` (wrong key, flipped byte, moved row) — never wrong data. */
export function openBytes(sealed: Uint8Array, aad: string): Uint8Array {
  const k = need();
  if (!(sealed instanceof Uint8Array) || sealed.length < NONCE_BYTES + 16) throw new StorageError('storage.corrupt');
  // Before Dexie (and AES) load, a row reaches here only when WebCrypto could not open it.
  if (!cipher) throw new StorageError('storage.corrupt');
  const open = aes();
  try {
    return open(k.seal, sealed.subarray(0, NONCE_BYTES), enc.encode(aad)).decrypt(sealed.subarray(NONCE_BYTES));
  } catch (cause) {
    throw new StorageError('storage.corrupt', undefined, { cause });
  }
}

/**
 * The same as openBytes, by WebCrypto (native, asynchronous: never inside a transaction); the
 * format is plain AES-GCM, so what noble sealed opens here. Undefined when it cannot (no WebCrypto,
 * locked, or the tag does not verify): the caller falls back to openBytes, which reports why.
 */
export async function openBytesNative(sealed: Uint8Array, aad: string): Promise<Uint8Array | undefined> {
  const k = keys;
  const key = k && (await k.native);
  if (!key || keys !== k || sealed.length < NONCE_BYTES + 16) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(0, NONCE_BYTES) as Uint8Array<ArrayBuffer>,
        additionalData: enc.encode(aad),
      },
      key,
      sealed.subarray(NONCE_BYTES) as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

/** The same as sealBytes, by WebCrypto (outside any transaction); undefined when it cannot. */
export async function sealBytesNative(plain: Uint8Array, aad: string): Promise<Uint8Array | undefined> {
  const k = need();
  const key = await k.native;
  if (!key) return undefined;
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const body = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: enc.encode(aad) },
    key,
    plain as Uint8Array<ArrayBuffer>,
  );
  const out = new Uint8Array(NONCE_BYTES + body.byteLength);
  out.set(nonce);
  out.set(new Uint8Array(body), NONCE_BYTES);
  return out;
}

export const decodeJson = (bytes: Uint8Array): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(dec.decode(bytes));
  if (!parsed || typeof parsed !== 'object') throw new StorageError('storage.corrupt');
  return parsed as Record<string, unknown>;
};

export const openJson = (sealed: Uint8Array, aad: string): Record<string, unknown> =>
  decodeJson(openBytes(sealed, aad));

/** Blind-index token of `text` in namespace `kind` (name prefix, ID prefix …): a keyed hash. */
export function blindToken(kind: string, text: string): string {
  const mac = hmac(sha256, need().index, enc.encode(`${kind}\u0000${text}`));
  let hex = '';
  for (let i = 0; i < TOKEN_BYTES; i++) hex += mac[i]!.toString(16).padStart(2, '0');
  return hex;
}
