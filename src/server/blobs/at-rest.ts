// Encryption at rest of the blob folder as a whole: seal files written before it (at start and
// `admin keys:encrypt-existing`), re-wrap every file's data key under the current master key
// (`admin keys:rotate`). Walks <root>/ab/cd/<sha256>; uploads in progress (.incoming) are sealed
// when they complete. Each file is replaced by rename, so a pass can stop anywhere and run again.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { blobKeyId, rewrapInPlace, sealInPlace } from '../crypto/blob-cipher';
import type { KeyRing } from '../crypto/key-ring';

const HEX2 = /^[0-9a-f]{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Every blob file under `root`: its hash and path. */
export async function* blobFiles(root: string): AsyncGenerator<{ sha256: string; path: string }> {
  for (const a of (await entries(root)).filter((n) => HEX2.test(n)).sort())
    for (const b of (await entries(join(root, a))).filter((n) => HEX2.test(n)).sort())
      for (const name of (await entries(join(root, a, b))).sort())
        if (SHA256.test(name) && name.startsWith(a + b)) yield { sha256: name, path: join(root, a, b, name) };
}

/** Seals every plain blob file; resolves to the number sealed. */
export async function sealExistingBlobs(root: string, ring: KeyRing): Promise<number> {
  let sealed = 0;
  for await (const f of blobFiles(root)) if (await sealInPlace(ring, f.sha256, f.path)) sealed++;
  return sealed;
}

/** Re-wraps every sealed blob file not under the current master key; resolves to the number re-wrapped. */
export async function rewrapBlobs(root: string, ring: KeyRing): Promise<number> {
  let rewrapped = 0;
  for await (const f of blobFiles(root)) if (await rewrapInPlace(ring, f.path)) rewrapped++;
  return rewrapped;
}

/** Blob files still plain, and blob files under another master key than the current one. */
export async function pendingBlobs(root: string, ring: KeyRing): Promise<{ clear: number; olderKey: number }> {
  let clear = 0;
  let olderKey = 0;
  for await (const f of blobFiles(root)) {
    const kid = await blobKeyId(f.path);
    if (kid === null) clear++;
    else if (kid !== ring.currentId) olderKey++;
  }
  return { clear, olderKey };
}
