// Rows read from IndexedDB are checked against the domain schemas: a device may hold data
// written by an older app version, and a bad row must fail loudly with a stable code.
import type { z } from 'zod';
import { StorageError } from './errors';

export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(row);
  if (!result.success) {
    throw new StorageError('storage.invalid', `本机保存的${what}数据格式不正确`, { cause: result.error });
  }
  return result.data;
}

export const parseRows = <S extends z.ZodType>(schema: S, rows: unknown[], what: string): Array<z.infer<S>> =>
  rows.map((row) => parseRow(schema, row, what));

/** Validates what a caller asks to save (a programming error if it fails: the UI validates first). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StorageError('storage.invalid', `要保存的${what}数据不完整或格式不正确`, { cause: result.error });
  }
  return result.data;
}
