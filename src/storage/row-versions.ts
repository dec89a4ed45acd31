// Every record this device stores carries the version of the schema it was written with
// (`schemaVersion`), stamped on each write by the middleware below. A reader knows a row written
// by an older app (migrate it) from one written by a newer app after a downgrade (skip it, report
// it) — as tldraw's store records do.
//
// DO NOT LOWER A VERSION. Raise it when a table's row shape changes, with a Dexie upgrade in db.ts
// that rewrites the old rows.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

export const ROW_SCHEMA_VERSIONS = {
  catalog: 1,
  persons: 1,
  cases: 1,
  materials: 1,
  audit: 1,
  decisions: 1,
  rectifications: 1,
} as const;

export type VersionedTable = keyof typeof ROW_SCHEMA_VERSIONS;
export const VERSIONED_TABLES = Object.keys(ROW_SCHEMA_VERSIONS) as VersionedTable[];

/** A row before the field existed (app 0.1) was written by version 1. */
export const rowSchemaVersion = (row: unknown): number => {
  const v = (row as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1;
};

const isVersioned = (table: string): table is VersionedTable => table in ROW_SCHEMA_VERSIONS;

function stamp(req: DBCoreMutateRequest, version: number): DBCoreMutateRequest {
  if (req.type !== 'add' && req.type !== 'put') return req;
  return { ...req, values: req.values.map((v) => (v && typeof v === 'object' ? { ...v, schemaVersion: version } : v)) };
}

/** Dexie middleware: every add/put of a versioned table carries that table's schema version. */
export const rowVersionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'row-schema-version',
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      if (!isVersioned(name)) return table;
      const version = ROW_SCHEMA_VERSIONS[name];
      return { ...table, mutate: (req) => table.mutate(stamp(req, version)) };
    },
  }),
};
