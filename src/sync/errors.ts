// What can go wrong talking to the township server, sorted by what the drain must do about it.
// Every error keeps a stable code and a Chinese message the agent can read.

export type SyncErrorKind =
  /** No answer at all (offline, DNS, connection reset, timeout): retry later. */
  | 'network'
  /** 401: the session is gone; stop and ask the user to log in again. */
  | 'auth'
  /** 5xx, 429 or 408: the server is busy or broken; retry later, the batch is not at fault. */
  | 'unavailable'
  /** Any other 4xx: the request itself is refused. */
  | 'refused'
  /** The server answered something our schemas do not accept (version skew, proxy page). */
  | 'protocol';

export interface SyncIssue { code: string; message: string }

export class SyncError extends Error implements SyncIssue {
  readonly kind: SyncErrorKind;
  readonly code: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: unknown;

  constructor(kind: SyncErrorKind, issue: SyncIssue, extra: { status?: number; retryAfterMs?: number; details?: unknown; cause?: unknown } = {}) {
    super(issue.message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'SyncError';
    this.kind = kind;
    this.code = issue.code;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
    this.details = extra.details;
  }

  /** Retrying the same request later may succeed. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'unavailable';
  }

  toIssue(): SyncIssue {
    return { code: this.code, message: this.message };
  }
}

export const MESSAGES = {
  network: '网络不可用，联网后会自动重新发送',
  timeout: '网络太慢，请求超时，稍后自动重试',
  auth: '登录已过期，请重新登录后继续同步（数据不会丢失）',
  unavailable: '乡镇服务器暂时不可用，稍后自动重试',
  throttled: '服务器繁忙，稍后自动重试',
  protocol: '服务器返回的数据无法识别，请检查应用是否为最新版本',
  noResult: '服务器没有返回这条记录的结果，稍后自动重试',
  blobLocalMissing: '本机找不到这份材料的照片或签名文件，请重新拍摄后再提交',
  blobIncomplete: '照片上传未完成，稍后自动续传',
  blobRejected: '服务器拒收了这份文件',
  pullStuck: '服务器同步进度没有前进，稍后自动重试',
} as const;

/** Any thrown value as a SyncError; unknown failures of fetch are network failures. */
export function toSyncError(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return new SyncError('network', { code: 'network.timeout', message: MESSAGES.timeout }, { cause: e });
  return new SyncError('network', { code: 'network.failed', message: MESSAGES.network }, { cause: e });
}
