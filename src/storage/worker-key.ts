// The service worker's copy of the key (posted by the page): no database lifecycle there. AES-GCM
// (its module builds large tables when evaluated) is part of the worker's second script,
// sw-sync.js, which gets a copy of this key for each drain (sw/sync-script-loader.ts): a cold
// start of the app offline waits for the worker to start before it gets its page (issue 13).
import { clearDataKey, setDataKey } from './vault';

export const receiveDataKey = (raw: Uint8Array | undefined): void => (raw ? setDataKey(raw) : clearDataKey(false));
