// Keys of the settings and syncState tables, without Dexie (the first screen reads them directly).

/** Storage keys. DO NOT RENAME: devices in the field hold them. */
export const SETTING_KEYS = {
  deviceId: 'deviceId',
  session: 'session',
  /** SHA-256 of the tokens of logouts made offline: revoked at the next contact. Survives the wipe. */
  pendingLogouts: 'pendingLogouts',
} as const;

export const SYNC_KEYS = {
  /** Last server change sequence applied (pull cursor). */
  cursor: 'pullCursor',
  /** Time of the last successful push/pull round. */
  lastSyncAt: 'lastSyncAt',
} as const;

/** The stored list of logout-token hashes, cleaned. */
export const hashList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string' && /^[0-9a-f]{64}$/.test(t)) : [];
