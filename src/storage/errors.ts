// Storage failures as stable codes with a Chinese message, like every other error in the app.

export type StorageErrorCode =
  | 'storage.not_found'
  | 'storage.conflict'
  | 'storage.invalid'
  | 'storage.quota'
  | 'storage.failed';

const MESSAGES: Record<StorageErrorCode, string> = {
  'storage.not_found': '找不到这条记录，可能已被删除',
  'storage.conflict': '记录已被修改，请刷新后重试',
  'storage.invalid': '本机保存的数据格式不正确',
  'storage.quota': '设备存储空间不足，请先同步并清理照片',
  'storage.failed': '保存失败，请重试',
};

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string = MESSAGES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** Maps what IndexedDB or Dexie throws to a StorageError (StorageErrors pass through). */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return new StorageError('storage.quota', undefined, { cause: error });
  if (names.includes('ConstraintError')) return new StorageError('storage.conflict', undefined, { cause: error });
  return new StorageError('storage.failed', undefined, { cause: error });
}

// Dexie wraps the DOMException: look at the error and its `inner` chain.
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    e = inner;
  }
  return names;
}
