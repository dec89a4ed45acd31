// Rows are validated against the domain schemas when they are written (parseInput, and the sync
// contract for pulled rows). A row read by key is checked again (parseRow): a device may hold data
// written by an older app version, or a row damaged by a crash or a newer app (after a downgrade).
// A list is not parsed row by row on every read (issue 13: that cost ~100 ms at start): it only
// skips and reports rows a newer app wrote (readRows). A bad row is reported (device-problems.ts:
// the sync and settings screens list it, the agent can send a diagnostic); it never fails a list.
import type { z } from 'zod';
import { noteRowProblem } from './device-problems';
import { StorageError } from './errors';
import { ROW_SCHEMA_VERSIONS, rowSchemaVersion, type VersionedTable } from './row-versions';

export type RowSource = VersionedTable | 'settings';

const rowKey = (row: unknown): string => {
  const r = row as { id?: unknown; code?: unknown; key?: unknown } | null;
  return String(r?.id ?? r?.code ?? r?.key ?? '?').slice(0, 80);
};

/** The parsed row, or undefined after reporting why it cannot be used. */
function readRow<S extends z.ZodType>(schema: S, row: unknown, source: RowSource): z.infer<S> | undefined {
  const version = rowSchemaVersion(row);
  const known = source === 'settings' ? 1 : ROW_SCHEMA_VERSIONS[source];
  const seenAt = Date.now();
  if (source !== 'settings' && version > known) {
    noteRowProblem({ code: 'row.newer', source, key: rowKey(row), schemaVersion: version, paths: [], seenAt });
    return undefined;
  }
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const paths = [...new Set(result.error.issues.map((i) => i.path.map(String).join('.') || '(整体)'))].slice(0, 20);
  noteRowProblem({ code: 'row.invalid', source, key: rowKey(row), schemaVersion: version, paths, seenAt });
  return undefined;
}

/** One row the caller asked for by key: a bad one is reported and refused with a clear error. */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string, source: RowSource): z.infer<S> {
  const value = readRow(schema, row, source);
  if (value === undefined)
    throw new StorageError(
      'storage.invalid',
      `本机保存的这条${what}数据无法读取，已记录在“同步”页，可发送诊断给管理员`,
    );
  return value;
}

/** A list: bad rows are skipped and reported; the rest are returned in order. */
export function parseRows<S extends z.ZodType>(schema: S, rows: unknown[], source: RowSource): Array<z.infer<S>> {
  const out: Array<z.infer<S>> = [];
  for (const row of rows) {
    const value = readRow(schema, row, source);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/**
 * A list read without a schema: rows were validated when written. Rows a newer app wrote (a
 * downgrade) are skipped and reported, and so are rows failing `check` — a few plain tests of the
 * fields the list relies on (returns the failing paths) — the rest are returned in order.
 */
export function readRows<T>(rows: readonly T[], source: VersionedTable, check?: (row: T) => string[]): T[] {
  const known = ROW_SCHEMA_VERSIONS[source];
  return rows.filter((row) => {
    const version = rowSchemaVersion(row);
    const seenAt = Date.now();
    if (version > known) {
      noteRowProblem({ code: 'row.newer', source, key: rowKey(row), schemaVersion: version, paths: [], seenAt });
      return false;
    }
    const paths = check?.(row) ?? [];
    if (paths.length === 0) return true;
    noteRowProblem({ code: 'row.invalid', source, key: rowKey(row), schemaVersion: version, paths, seenAt });
    return false;
  });
}

/** Validates what a caller asks to save (a programming error if it fails: the UI validates first). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StorageError('storage.invalid', `要保存的${what}数据不完整或格式不正确`, { cause: result.error });
  }
  return result.data;
}
