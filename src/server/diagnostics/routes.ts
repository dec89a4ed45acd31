// POST /api/diagnostics: a device reports what it could not read (rows failing their schema,
// pulled changes of unknown kinds). It carries no personal data (see src/domain/api/
// diagnostics.ts); the server writes it to its log, where the county IT person finds it with the
// user, device and app version.
import type { FastifyInstance } from 'fastify';
import { API } from '../../domain/api';
import { currentUser } from '../auth/user';
import { serve } from '../http/route';

/** A full report of 100 items is ~20 KB. */
const DIAGNOSTIC_BODY_LIMIT = 64 * 1024;

export async function registerDiagnosticRoutes(app: FastifyInstance): Promise<void> {
  serve(
    app,
    API.diagnostics,
    async ({ body, request }) => {
      const user = currentUser(request);
      request.log.warn(
        {
          diagnostic: {
            userId: user.id,
            role: user.role,
            deviceId: body.deviceId,
            appVersion: body.appVersion,
            protocol: request.apiProtocol,
            items: body.items,
          },
        },
        'device diagnostic',
      );
      return { received: body.items.length };
    },
    { bodyLimit: DIAGNOSTIC_BODY_LIMIT },
  );
}
