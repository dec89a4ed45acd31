// The wrapped data key (keyring.ts): password and PIN unwrap, the PIN window and attempt limit,
// with an injected clock and a fake-indexeddb idb-keyval store.
import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import { createKeyring, KeyError, LOCK_POLICY } from '../../src/storage';

const OWNER = { id: 'u-1', username: 'zhangsan', name: '张三' };
const HOUR = 3_600_000;
let n = 0;

/** Few iterations for speed where the iteration count is not the subject. */
function keyring(clock: { t: number }, iterations = 1_000) {
  return createKeyring({
    store: createStore(`keys-${++n}`, 'keys'),
    now: () => clock.t,
    policy: { iterations },
  });
}

describe('keyring', () => {
  it('wraps a random key with PBKDF2 (600,000 iterations by default) and unwraps it with the password only', async () => {
    expect(LOCK_POLICY.iterations).toBeGreaterThanOrEqual(600_000);
    const clock = { t: 0 };
    const kr = createKeyring({ store: createStore('keys-default', 'keys'), now: () => clock.t });
    const raw = await kr.enroll(OWNER, 'correct horse 1');
    expect(raw).toHaveLength(32);
    expect(await kr.unlockWithPassword('correct horse 1')).toEqual(raw);
    const wrong = await kr.unlockWithPassword('correct horse 2').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(KeyError);
    expect(wrong).toMatchObject({ code: 'key.wrong_password', message: /密码不正确/ });
    expect((await kr.status())?.owner).toEqual(OWNER);
  });

  it('re-wraps the same key for a new password; the old one stops working', async () => {
    const kr = keyring({ t: 0 });
    const raw = await kr.enroll(OWNER, 'old-password-1');
    await kr.rewrapPassword(raw, 'new-password-2');
    expect(await kr.unlockWithPassword('new-password-2')).toEqual(raw);
    await expect(kr.unlockWithPassword('old-password-1')).rejects.toMatchObject({ code: 'key.wrong_password' });
  });

  it('a PIN unlocks within the window after the last password sign-in; after it the PIN copy is deleted', async () => {
    const clock = { t: 1_000 };
    const kr = keyring(clock);
    const raw = await kr.enroll(OWNER, 'pw-1234567');
    await expect(kr.setPin(raw, '12345')).rejects.toMatchObject({ code: 'key.pin_format' });
    await kr.setPin(raw, '246810');
    clock.t += 11 * HOUR;
    expect(await kr.unlockWithPin('246810')).toEqual(raw);
    expect((await kr.status())?.pin).toBe(true);
    clock.t += 2 * HOUR; // 13 h since the password
    expect((await kr.status())?.pin).toBe(false);
    await expect(kr.unlockWithPin('246810')).rejects.toMatchObject({ code: 'key.pin_expired' });
    // A password sign-in starts a new window, but the deleted PIN does not come back.
    await kr.unlockWithPassword('pw-1234567');
    await expect(kr.unlockWithPin('246810')).rejects.toMatchObject({ code: 'key.pin_expired' });
    await kr.setPin(raw, '135790');
    expect(await kr.unlockWithPin('135790')).toEqual(raw);
  });

  it('five wrong PINs delete the PIN copy; a right one in between resets the count', async () => {
    const kr = keyring({ t: 0 });
    const raw = await kr.enroll(OWNER, 'pw-1234567');
    await kr.setPin(raw, '111111');
    for (let i = 0; i < 3; i++)
      await expect(kr.unlockWithPin('999999')).rejects.toMatchObject({ code: 'key.wrong_pin' });
    expect((await kr.status())?.pinAttemptsLeft).toBe(2);
    expect(await kr.unlockWithPin('111111')).toEqual(raw);
    expect((await kr.status())?.pinAttemptsLeft).toBe(5);
    const messages: string[] = [];
    for (let i = 0; i < 4; i++)
      messages.push(((await kr.unlockWithPin('000000').catch((e: Error) => e)) as Error).message);
    expect(messages.at(-1)).toMatch(/还可以再试 1 次/);
    await expect(kr.unlockWithPin('000000')).rejects.toMatchObject({ code: 'key.pin_reset' });
    await expect(kr.unlockWithPin('111111')).rejects.toMatchObject({ code: 'key.pin_expired' });
    expect(await kr.unlockWithPassword('pw-1234567')).toEqual(raw);
  });

  it('a PIN try derives its key while the attempt is stored, and uses it only once the count is stored', async () => {
    const base = createStore(`keys-${++n}`, 'keys');
    let gate: Promise<void> = Promise.resolve();
    let fail = false;
    const store: UseStore = (mode, callback) =>
      mode === 'readwrite'
        ? gate.then(() => (fail ? Promise.reject(new Error('disk full')) : base(mode, callback)))
        : base(mode, callback);
    const kr = createKeyring({ store, now: () => 0, policy: { iterations: 1_000 } });
    const raw = await kr.enroll(OWNER, 'pw-1234567');
    await kr.setPin(raw, '246810');
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    try {
      let open!: () => void;
      gate = new Promise((ok) => (open = ok));
      let settled = false;
      const unlocked = kr.unlockWithPin('246810').finally(() => (settled = true));
      // Issue 13: the derivation no longer waits for the attempt's write (one IndexedDB round trip
      // less before the PBKDF2 starts on the lock screen) …
      await vi.waitFor(() => expect(derive).toHaveBeenCalled(), { timeout: 2_000 });
      await new Promise((ok) => setTimeout(ok, 50));
      // … but its answer waits for it.
      expect(settled).toBe(false);
      open();
      expect(await unlocked).toEqual(raw);
      // A write that fails fails the unlock: no key without the attempt counted.
      fail = true;
      gate = Promise.resolve();
      await expect(kr.unlockWithPin('246810')).rejects.toThrow('disk full');
    } finally {
      derive.mockRestore();
    }
  });

  it('a PIN try starts deriving before the record is read again, with what the lock screen read; a PIN set anew meanwhile is derived again', async () => {
    const base = createStore(`keys-${++n}`, 'keys');
    let gate: Promise<void> = Promise.resolve();
    const store: UseStore = (mode, callback) => gate.then(() => base(mode, callback));
    const kr = createKeyring({ store, now: () => 0, policy: { iterations: 1_000 } });
    const raw = await kr.enroll(OWNER, 'pw-1234567');
    await kr.setPin(raw, '246810');
    await kr.status(); // the lock screen
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    try {
      let open!: () => void;
      gate = new Promise((ok) => (open = ok));
      const unlocked = kr.unlockWithPin('246810');
      // Issue 13: the PBKDF2 is under way while the record's read still waits.
      await vi.waitFor(() => expect(derive).toHaveBeenCalledTimes(1), { timeout: 2_000 });
      open();
      expect(await unlocked).toEqual(raw);
      expect(derive).toHaveBeenCalledTimes(1);

      // Another tab sets a new PIN (new salt) after this one read the record: the early key is
      // not the one, the PIN is derived again with the new salt and opens the key.
      await kr.status();
      const other = createKeyring({ store: base, now: () => 0, policy: { iterations: 1_000 } });
      await other.setPin(raw, '135790');
      derive.mockClear();
      expect(await kr.unlockWithPin('135790')).toEqual(raw);
      expect(derive).toHaveBeenCalledTimes(2);
      // A wrong PIN is still wrong, counted as before.
      await expect(kr.unlockWithPin('000000')).rejects.toMatchObject({ code: 'key.wrong_pin' });
    } finally {
      derive.mockRestore();
    }
  });

  it('forget removes every trace of the key', async () => {
    const kr = keyring({ t: 0 });
    await kr.enroll(OWNER, 'pw-1234567');
    await kr.forget();
    expect(await kr.status()).toBeUndefined();
    await expect(kr.unlockWithPassword('pw-1234567')).rejects.toMatchObject({ code: 'key.none' });
  });
});
