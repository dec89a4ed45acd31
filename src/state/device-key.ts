// The device lock: the data key that seals this user's data on the tablet (src/storage/vault.ts)
// is unwrapped with the password or a PIN (keyring.ts), handed to storage and the service
// worker, and dropped again on lock (idle, or the agent's choice) and logout.
import { signal } from '@preact/signals';
// The storage modules themselves, not the barrel: this runs on the first screen.
import { createKeyring, KeyError, type KeyOwner, type Keyring } from '../storage/keyring';
import { exportDataKey, hasDataKey, requireUnlock } from '../storage/vault';
import { forgetStorageKey, lockStorage, unlockStorage } from '../storage/device-lock';
import { DEVICE_KEY_MESSAGE, DEVICE_KEY_REQUEST, SYNC_LOCKED_MESSAGE } from '../sync/names';
import type { SessionUser } from '../domain/api/auth';

export type DeviceLock =
  /** `offerPin`: the prompt after a password login; `settingPin`: the set-PIN screen is open. */
  | { locked: false; owner?: KeyOwner; pin?: boolean; offerPin?: boolean; settingPin?: boolean }
  /** `enroll`: a device upgraded from before encryption: the password creates the key. */
  | { locked: true; owner: KeyOwner; pin: boolean; pinAttemptsLeft: number; enroll?: boolean };

export function createDeviceLockSlice() {
  return {
    lock: signal<DeviceLock>({ locked: false }),
    /** The service worker found the device locked during a background sync. */
    syncLocked: signal(false),
  };
}

interface LockHost {
  deviceLock: ReturnType<typeof createDeviceLockSlice>;
  deps: { now: () => number };
}

let ring: Keyring | undefined;
/** The device's keyring (tests swap it for one with a fake store and clock). */
export const keyring = (): Keyring => (ring ??= createKeyring());
export const useKeyring = (k: Keyring | undefined): void => {
  ring = k;
};

const ownerOf = (u: Pick<SessionUser, 'id' | 'username' | 'name'>): KeyOwner => ({
  id: u.id,
  username: u.username ?? '',
  name: u.name,
});

// ---- the service worker's copy of the key (memory only, there too) ----

function postToWorker(key: Uint8Array | undefined): void {
  const sw = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!sw) return;
  // Each message carries its own copy, taken now: the caller zeroes `key` as soon as this returns,
  // while the ready.then() post runs later — sharing the array sent the worker a key of zeros, so
  // its Background Sync could not open the session and never sent anything.
  const message = () => (key ? { type: DEVICE_KEY_MESSAGE, key: key.slice() } : { type: DEVICE_KEY_MESSAGE });
  sw.controller?.postMessage(message());
  const later = message();
  void sw.ready.then((r) => r.active?.postMessage(later)).catch(() => undefined);
}

/** Answers a restarted service worker's request for the key, and shows its "locked" report. */
export function serveKeyToWorker(host: LockHost): void {
  navigator.serviceWorker?.addEventListener('message', (event) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === DEVICE_KEY_REQUEST && hasDataKey()) postToWorker(exportDataKey());
    if (type === SYNC_LOCKED_MESSAGE) host.deviceLock.syncLocked.value = true;
  });
}

/**
 * `known`: who and whether a PIN, when the caller knows it (a PIN unlock): not read again.
 * `offerPin` 'if-none': the prompt to set a PIN when none is set (a password unlock: an offer
 * closed with the app, or a PIN expired, is made again).
 */
async function opened(
  host: LockHost,
  raw: Uint8Array,
  offerPin: boolean | 'if-none' = false,
  known?: { owner: KeyOwner; pin: boolean },
): Promise<void> {
  await unlockStorage(raw);
  postToWorker(raw);
  raw.fill(0);
  const status = known ?? (await keyring().status());
  host.deviceLock.syncLocked.value = false;
  const pin = status?.pin ?? false;
  host.deviceLock.lock.value = {
    locked: false,
    owner: status?.owner,
    pin,
    offerPin: offerPin === 'if-none' ? !pin : offerPin,
  };
}

// ---- at start ----

/** Before the database is touched: a user's key on this device means "locked until unlocked". */
export async function restoreDeviceLock(host: LockHost): Promise<void> {
  const status = await keyring().status();
  if (!status) return;
  requireUnlock();
  host.deviceLock.lock.value = { locked: true, ...status };
}

/** A session from before encryption at rest, with no key yet: the password must create one. */
export function requireEnrollment(host: LockHost, user: SessionUser): void {
  if (hasDataKey() || host.deviceLock.lock.value.locked) return;
  host.deviceLock.lock.value = { locked: true, owner: ownerOf(user), pin: false, pinAttemptsLeft: 0, enroll: true };
}

// ---- unlocking ----

export async function unlockWithPassword(host: LockHost, password: string): Promise<void> {
  const lock = host.deviceLock.lock.value;
  if (lock.locked && lock.enroll) {
    await opened(host, await keyring().enroll(lock.owner, password), true);
    return;
  }
  await opened(host, await keyring().unlockWithPassword(password), 'if-none');
}

export async function unlockWithPin(host: LockHost, pin: string): Promise<void> {
  const before = host.deviceLock.lock.value;
  try {
    const raw = await keyring().unlockWithPin(pin);
    // The PIN opened this owner's key: who it is and that a PIN is set are known (issue 13: one
    // read less between the PIN and the first screen).
    await opened(host, raw, false, before.locked ? { owner: before.owner, pin: true } : undefined);
  } catch (e) {
    // Show what is left (attempts, or password only) on the lock screen.
    const status = await keyring().status();
    const lock = host.deviceLock.lock.value;
    if (status && lock.locked) host.deviceLock.lock.value = { ...lock, ...status };
    throw e;
  }
}

/**
 * After an online login the server accepted `password`: the user's key is unwrapped (or created
 * on a device without one) and wrapped again with this password, which also restarts the PIN
 * window. A key of another user left on the device is dropped (its data left at that logout).
 */
export async function keyAfterLogin(host: LockHost, user: SessionUser, password: string): Promise<void> {
  const kr = keyring();
  const status = await kr.status();
  const owner = ownerOf(user);
  let raw: Uint8Array;
  if (status?.owner.id === user.id && hasDataKey()) {
    raw = exportDataKey();
    await kr.rewrapPassword(raw, password, owner);
  } else if (status?.owner.id === user.id) {
    raw = await kr.unlockWithPassword(password).catch((e: unknown) => {
      if (e instanceof KeyError && e.code === 'key.wrong_password')
        throw new KeyError(
          'key.wrong_password',
          '本机数据是用旧密码加密的：请先在锁屏页面用这台设备上次使用的密码解锁，再重新登录',
        );
      throw e;
    });
  } else {
    if (status) await kr.forget();
    raw = await kr.enroll(owner, password);
  }
  await opened(host, raw, !status?.pin);
}

// ---- PIN, lock, logout, password change ----

export async function setDevicePin(host: LockHost, pin: string): Promise<void> {
  await keyring().setPin(exportDataKey(), pin);
  const lock = host.deviceLock.lock.value;
  if (!lock.locked) host.deviceLock.lock.value = { ...lock, pin: true, offerPin: false, settingPin: false };
}

/** Opens (true) or closes the set-PIN screen; either way the prompt after login is done. */
export function showPinSetup(host: LockHost, open: boolean): void {
  const lock = host.deviceLock.lock.value;
  if (!lock.locked) host.deviceLock.lock.value = { ...lock, offerPin: false, settingPin: open };
}

/** Locks now (idle timer or the agent). Only a device holding a user's key can lock. */
export async function lockDevice(host: LockHost): Promise<void> {
  if (!hasDataKey()) return;
  const status = await keyring().status();
  if (!status) return;
  lockStorage();
  postToWorker(undefined);
  host.deviceLock.lock.value = { locked: true, ...status };
}

/** Logout: the user's key material leaves the device with the data. */
export async function forgetDeviceKey(host: LockHost): Promise<void> {
  await keyring().forget();
  forgetStorageKey();
  postToWorker(undefined);
  host.deviceLock.lock.value = { locked: false };
}

/** The server accepted a new password: wrap the same key with it (data stays as it is). */
export async function rewrapAfterPasswordChange(newPassword: string): Promise<void> {
  if (hasDataKey()) await keyring().rewrapPassword(exportDataKey(), newPassword);
}

/**
 * Locks after `idleMs` without a touch or key press. Returns a stop function. `win` is the
 * event source (window in the app; a fake in tests).
 */
export function watchIdle(
  host: LockHost,
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  idleMs: number = keyring().policy.idleLockMs,
  checkEveryMs = 15_000,
): () => void {
  let last = host.deps.now();
  const touch = () => {
    last = host.deps.now();
  };
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  for (const e of events) win.addEventListener(e, touch, { passive: true });
  const timer = setInterval(() => {
    // A key store that cannot be read now is tried again at the next check.
    if (!host.deviceLock.lock.value.locked && host.deps.now() - last >= idleMs)
      void lockDevice(host).catch(() => undefined);
  }, checkEveryMs);
  return () => {
    clearInterval(timer);
    for (const e of events) win.removeEventListener(e, touch);
  };
}
