// A photo stored on the township server: fetched with the session token as a blob, shown from an
// object URL. A failed fetch (short outage) shows "重试" in place of the picture.
import { useEffect, useState } from 'preact/hooks';
import type { BlobUrls } from '../../../state/reviewer/blob-urls';

interface Props {
  blobs: BlobUrls;
  sha256: string;
  alt: string;
  class?: string;
  onOpen?: (url: string) => void;
}

export function ServerPhoto({ blobs, sha256, alt, class: cls, onOpen }: Props) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    blobs.get(sha256).then(
      (u) => live && setUrl(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [blobs, sha256, attempt]);
  if (failed) {
    return (
      <button type="button" class={`photo photo--failed ${cls ?? ''}`} onClick={() => setAttempt((a) => a + 1)}>
        图片加载失败，点此重试
      </button>
    );
  }
  if (!url)
    return (
      <span class={`photo photo--loading ${cls ?? ''}`} aria-busy="true">
        加载中…
      </span>
    );
  return (
    <button type="button" class={`photo ${cls ?? ''}`} onClick={() => onOpen?.(url)} aria-label={`放大查看：${alt}`}>
      <img src={url} alt={alt} loading="lazy" />
    </button>
  );
}
