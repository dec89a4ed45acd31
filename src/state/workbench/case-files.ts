// A case restored from the server arrives without its photos and signatures: they are fetched
// (GET /api/blobs/:sha256, scoped by case) when the agent opens it, then the thumbnails redraw.
import { missingCaseBlobs, storeDownloadedBlob } from '../../storage';
import { showToast, type AppState } from '../app-state';
import { fetchBlob } from '../reviewer/blob-urls';
import { blobsArrived } from '../blob-urls';

/** Fetches the open case's missing files; returns how many were stored. */
export async function fetchMissingCaseFiles(state: AppState, caseId: string): Promise<number> {
  const missing = await missingCaseBlobs(caseId);
  let stored = 0;
  let failure: string | undefined;
  for (const sha of missing) {
    try {
      const blob = await fetchBlob(state.api, sha);
      const mime = blob.type.split(';')[0] || 'application/octet-stream';
      if (await storeDownloadedBlob(sha, mime, await blob.arrayBuffer(), state.deps.now())) stored++;
      else failure = '文件内容与记录不符';
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
  }
  if (stored > 0) blobsArrived.value++;
  if (failure)
    showToast(
      state,
      'warning',
      `有 ${missing.length - stored} 张照片没有下载到本机（${failure}）。联网后重新打开办件会再试。`,
    );
  return stored;
}
