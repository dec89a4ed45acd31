// Object URLs for stored files (thumbnails, viewer, printed notice). Cached per hash for the
// page's life: the same photo shown in three places is one URL, and files never change.
import { signal } from '@preact/signals';
import { getBlob } from '../storage';

/** Bumped when files arrive from the server (a restored case's photos): missing images retry. */
export const blobsArrived = signal(0);

const urls = new Map<string, Promise<string | undefined>>();

export function blobUrl(sha256: string): Promise<string | undefined> {
  let url = urls.get(sha256);
  if (!url) {
    url = getBlob(sha256).then((row) =>
      row ? URL.createObjectURL(new Blob([row.data], { type: row.mime })) : undefined,
    );
    urls.set(sha256, url);
    // A miss may be filled later (file arriving), a failed read may succeed later (the device
    // unlocked): cache neither.
    url.then(
      (u) => {
        if (!u) urls.delete(sha256);
      },
      () => urls.delete(sha256),
    );
  }
  return url;
}

/** Frees every URL (logout: the files are gone). */
export function revokeBlobUrls(): void {
  for (const p of urls.values())
    void p.then(
      (u) => u && URL.revokeObjectURL(u),
      () => undefined, // nothing was created
    );
  urls.clear();
}
