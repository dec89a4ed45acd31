// The service worker's copy of the key (posted by the page): no database lifecycle there. AES-GCM
// (its module builds large tables when evaluated) loads with the worker's first drain
// (sw/background-sync.ts → cipher.ts), not at every start of the worker: a cold start of the app
// offline waits for the worker to evaluate its script before it gets its page (issue 13).
import { clearDataKey, setDataKey } from './vault';

export const receiveDataKey = (raw: Uint8Array | undefined): void => (raw ? setDataKey(raw) : clearDataKey(false));
