// Storage failures as stable codes with a Chinese message, like every other error in the app.

export type StorageErrorCode =
  | 'storage.not_found'
  | 'storage.conflict'
  | 'storage.invalid'
  | 'storage.quota'
  | 'storage.failed'
  | 'storage.locked'
  | 'storage.corrupt';

const MESSAGES: Record<StorageErrorCode, string> = {
  'storage.not_found': '找不到这条记录，可能已被删除',
  'storage.conflict': '记录已被修改，请刷新后重试',
  'storage.invalid': '本机保存的数据格式不正确',
  'storage.quota': '设备存储空间不足，请先同步并清理照片',
  'storage.failed': '保存失败，请重试',
  'storage.locked': '已锁定：请先输入锁屏密码或登录密码解锁',
  'storage.corrupt': '本机加密数据已损坏或被改动，无法读取；请发送诊断给管理员',
};

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string = MESSAGES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** A second profile for an ID number that already has one on the device: the existing profile is
 *  named, so the form can offer it instead of a dead end. */
export class DuplicatePersonError extends StorageError {
  readonly existingId: string;
  readonly existingName: string;
  constructor(existing: { id: string; name: string }, idNumber: string) {
    super('storage.conflict', `身份证号 ${idNumber} 已有档案（${existing.name}）`);
    this.existingId = existing.id;
    this.existingName = existing.name;
  }
}

/** Maps what IndexedDB or Dexie throws to a StorageError (StorageErrors pass through). */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  // Dexie may wrap what a middleware (sealing.ts) threw.
  const inner = (error as { inner?: unknown } | null)?.inner;
  if (inner instanceof StorageError) return inner;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return new StorageError('storage.quota', undefined, { cause: error });
  if (names.includes('ConstraintError')) return new StorageError('storage.conflict', undefined, { cause: error });
  return new StorageError('storage.failed', undefined, { cause: error });
}

// Dexie wraps the DOMException: look at the error, its `inner` chain and a BulkError's failures.
function errorNames(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown };
  return [
    ...(typeof name === 'string' ? [name] : []),
    ...errorNames(inner, depth + 1),
    ...(Array.isArray(failures) ? failures.flatMap((f) => errorNames(f, depth + 1)) : []),
  ];
}
