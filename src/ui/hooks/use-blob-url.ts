import { useEffect, useState } from 'preact/hooks';
import { blobUrl } from '../../state';

/** Object URL of a stored file, undefined while loading or when missing. */
export function useBlobUrl(sha256: string | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setUrl(undefined);
    if (sha256)
      void blobUrl(sha256).then((u) => {
        if (live) setUrl(u);
      });
    return () => {
      live = false;
    };
  }, [sha256]);
  return url;
}
