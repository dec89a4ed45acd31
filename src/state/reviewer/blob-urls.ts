// Photos on the reviewer desk come from the server (GET /api/blobs/:sha256 with the token) as
// object URLs. Content-addressed, so one URL per hash serves the thumbnail, the viewer and the
// diff; a failed fetch is not cached, so "重试" fetches again.
import { requestBlob, type HttpDeps } from './http';

export function createBlobUrls(http: HttpDeps) {
  const urls = new Map<string, Promise<string>>();
  return {
    get(sha256: string): Promise<string> {
      let url = urls.get(sha256);
      if (!url) {
        url = requestBlob(http, `/api/blobs/${sha256}`).then((blob) => URL.createObjectURL(blob));
        urls.set(sha256, url);
        url.catch(() => urls.delete(sha256));
      }
      return url;
    },
    revokeAll() {
      for (const p of urls.values()) void p.then((u) => URL.revokeObjectURL(u), () => undefined);
      urls.clear();
    },
  };
}
export type BlobUrls = ReturnType<typeof createBlobUrls>;
