// Device settings (device id, signed-in session) and sync state (pull cursor), as named keys.
import { uuidv7 } from '../domain/ids';
import type { z } from 'zod';
import { getDb } from './connection';
import { parseRow } from './validate';
import { hashList, SETTING_KEYS, SYNC_KEYS } from './setting-keys';

export { SETTING_KEYS, SYNC_KEYS } from './setting-keys';

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
/** The stored session as written (validated then, by the login); the caller checks its shape. */
export const getStoredSession = async (): Promise<unknown> => (await getDb().settings.get(SETTING_KEYS.session))?.value;
export const clearSession = () => deleteSetting(SETTING_KEYS.session);

/**
 * Stores a token the server rotated (X-Session-Token), in one transaction, only if the session is
 * still there and the token is newer than the one stored: answers may arrive out of order (page and
 * service worker, parallel uploads), and an older token must never overwrite a newer one.
 */
export async function adoptRotatedToken(token: string, issuedAt: number, expiresAt?: number): Promise<boolean> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(SETTING_KEYS.session);
    const session = row?.value as { token?: unknown; tokenIssuedAt?: unknown } | undefined;
    if (!session || typeof session.token !== 'string' || session.token === token) return false;
    if (typeof session.tokenIssuedAt === 'number' && session.tokenIssuedAt >= issuedAt) return false;
    const next = { ...session, token, tokenIssuedAt: issuedAt, ...(expiresAt !== undefined && { expiresAt }) };
    await db.settings.put({ key: SETTING_KEYS.session, value: next });
    return true;
  });
}

/** Hashes of logout tokens still to revoke on the server (the device was offline at logout). */
export async function pendingLogouts(): Promise<string[]> {
  return hashList((await getDb().settings.get(SETTING_KEYS.pendingLogouts))?.value);
}

/** Keeps only the token's SHA-256 (hex): a tablet lost before it reconnects holds no usable token. */
export async function rememberLogout(tokenHash: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const list = hashList((await db.settings.get(SETTING_KEYS.pendingLogouts))?.value);
    if (!list.includes(tokenHash))
      await db.settings.put({ key: SETTING_KEYS.pendingLogouts, value: [...list, tokenHash] });
  });
}

export async function forgetLogout(tokenHash: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const list = hashList((await db.settings.get(SETTING_KEYS.pendingLogouts))?.value).filter((t) => t !== tokenHash);
    if (list.length > 0) await db.settings.put({ key: SETTING_KEYS.pendingLogouts, value: list });
    else await db.settings.delete(SETTING_KEYS.pendingLogouts);
  });
}

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
