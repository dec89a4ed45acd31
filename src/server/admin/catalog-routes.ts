// /api/admin/catalog…: the county admin's catalogue editor. Admin only (anyone else: 403).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API } from '../../domain/api';
import { checkItem } from '../../domain/catalog-edit';
import { currentUser, requireRole } from '../auth/user';
import type { ServerConfig } from '../config';
import { serve } from '../http/route';
import type { Store } from '../store';
import { discardDraft, publishItem, setWithdrawn, type CatalogActor } from './catalog';

export function registerCatalogAdminRoutes(app: FastifyInstance, store: Store, config: ServerConfig): void {
  const admin = (request: FastifyRequest): CatalogActor => {
    const user = currentUser(request);
    requireRole(user, 'admin');
    return { actor: { role: user.role, id: user.id }, now: config.now() };
  };

  serve(app, API.adminCatalog, async ({ request }) => {
    admin(request);
    const [items, drafts] = await Promise.all([store.catalog.list(), store.catalog.drafts()]);
    return { items, drafts: drafts.map(({ code, data, updatedAt }) => ({ code, data, updatedAt })) };
  });
  serve(app, API.adminCatalogVersions, async ({ request, params }) => {
    admin(request);
    return { versions: await store.catalog.versions(params.code) };
  });
  serve(app, API.adminCatalogSaveDraft, async ({ request, params, body }) => {
    const { actor, now } = admin(request);
    const draft = { code: params.code, data: body.data, updatedAt: now, updatedBy: actor.id };
    await store.catalog.saveDraft(draft);
    const checked = checkItem(body.data);
    return { draft: { code: draft.code, data: draft.data, updatedAt: now }, problems: checked.problems };
  });
  serve(app, API.adminCatalogDiscardDraft, async ({ request, params }) => ({
    discarded: await discardDraft(store, admin(request), params.code),
  }));
  serve(app, API.adminCatalogPublish, async ({ request, body }) => ({
    item: await publishItem(store, admin(request), body.item),
  }));
  serve(app, API.adminCatalogWithdraw, async ({ request, params, body }) => ({
    item: await setWithdrawn(store, admin(request), params.code, body.withdrawn),
  }));
}
