// Loads AES-GCM (@noble/ciphers) for the vault on demand: its module builds large lookup tables
// when evaluated, so the first screen (login, lock screen) does without it. The unlock and the
// login start loading it beside their key derivation; unlockStorage waits for it.
import { useCipher } from './vault';
import { onceUntilFailed } from '../domain/once-until-failed';

/** A failed fetch is tried again at the next unlock. */
export const loadCipher = onceUntilFailed(() => import('@noble/ciphers/aes.js').then((m) => useCipher(m.gcm)));
