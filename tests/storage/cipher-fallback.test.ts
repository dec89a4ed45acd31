// The first screen opens rows by WebCrypto before AES-GCM's module has loaded (cipher.ts). A row
// WebCrypto cannot open (no native key, or a failing decrypt) must then be opened by AES-GCM,
// loaded on the spot: "corrupt" is said only when AES-GCM itself fails. Its own file: the module
// state (AES-GCM not yet loaded) is this file's alone.
import { afterEach, expect, it, vi } from 'vitest';
import { openRows, openStoredRow, sealStoredRow } from '../../src/storage/sealing';
import { clearDataKey, setDataKey } from '../../src/storage/vault';
import { TEST_KEY } from './fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  clearDataKey();
});

it('opens a row WebCrypto cannot, by AES-GCM loaded on demand, before anything else loaded it', async () => {
  setDataKey(TEST_KEY);
  const session = { key: 'session', value: { token: 't-1', user: '张三' } };
  const sealed = await sealStoredRow('settings', 'key', session); // by WebCrypto: AES-GCM not loaded
  vi.spyOn(crypto.subtle, 'decrypt').mockRejectedValue(new Error('decrypt unavailable'));
  const row = openStoredRow('settings', 'key', sealed) as { value: unknown };
  await openRows([row]);
  expect(row.value).toEqual({ token: 't-1', user: '张三' });
});
