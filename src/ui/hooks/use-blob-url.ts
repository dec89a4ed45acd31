import { useEffect, useState } from 'preact/hooks';
import { blobsArrived, blobUrl } from '../../state/blob-urls';

/** Object URL of a stored file, undefined while loading or when missing. A missing file that
 *  arrives later (downloaded for a restored case) is shown as soon as it is stored. */
export function useBlobUrl(sha256: string | undefined): string | undefined {
  const [found, setFound] = useState<{ sha256: string; url: string | undefined } | undefined>(undefined);
  const missing = !found || found.sha256 !== sha256 || found.url === undefined;
  // Only a missing file listens to arrivals; a shown one never reloads.
  const arrivals = missing ? blobsArrived.value : -1;
  useEffect(() => {
    if (!missing || !sha256) return;
    let live = true;
    // A file that cannot be read now shows as missing, and is tried again with the next arrival.
    blobUrl(sha256).then(
      (url) => {
        if (live) setFound({ sha256, url });
      },
      () => {
        if (live) setFound({ sha256, url: undefined });
      },
    );
    return () => {
      live = false;
    };
  }, [sha256, missing, arrivals]);
  return found && found.sha256 === sha256 ? found.url : undefined;
}
