/// <reference lib="webworker" />
// Service worker entry, split by job: ./precache (app shell + offline navigation), ./update
// (updates wait for the user's consent) and ./background-sync (drains the outbox on `sync`).
import './precache';
import './update';
import { registerBackgroundSync, type BackgroundSyncScope } from './background-sync';

declare const self: ServiceWorkerGlobalScope;

registerBackgroundSync(self as unknown as BackgroundSyncScope);
