import { useBlobUrl } from '../../hooks/use-blob-url';

/** An image from device storage, by hash; a grey box while it loads. */
export function BlobImage({
  sha256,
  alt,
  class: cls,
  width,
  height,
}: {
  sha256: string;
  alt: string;
  class?: string;
  width?: number;
  height?: number;
}) {
  const url = useBlobUrl(sha256);
  if (!url)
    return (
      <span
        class={cls}
        role="img"
        aria-label={alt}
        style={{ display: 'inline-block', width, height, background: '#ddd' }}
      />
    );
  return <img src={url} alt={alt} class={cls} width={width} height={height} />;
}
