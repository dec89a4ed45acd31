// Device settings (device id, signed-in session) and sync state (pull cursor), as named keys.
import { uuidv7 } from '../domain';
import type { z } from 'zod';
import { getDb } from './connection';
import { parseRow } from './validate';

/** Storage keys. DO NOT RENAME: devices in the field hold them. */
export const SETTING_KEYS = {
  deviceId: 'deviceId',
  session: 'session',
} as const;

export const SYNC_KEYS = {
  /** Last server change sequence applied (pull cursor). */
  cursor: 'pullCursor',
  /** Time of the last successful push/pull round. */
  lastSyncAt: 'lastSyncAt',
} as const;

/** This device's id: generated once, kept across logouts (audit events and mutations carry it). */
export async function getDeviceId(): Promise<string> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(SETTING_KEYS.deviceId);
    if (typeof row?.value === 'string') return row.value;
    const id = uuidv7();
    await db.settings.put({ key: SETTING_KEYS.deviceId, value: id });
    return id;
  });
}

export async function getSetting<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
  const row = await getDb().settings.get(key);
  return row === undefined ? undefined : parseRow(schema, row.value, '设置', 'settings');
}

export async function putSetting(key: string, value: unknown): Promise<void> {
  await getDb().settings.put({ key, value });
}

export async function deleteSetting(key: string): Promise<void> {
  await getDb().settings.delete(key);
}

/** The signed-in session; its shape is the caller's (validated with the schema it passes). */
export const getSession = <S extends z.ZodType>(schema: S) => getSetting(SETTING_KEYS.session, schema);
export const saveSession = (session: unknown) => putSetting(SETTING_KEYS.session, session);
export const clearSession = () => deleteSetting(SETTING_KEYS.session);

export async function getSyncCursor(): Promise<number> {
  const row = await getDb().syncState.get(SYNC_KEYS.cursor);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Joins the caller's transaction (pull applies a page and its cursor together). */
export async function setSyncCursor(cursor: number): Promise<void> {
  await getDb().syncState.put({ key: SYNC_KEYS.cursor, value: cursor });
}

export async function getLastSyncAt(): Promise<number | undefined> {
  const row = await getDb().syncState.get(SYNC_KEYS.lastSyncAt);
  return typeof row?.value === 'number' ? row.value : undefined;
}

export async function setLastSyncAt(at = Date.now()): Promise<void> {
  await getDb().syncState.put({ key: SYNC_KEYS.lastSyncAt, value: at });
}
