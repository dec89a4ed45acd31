// /api/admin/…: the county admin's users and divisions. Every route needs an admin and acts on
// the admin's own county only (another county's user answers 404, like a missing one).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API } from '../../domain/api';
import { currentUser, requireRole } from '../auth/user';
import type { ServerConfig } from '../config';
import { serve } from '../http/route';
import type { Store } from '../store';
import { registerCatalogAdminRoutes } from './catalog-routes';
import { importDivisions } from './divisions-import';
import {
  createUser,
  listSessions,
  listUsers,
  resetPassword,
  revokeAllSessions,
  revokeSession,
  setDisabled,
  updateUser,
  type AdminContext,
} from './users';

export async function registerAdminRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  const admin = (request: FastifyRequest): AdminContext => {
    const user = currentUser(request);
    requireRole(user, 'admin');
    return {
      actor: { role: user.role, id: user.id },
      countyCode: user.countyCode,
      now: config.now(),
      passwordCost: config.passwordCost,
    };
  };

  serve(app, API.adminUsers, async ({ request }) => ({ users: await listUsers(store, admin(request)) }));
  serve(app, API.adminCreateUser, async ({ request, body }) => createUser(store, admin(request), body));
  serve(app, API.adminUpdateUser, async ({ request, params, body }) => ({
    user: await updateUser(store, admin(request), params.id, body),
  }));
  serve(app, API.adminDisableUser, async ({ request, params }) => ({
    user: await setDisabled(store, admin(request), params.id, true),
  }));
  serve(app, API.adminEnableUser, async ({ request, params }) => ({
    user: await setDisabled(store, admin(request), params.id, false),
  }));
  serve(app, API.adminResetPassword, async ({ request, params, body }) =>
    resetPassword(store, admin(request), params.id, body.password),
  );
  serve(app, API.adminSessions, async ({ request, params }) => ({
    sessions: await listSessions(store, admin(request), params.id),
  }));
  serve(app, API.adminRevokeSession, async ({ request, params, reply }) => {
    await revokeSession(store, admin(request), params.id, params.sessionId);
    return reply.code(204).send();
  });
  serve(app, API.adminRevokeAllSessions, async ({ request, params }) => ({
    ended: await revokeAllSessions(store, admin(request), params.id),
  }));
  serve(app, API.adminDivisions, async ({ request }) => {
    const { countyCode } = admin(request);
    const all = await store.divisions.list();
    return { divisions: all.filter((d) => d.code.startsWith(countyCode)) };
  });
  serve(app, API.adminImportDivisions, async ({ request, body }) =>
    importDivisions(store, admin(request), body.csv, body.dryRun),
  );
  registerCatalogAdminRoutes(app, store, config);
}
