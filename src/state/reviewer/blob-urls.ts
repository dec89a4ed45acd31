// Photos on the reviewer desk come from the server (GET /api/blobs/:sha256 with the token) as
// object URLs. Content-addressed, so one URL per hash serves the thumbnail, the viewer and the
// diff; a failed fetch is not cached, so "重试" fetches again.
import { BLOB_ROUTES } from '../../domain/api/blobs';
import type { ApiClient } from '../../net';

/** The file of a blob route, or the route's RequestError. */
export async function fetchBlob(api: ApiClient, sha256: string): Promise<Blob> {
  const res = await api.raw(BLOB_ROUTES.get, { params: { sha256 } });
  if (!res.ok) throw await api.failure(res);
  return res.blob();
}

export function createBlobUrls(api: ApiClient) {
  const urls = new Map<string, Promise<string>>();
  return {
    get(sha256: string): Promise<string> {
      let url = urls.get(sha256);
      if (!url) {
        url = fetchBlob(api, sha256).then((blob) => URL.createObjectURL(blob));
        urls.set(sha256, url);
        url.catch(() => urls.delete(sha256));
      }
      return url;
    },
    revokeAll() {
      for (const p of urls.values())
        void p.then(
          (u) => URL.revokeObjectURL(u),
          () => undefined,
        );
      urls.clear();
    },
  };
}
export type BlobUrls = ReturnType<typeof createBlobUrls>;
