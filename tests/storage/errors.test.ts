import { describe, expect, it } from 'vitest';
import { StorageError, toStorageError } from '../../src/storage';

describe('toStorageError', () => {
  it('maps quota and constraint failures, also when Dexie wraps them or a bulk op collects them', () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(toStorageError(quota).code).toBe('storage.quota');
    expect(toStorageError({ name: 'AbortError', inner: quota }).code).toBe('storage.quota');
    expect(toStorageError({ name: 'BulkError', failures: [{ name: 'ConstraintError' }] }).code).toBe(
      'storage.conflict',
    );
    expect(toStorageError(new Error('?')).code).toBe('storage.failed');
    expect(toStorageError(undefined).code).toBe('storage.failed');
  });

  it('passes StorageErrors through and always carries a Chinese message', () => {
    const e = new StorageError('storage.not_found');
    expect(toStorageError(e)).toBe(e);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(toStorageError({ name: 'QuotaExceededError' }).message).toMatch(/存储空间/);
  });
});
