/// <reference lib="webworker" />
// sw-sync.js, the worker's second script: the drain, its storage, schemas and AES-GCM — nine
// tenths of the worker's code. sw.js imports it at install and again at the first `sync` of a
// worker's life (./sync-script-loader.ts), so the worker's every start — and the app's offline
// cold start, which waits for it — reads and runs only sw.js (issue 13: its HTML came ≈ 30 ms
// sooner with a 22 KB sw.js than with the 299 KB one).
import { clearDataKey, setDataKey } from '../src/storage/vault';
import { loadCipher } from '../src/storage/cipher';
import { createStoragePorts } from '../src/sync/storage-ports';
import { drain } from '../src/sync/drain';
import { SYNC_SCRIPT_GLOBAL, type SyncScript } from './sync-script-api';

const script: SyncScript = {
  async drain(key, options) {
    await loadCipher(); // sealing is synchronous: AES-GCM is here before the key is
    setDataKey(key); // keeps a copy of its own
    key.fill(0);
    return drain(createStoragePorts(), options);
  },
  forget: () => clearDataKey(false),
};

(globalThis as unknown as Record<string, SyncScript>)[SYNC_SCRIPT_GLOBAL] = script;
