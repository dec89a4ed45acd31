// The Dexie database, if loaded, for modules of the first screen, which must not import Dexie
// (issue 13: until it loads, their reads go through quick-read.ts). No dynamic import here: the
// service worker bundles this (one IIFE).
import type { DaibanDb } from './db';

let loaded: (() => DaibanDb | undefined) | undefined;

/** The database if Dexie is loaded and one was opened, without loading anything. */
export const loadedDb = (): DaibanDb | undefined => loaded?.();

/** connection.ts, when it loads. */
export function registerLoadedDb(get: () => DaibanDb | undefined): void {
  loaded = get;
}
