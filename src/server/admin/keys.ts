// The operator's key tasks (admin CLI `keys:*`): status, sealing data from before encryption at
// rest, and rotating the master key. A rotation adds a new master key as current (key file) or
// takes the one in DAIBAN_MASTER_KEY, re-wraps every data key in the database and every blob
// header under it (no data is re-encrypted), checks that nothing is left under an older key and
// only then retires the older keys. It can stop anywhere and be run again to finish.
import { existsSync } from 'node:fs';
import { pendingBlobs, rewrapBlobs, sealExistingBlobs } from '../blobs/at-rest';
import type { ServerConfig } from '../config';
import { KeyError, newKey, readKeyFile, writeKeyFile } from '../crypto/key-ring';
import { runningServer } from '../ops/running';
import { openStore, type Store } from '../store';

export interface KeyStatus {
  source: string;
  current: string;
  held: string[];
  rows: { clear: number; olderKey: number };
  blobs: { clear: number; olderKey: number };
}

export async function keyStatus(store: Store, blobDir: string): Promise<KeyStatus> {
  const ring = store.crypto.ring;
  return {
    source: ring.source,
    current: ring.currentId,
    held: ring.ids(),
    rows: await store.crypto.pending(),
    blobs: await pendingBlobs(blobDir, ring),
  };
}

/** Seals rows and blob files still in clear; safe beside a running server (compare-and-set, rename). */
export async function encryptExisting(store: Store, blobDir: string): Promise<{ rows: number; blobs: number }> {
  return {
    rows: await store.crypto.sealExisting(),
    blobs: await sealExistingBlobs(blobDir, store.crypto.ring),
  };
}

export interface RotationReport {
  /** The new current master key id. */
  current: string;
  /** Master keys no longer needed (retired from the key file, or to drop from DAIBAN_MASTER_KEY_PREVIOUS). */
  retired: string[];
  rows: number;
  blobs: number;
  /** A rotation that had stopped half-way was finished (no new key made). */
  resumed: boolean;
}

/**
 * Rotates the master key. The server must be stopped: it keeps the keys it read at start, and
 * would go on wrapping new data keys under the key being retired.
 */
export async function rotateKeys(config: ServerConfig): Promise<RotationReport> {
  const pid = runningServer(config.dataDir);
  if (pid !== null)
    throw new KeyError(`a server (process ${pid}) is running on ${config.dataDir}: stop it, rotate, start it again`);
  const { file, masterKey } = config.keys;
  let resumed = false;
  if (!masterKey) {
    if (!existsSync(file)) throw new KeyError(`no key file at ${file}: nothing to rotate`);
    const { current, older } = readKeyFile(file);
    resumed = older.length > 0;
    // A key file that still holds older keys is a rotation that stopped: finish it, no new key.
    if (!resumed) writeKeyFile(file, newKey(), [current], config.now());
  }
  const store = await openStore(config, config.now());
  let rows: number;
  let blobs: number;
  const ring = store.crypto.ring;
  try {
    await encryptExisting(store, config.blobDir);
    rows = await store.crypto.rewrap();
    blobs = await rewrapBlobs(config.blobDir, ring);
    const left = await keyStatus(store, config.blobDir);
    if (left.rows.olderKey > 0 || left.blobs.olderKey > 0)
      throw new KeyError(
        `${left.rows.olderKey} rows and ${left.blobs.olderKey} blob files are still under an older key: run keys:rotate again`,
      );
  } finally {
    await store.close();
  }
  const retired = ring.ids().filter((id) => id !== ring.currentId);
  if (!masterKey) writeKeyFile(file, readKeyFile(file).current, [], config.now());
  return { current: ring.currentId, retired, rows, blobs, resumed };
}
