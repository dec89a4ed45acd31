// Sync speaks through the app's one HTTP client (src/net) and throws its one error type; here are
// only the messages of what can go wrong inside a drain itself.
import type { Issue, Messages } from '../net';

export { RequestError, toRequestError } from '../net';
export type SyncIssue = Issue;

/** Sync retries by itself: its failures say so, and that nothing is lost. */
export const SYNC_NET_MESSAGES: Messages = {
  network: '网络不可用，联网后会自动重新发送',
  timeout: '网络太慢，请求超时，稍后自动重试',
  auth: '登录已过期，请重新登录后继续同步（数据不会丢失）',
  version: '应用版本过旧，乡镇服务器已不再接受。请点“更新”后继续同步（未同步的数据都保留在本机）',
  unavailable: '乡镇服务器暂时不可用，稍后自动重试',
  throttled: '服务器繁忙，稍后自动重试',
  protocol: '服务器返回的数据无法识别，请检查应用是否为最新版本',
};

export const MESSAGES = {
  ...SYNC_NET_MESSAGES,
  noResult: '服务器没有返回这条记录的结果，稍后自动重试',
  blobLocalMissing: '本机找不到这份材料的照片或签名文件，请重新拍摄后再提交',
  blobIncomplete: '照片上传未完成，稍后自动续传',
  blobRejected: '服务器拒收了这份文件',
  pullStuck: '服务器同步进度没有前进，稍后自动重试',
} as const;
