// The service catalogue as stored on the server: `catalog_items` holds the current version of each
// item, `catalog_versions` every version ever published (never changed once written), and
// `catalog_drafts` the county admin's unpublished edits.
import { ServiceItem } from '../../../domain/schemas/catalog';
import type { Sql } from '../sql';
import type { CatalogDraft, CatalogVersionInfo, Repositories } from '../store';
import { fromJson, toJson } from './json';

/** Stored item texts already parsed, keyed by the text itself: two databases in one process never
 *  alias, and an item changed by another server process is a new text. Callers never mutate items. */
const parsed = new Map<string, ServiceItem>();
const PARSED_MAX = 2_000;

/**
 * Items are read through the schema: one stored by an earlier app lacks properties added since
 * (alternatives, limit units…), and the schema's defaults fill them in as that app meant them.
 * Each text is parsed once per process: the inbox lists the whole catalogue on every request, and
 * the schema's parse cost more than the rest of the page.
 */
function readItem(data: string): ServiceItem {
  let item = parsed.get(data);
  if (!item) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    item = ServiceItem.parse(fromJson<unknown>(data));
    parsed.set(data, item);
  }
  return item;
}

/**
 * The whole current catalogue as last read through one connection object, with the stamp it was
 * read at: each item's code and `updated_at`. Every write moves its row's `updated_at` forward
 * (`setCurrent`), so an unchanged stamp means unchanged texts, whichever process wrote them; the
 * stamp is read on every `list()` (a few bytes an item, not the texts), never trusted from memory.
 */
const lists = new WeakMap<Sql, { stamp: string; items: ServiceItem[] }>();

const stampOf = (rows: { code: string; updated_at: number | string }[]) =>
  rows.map((r) => `${r.code}@${r.updated_at}`).join(',');

export function catalogRepo(sql: Sql): Repositories['catalog'] {
  // updated_at strictly increases on every write of a row (by 1 ms when two land in the same
  // millisecond): `list()`'s stamp relies on it.
  const setCurrent = (item: ServiceItem, data: string, now: number) =>
    sql.run(
      `INSERT INTO catalog_items (code, version, data, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET version = excluded.version, data = excluded.data,
         updated_at = CASE WHEN excluded.updated_at > catalog_items.updated_at THEN excluded.updated_at
           ELSE catalog_items.updated_at + 1 END`,
      [item.code, item.version, data, now],
    );
  const addVersion = (item: ServiceItem, data: string, now: number, by: string) =>
    sql.run(
      `INSERT INTO catalog_versions (code, version, data, published_at, published_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (code, version) DO NOTHING`,
      [item.code, item.version, data, now, by],
    );
  return {
    async upsert(item, now) {
      const current = await sql.get<{ version: number; data: string }>(
        `SELECT version, data FROM catalog_items WHERE code = ?`,
        [item.code],
      );
      const data = toJson(item);
      if (current && current.data === data) return false;
      await setCurrent(item, data, now);
      await addVersion(item, data, now, 'seed');
      return true;
    },
    async seed(item, now) {
      const current = await sql.get<{ version: number }>(`SELECT version FROM catalog_items WHERE code = ?`, [
        item.code,
      ]);
      if (current) {
        // An app update may ship a newer built-in version. It replaces the current one only while
        // the county has not published its own versions of the item (every stored version is the
        // app's): a county's edit is never overwritten. Older versions stay, for cases made on them.
        if (item.version <= current.version) return false;
        const own = await sql.get(`SELECT version FROM catalog_versions WHERE code = ? AND published_by <> 'seed'`, [
          item.code,
        ]);
        if (own) return false;
      }
      const data = toJson(item);
      await setCurrent(item, data, now);
      await addVersion(item, data, now, 'seed');
      return true;
    },
    async publish(item, now, by) {
      const exists = await sql.get(`SELECT code FROM catalog_versions WHERE code = ? AND version = ?`, [
        item.code,
        item.version,
      ]);
      if (exists) return false;
      const data = toJson(item);
      await addVersion(item, data, now, by);
      await setCurrent(item, data, now);
      return true;
    },
    async get(code) {
      const row = await sql.get<{ data: string }>(`SELECT data FROM catalog_items WHERE code = ?`, [code]);
      return row && readItem(row.data);
    },
    async version(code, version) {
      const row = await sql.get<{ data: string }>(`SELECT data FROM catalog_versions WHERE code = ? AND version = ?`, [
        code,
        version,
      ]);
      return row && readItem(row.data);
    },
    async versions(code) {
      const rows = await sql.all<{ version: number; published_at: number; published_by: string; data: string }>(
        `SELECT version, published_at, published_by, data FROM catalog_versions WHERE code = ? ORDER BY version`,
        [code],
      );
      return rows.map((r): CatalogVersionInfo => ({
        version: Number(r.version),
        publishedAt: Number(r.published_at),
        publishedBy: r.published_by,
        withdrawn: fromJson<ServiceItem>(r.data).withdrawn === true,
      }));
    },
    async list() {
      // The texts (~170 KB for the demo county's 30 items) only when the stamp has moved.
      const stamp = stampOf(
        await sql.all<{ code: string; updated_at: number }>(`SELECT code, updated_at FROM catalog_items ORDER BY code`),
      );
      const known = lists.get(sql);
      if (known?.stamp === stamp) return [...known.items];
      const rows = await sql.all<{ code: string; updated_at: number; data: string }>(
        `SELECT code, updated_at, data FROM catalog_items ORDER BY code`,
      );
      const items = rows.map((r) => readItem(r.data));
      lists.set(sql, { stamp: stampOf(rows), items });
      return [...items];
    },
    async saveDraft(draft) {
      await sql.run(
        `INSERT INTO catalog_drafts (code, data, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [draft.code, toJson(draft.data), draft.updatedAt, draft.updatedBy],
      );
    },
    async drafts() {
      const rows = await sql.all<{ code: string; data: string; updated_at: number; updated_by: string }>(
        `SELECT code, data, updated_at, updated_by FROM catalog_drafts ORDER BY code`,
      );
      return rows.map((r): CatalogDraft => ({
        code: r.code,
        data: fromJson<unknown>(r.data),
        updatedAt: Number(r.updated_at),
        updatedBy: r.updated_by,
      }));
    },
    async deleteDraft(code) {
      await sql.run(`DELETE FROM catalog_drafts WHERE code = ?`, [code]);
    },
  };
}
