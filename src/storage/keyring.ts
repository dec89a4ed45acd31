// The wrapped data key of the signed-in user, kept apart from the main database in a small
// idb-keyval store: salts, wrapped copies, the PIN attempt counter. The data key itself (random,
// 256 bits) is never stored in clear: it is wrapped (AES-GCM, WebCrypto) under a key derived
// from the password (PBKDF2-SHA-256) and, for quick offline re-entry, under one derived from a
// 6-digit PIN that works only within a window after the last password sign-in.
//
// Limits of the PIN: a copy of the device's storage lets an attacker try all 10^6 PINs offline;
// the window (default 12 h, then the PIN copy is deleted) bounds that exposure, the attempt
// counter only stops guessing in the app.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { DATA_KEY_BYTES } from './vault';

export interface LockPolicy {
  /** PBKDF2-SHA-256 iterations for password and PIN (OWASP 2023: 600,000). */
  iterations: number;
  /** A PIN unlocks only this long after the last password sign-in (ms). */
  pinWindowMs: number;
  /** Wrong PINs before the PIN copy is deleted. */
  maxPinAttempts: number;
  /** Idle time before the app locks (ms). */
  idleLockMs: number;
}

export const LOCK_POLICY: LockPolicy = {
  iterations: 600_000,
  pinWindowMs: 12 * 60 * 60 * 1000,
  maxPinAttempts: 5,
  idleLockMs: 15 * 60 * 1000,
};

/** Who the key belongs to (shown on the lock screen, before anything is decrypted). */
export interface KeyOwner {
  id: string;
  username: string;
  name: string;
}

/** What WebCrypto takes (not a view of a SharedArrayBuffer). */
type Bytes = Uint8Array<ArrayBuffer>;

interface Wrapped {
  salt: Bytes;
  iv: Bytes;
  ct: Bytes;
  iterations: number;
}

interface KeyRecord {
  v: 1;
  owner: KeyOwner;
  password: Wrapped;
  /** Last sign-in with the password (online login or offline unlock): starts the PIN window. */
  passwordAt: number;
  pin?: Wrapped & { attempts: number };
}

export type KeyErrorCode =
  'key.none' | 'key.wrong_password' | 'key.wrong_pin' | 'key.pin_format' | 'key.pin_expired' | 'key.pin_reset';

export class KeyError extends Error {
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string) {
    super(message);
    this.name = 'KeyError';
    this.code = code;
  }
}

export interface KeyStatus {
  owner: KeyOwner;
  /** A PIN is set and still inside its window. */
  pin: boolean;
  pinAttemptsLeft: number;
}

/** DO NOT RENAME: devices hold them. */
const KEYS_DB = 'daiban-keys';
const RECORD = 'deviceKey';

export interface KeyringOptions {
  store?: UseStore;
  now?: () => number;
  policy?: Partial<LockPolicy>;
}

const enc = new TextEncoder();
const PIN = /^\d{6}$/;

async function wrapKey(secret: string, what: string, raw: Uint8Array, iterations: number): Promise<Wrapped> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const kek = await deriveKek(secret, salt, iterations);
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(what) }, kek, raw as Bytes),
  );
  return { salt, iv, ct, iterations };
}

async function unwrapKey(secret: string, what: string, w: Wrapped): Promise<Uint8Array | undefined> {
  return unwrapWith(deriveKek(secret, w.salt, w.iterations), what, w);
}

async function unwrapWith(derived: Promise<CryptoKey>, what: string, w: Wrapped): Promise<Uint8Array | undefined> {
  const kek = await derived;
  try {
    const raw = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: w.iv, additionalData: enc.encode(what) }, kek, w.ct),
    );
    return raw.length === DATA_KEY_BYTES ? raw : undefined;
  } catch {
    return undefined; // wrong secret (or a damaged record): the tag does not verify
  }
}

async function deriveKek(secret: string, salt: Bytes, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', enc.encode(secret.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export type Keyring = ReturnType<typeof createKeyring>;

export function createKeyring(options: KeyringOptions = {}) {
  const policy = { ...LOCK_POLICY, ...options.policy };
  const now = options.now ?? Date.now;
  let store = options.store;
  const kv = () => (store ??= createStore(KEYS_DB, 'keys'));
  const read = () => get<KeyRecord>(RECORD, kv());
  const write = (r: KeyRecord) => set(RECORD, r, kv());
  const slot = (r: { owner: KeyOwner }, kind: 'password' | 'pin') => `daiban-key/${r.owner.id}/${kind}`;

  async function mustRead(): Promise<KeyRecord> {
    const r = await read();
    if (!r) throw new KeyError('key.none', '这台设备上没有登录过的账号，请联网登录');
    return r;
  }

  /** The PIN copy's derivation parameters as last read (the lock screen read them): not secret. */
  let pinSeen: { salt: Bytes; iterations: number } | undefined;
  const sameParams = (a: { salt: Bytes; iterations: number }, b: Wrapped) =>
    a.iterations === b.iterations && a.salt.length === b.salt.length && a.salt.every((x, i) => x === b.salt[i]);

  /** The record, with an expired PIN copy deleted. */
  async function current(): Promise<KeyRecord | undefined> {
    const r = await read();
    if (r?.pin && now() - r.passwordAt > policy.pinWindowMs) {
      delete r.pin;
      await write(r);
    }
    pinSeen = r?.pin && { salt: r.pin.salt, iterations: r.pin.iterations };
    return r;
  }

  return {
    policy,
    async status(): Promise<KeyStatus | undefined> {
      const r = await current();
      return (
        r && {
          owner: r.owner,
          pin: r.pin !== undefined,
          pinAttemptsLeft: r.pin ? policy.maxPinAttempts - r.pin.attempts : 0,
        }
      );
    },

    /** A new random data key for `owner`, wrapped with the password (first login on the device). */
    async enroll(owner: KeyOwner, password: string): Promise<Uint8Array> {
      const raw = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
      const password_ = await wrapKey(password, slot({ owner }, 'password'), raw, policy.iterations);
      await write({ v: 1, owner, password: password_, passwordAt: now() });
      return raw;
    },

    /** Re-wraps the (unlocked) key with a password the server accepted; restarts the PIN window. */
    async rewrapPassword(raw: Uint8Array, password: string, owner?: KeyOwner): Promise<void> {
      const r = await mustRead();
      const next = { ...r, owner: owner ?? r.owner };
      next.password = await wrapKey(password, slot(next, 'password'), raw, policy.iterations);
      next.passwordAt = now();
      await write(next);
    },

    /** Offline unlock with the password; also restarts the PIN window. */
    async unlockWithPassword(password: string): Promise<Uint8Array> {
      const r = await mustRead();
      const raw = await unwrapKey(password, slot(r, 'password'), r.password);
      if (!raw)
        throw new KeyError(
          'key.wrong_password',
          '密码不正确。如果您在别的设备上改过密码，请输入这台设备上次登录时用的密码',
        );
      await write({ ...r, passwordAt: now(), ...(r.pin ? { pin: { ...r.pin, attempts: 0 } } : {}) });
      return raw;
    },

    async setPin(raw: Uint8Array, pin: string): Promise<void> {
      if (!PIN.test(pin)) throw new KeyError('key.pin_format', '锁屏密码必须是 6 位数字');
      const r = await mustRead();
      await write({ ...r, pin: { ...(await wrapKey(pin, slot(r, 'pin'), raw, policy.iterations)), attempts: 0 } });
    },

    async removePin(): Promise<void> {
      const r = await read();
      if (r?.pin) {
        delete r.pin;
        await write(r);
      }
    },

    /**
     * Unlock with the PIN. The attempt is counted before its answer is used (closing the page
     * mid-try does not give a free guess); the last allowed wrong PIN deletes the PIN copy.
     */
    async unlockWithPin(pin: string): Promise<Uint8Array> {
      // The derivation starts at once with the parameters the lock screen read, while the record
      // is read again (issue 13: that read no longer comes before the ≈ 0.1–0.5 s of PBKDF2). Its
      // key is used only if the record still has those parameters, and only as below.
      const seen = PIN.test(pin) ? pinSeen : undefined;
      const early = seen && { seen, kek: deriveKek(pin, seen.salt, seen.iterations) };
      early?.kek.catch(() => undefined); // not used after all: no unhandled rejection
      const r = await current();
      if (!r) throw new KeyError('key.none', '这台设备上没有登录过的账号，请联网登录');
      if (!r.pin) throw new KeyError('key.pin_expired', '锁屏密码已失效（超过时限或未设置），请输入登录密码');
      if (!PIN.test(pin)) throw new KeyError('key.pin_format', '锁屏密码必须是 6 位数字');
      const attempts = r.pin.attempts + 1;
      // The derivation (PBKDF2 in WebCrypto, off the main thread) runs while the attempt is
      // stored; its answer is used only once the count is (a failed write fails the unlock).
      const [, raw] = await Promise.all([
        write({ ...r, pin: { ...r.pin, attempts } }),
        early && sameParams(early.seen, r.pin)
          ? unwrapWith(early.kek, slot(r, 'pin'), r.pin)
          : unwrapKey(pin, slot(r, 'pin'), r.pin),
      ]);
      if (raw) {
        await write({ ...r, pin: { ...r.pin, attempts: 0 } });
        return raw;
      }
      const left = policy.maxPinAttempts - attempts;
      if (left <= 0) {
        delete r.pin;
        await write(r);
        throw new KeyError('key.pin_reset', '锁屏密码输错次数太多，已失效。请输入登录密码解锁');
      }
      throw new KeyError('key.wrong_pin', `锁屏密码不正确，还可以再试 ${left} 次`);
    },

    /** Logout: the user's key material leaves the device with the data. */
    forget: () => del(RECORD, kv()),
  };
}
