// Loads AES-GCM (@noble/ciphers) for the vault on demand: its module builds large lookup tables
// when evaluated, so the first screen (login, lock screen) does without it. The unlock and the
// login start loading it beside their key derivation; unlockStorage waits for it.
import { useCipher } from './vault';

let loading: Promise<void> | undefined;

export function loadCipher(): Promise<void> {
  loading ??= import('@noble/ciphers/aes.js').then(
    (m) => useCipher(m.gcm),
    (e: unknown) => {
      loading = undefined; // a failed fetch is tried again at the next unlock
      throw e;
    },
  );
  return loading;
}
