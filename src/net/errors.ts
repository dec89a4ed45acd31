// The one error every HTTP call throws: sorted by what the caller must do about it, with a stable
// code for programs and a Chinese message for people.

export type RequestErrorKind =
  /** No answer at all (offline, DNS, connection reset, timeout): retry later. */
  | 'network'
  /** 401: the session is gone; stop and ask the user to log in again. */
  | 'auth'
  /** 426: this app is older than the server accepts; stop, keep every unsent change, update. */
  | 'version'
  /** 5xx, 429 or 408: the server is busy or broken; retry later, the request is not at fault. */
  | 'unavailable'
  /** Any other 4xx: the request itself is refused. */
  | 'refused'
  /** The server answered something our schemas do not accept (version skew, a proxy page). */
  | 'protocol';

export interface Issue {
  code: string;
  message: string;
}

export class RequestError extends Error implements Issue {
  readonly kind: RequestErrorKind;
  readonly code: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: unknown;

  constructor(
    kind: RequestErrorKind,
    issue: Issue,
    extra: { status?: number; retryAfterMs?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(issue.message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'RequestError';
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

  /** Nothing more can be sent until the user acts (log in again, update the app). */
  get stopsSync(): boolean {
    return this.kind === 'auth' || this.kind === 'version';
  }

  toIssue(): Issue {
    return { code: this.code, message: this.message };
  }
}

/** Messages of a call a person waits for (a screen with a 重试 button). */
export const MESSAGES = {
  network: '网络中断，连不上乡镇服务器。请检查网络后点“重试”',
  timeout: '网络太慢，请求超时。请稍后点“重试”',
  auth: '登录已失效，请重新登录',
  version: '应用版本过旧，乡镇服务器已不再接受。请点“更新”（本机数据都会保留）',
  unavailable: '乡镇服务器暂时出错，请稍后点“重试”',
  throttled: '服务器繁忙，请稍后点“重试”',
  protocol: '服务器返回的数据无法识别，请检查应用是否为最新版本',
};
export type Messages = typeof MESSAGES;

/** Any thrown value as a RequestError; unknown failures of fetch are network failures. */
export function toRequestError(e: unknown, messages: Messages = MESSAGES): RequestError {
  if (e instanceof RequestError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new RequestError('network', { code: 'network.timeout', message: messages.timeout }, { cause: e });
  }
  return new RequestError('network', { code: 'network.failed', message: messages.network }, { cause: e });
}

/** Chinese message of anything a call may throw, for a screen. */
export const errorMessage = (err: unknown) => (err instanceof Error && err.message ? err.message : '操作失败，请重试');
