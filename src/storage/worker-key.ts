// The service worker's copy of the key (posted by the page): no database lifecycle there. The
// worker has no first screen to keep light, so it takes AES-GCM at start.
import { gcm } from '@noble/ciphers/aes.js';
import { clearDataKey, setDataKey, useCipher } from './vault';

useCipher(gcm);

export const receiveDataKey = (raw: Uint8Array | undefined): void => (raw ? setDataKey(raw) : clearDataKey(false));
