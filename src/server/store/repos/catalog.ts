// The service catalogue as stored on the server: one JSON document per item, newest version only.
import type { ServiceItem } from '../../../domain';
import type { Sql } from '../sql';
import type { Repositories } from '../store';
import { fromJson, toJson } from './json';

export function catalogRepo(sql: Sql): Repositories['catalog'] {
  return {
    async upsert(item, now) {
      const current = await sql.get<{ version: number; data: string }>(
        `SELECT version, data FROM catalog_items WHERE code = ?`,
        [item.code],
      );
      const data = toJson(item);
      if (current && current.data === data) return false;
      await sql.run(
        `INSERT INTO catalog_items (code, version, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at`,
        [item.code, item.version, data, now],
      );
      return true;
    },
    async get(code) {
      const row = await sql.get<{ data: string }>(`SELECT data FROM catalog_items WHERE code = ?`, [code]);
      return row && fromJson<ServiceItem>(row.data);
    },
    async list() {
      return (await sql.all<{ data: string }>(`SELECT data FROM catalog_items ORDER BY code`)).map((r) =>
        fromJson<ServiceItem>(r.data),
      );
    },
  };
}
