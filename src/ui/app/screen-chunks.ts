import { chunkOnce } from './chunk-once';

// The agent's screens after the case list, each its own chunk: loaded by the idle preload
// (preload-screens.ts) and by the screen's lazy wrapper through the same Chunk, so a screen
// preloaded in idle time draws in its first render, with no 正在打开…… frame and second render.
export const WORKBENCH = chunkOnce(() => import('../screens/workbench/workbench-screen').then((m) => m.WorkbenchView));
export const NEW_CASE = chunkOnce(() => import('../screens/new-case').then((m) => m.NewCaseScreen));
export const PERSON_LIST = chunkOnce(() => import('../screens/person-list').then((m) => m.PersonListScreen));
export const PERSON_EDIT = chunkOnce(() => import('../screens/person-edit').then((m) => m.PersonEditScreen));
export const SETTINGS = chunkOnce(() => import('../screens/settings').then((m) => m.SettingsScreen));
export const SYNC_STATUS = chunkOnce(() => import('../screens/sync-status').then((m) => m.SyncStatusScreen));
