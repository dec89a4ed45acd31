/// <reference lib="webworker" />
// Service worker entry, split by job: ./precache (app shell + offline navigation), ./update
// (updates wait for the user's consent), ./device-key (the data key, from an unlocked page) and
// ./background-sync (drains the outbox on `sync`, only with the key, in sw-sync.js: see
// ./sync-script-loader).
import './precache';
import './update';
import './device-key';
import { registerBackgroundSync, type BackgroundSyncScope } from './background-sync';
import { drainInSyncScript, importSyncScriptAtInstall } from './sync-script-loader';
import { hasDataKey } from '../src/storage/vault';

declare const self: ServiceWorkerGlobalScope;

importSyncScriptAtInstall();
registerBackgroundSync(self as unknown as BackgroundSyncScope, { unlocked: hasDataKey, drain: drainInSyncScript });
