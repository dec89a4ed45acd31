// The county admin's service catalogue (事项清单): list, drafts, publish (a new immutable version,
// pulled by every tablet), withdraw/restore. Admin only; the catalogue is county-wide.
import { z } from 'zod';
import { ServiceItem } from '../schemas/catalog';
import { route } from './route-spec';

const ItemCode = z.string().regex(/^[A-Z0-9-]{3,40}$/, '事项编码应为 3–40 位大写字母、数字或连字符');

export const CatalogVersionInfo = z.object({
  version: z.number().int().positive(),
  publishedAt: z.number().int(),
  publishedBy: z.string().max(64),
  withdrawn: z.boolean(),
});
export type CatalogVersionInfo = z.infer<typeof CatalogVersionInfo>;

export const CatalogDraft = z.object({
  code: ItemCode,
  /** As the admin left it: may not be valid yet (checked when published). */
  data: z.unknown(),
  updatedAt: z.number().int(),
});
export type CatalogDraft = z.infer<typeof CatalogDraft>;

export const AdminCatalogResponse = z.object({ items: z.array(ServiceItem), drafts: z.array(CatalogDraft) });
export type AdminCatalogResponse = z.infer<typeof AdminCatalogResponse>;

export const CatalogProblem = z.object({ path: z.string(), message: z.string() });

/** 256 KB: a real item is a few KB of JSON. */
const ItemJson = z.unknown().refine((v) => JSON.stringify(v ?? null).length <= 256 * 1024, '事项内容过大');

const CodeParams = z.object({ code: ItemCode });

export const ADMIN_CATALOG_ROUTES = {
  list: route({ method: 'GET', path: '/api/admin/catalog', response: AdminCatalogResponse }),
  versions: route({
    method: 'GET',
    path: '/api/admin/catalog/:code/versions',
    params: CodeParams,
    response: z.object({ versions: z.array(CatalogVersionInfo) }),
  }),
  saveDraft: route({
    method: 'POST',
    path: '/api/admin/catalog/:code/draft',
    params: CodeParams,
    body: z.object({ data: ItemJson }),
    response: z.object({ draft: CatalogDraft, problems: z.array(CatalogProblem) }),
  }),
  /** Throws the draft away (the published version stays as it is). */
  discardDraft: route({
    method: 'POST',
    path: '/api/admin/catalog/:code/draft/discard',
    params: CodeParams,
    response: z.object({ discarded: z.boolean() }),
  }),
  /** Publishes the item as the next version (the server numbers it); invalid items answer 422. */
  publish: route({
    method: 'POST',
    path: '/api/admin/catalog/publish',
    body: z.object({ item: ItemJson }),
    response: z.object({ item: ServiceItem }),
  }),
  /** 停用 (withdrawn: true) or 启用 again: a new version with only that flag changed. */
  withdraw: route({
    method: 'POST',
    path: '/api/admin/catalog/:code/withdraw',
    params: CodeParams,
    body: z.object({ withdrawn: z.boolean() }),
    response: z.object({ item: ServiceItem }),
  }),
} as const;
