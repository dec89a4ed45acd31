// /api/admin/holidays: only a county admin reads the stored years and saves a year's arrangement.
import type { FastifyInstance } from 'fastify';
import { API } from '../../domain/api';
import { currentUser, requireRole } from '../auth/user';
import type { ServerConfig } from '../config';
import { serve } from '../http/route';
import type { Store } from '../store';
import { awaitedYear, listHolidayYears, missingYearWarning, saveHolidayYear } from './service';

export async function registerHolidayRoutes(app: FastifyInstance, store: Store, config: ServerConfig): Promise<void> {
  serve(app, API.adminHolidays, async ({ request }) => {
    requireRole(currentUser(request), 'admin');
    const years = await listHolidayYears(store);
    const missing = awaitedYear(config.now());
    if (missing !== undefined) request.log.warn(missingYearWarning(missing));
    return { years, ...(missing !== undefined ? { missingNextYear: missing } : {}) };
  });
  serve(app, API.adminSaveHolidayYear, async ({ request, body }) => {
    const user = currentUser(request);
    requireRole(user, 'admin');
    const arrangement = await saveHolidayYear(store, { role: user.role, id: user.id }, body, config.now());
    request.log.info({ year: arrangement.year, version: arrangement.version }, 'holiday arrangement saved');
    return { arrangement };
  });
}
