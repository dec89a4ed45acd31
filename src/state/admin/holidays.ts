// The admin's holiday arrangements: the stored years and saving one (the form and the pasted
// notice are checked on the page with the same schema the server uses).
import { signal } from '@preact/signals';
import { HOLIDAY_ROUTES, type HolidaysResponse } from '../../domain/api/holidays';
import type { HolidayArrangement, HolidayYearInput } from '../../domain/calendar/arrangement';
import { errorMessage, type ApiClient } from '../../net';
import { loadable } from '../reviewer/loadable';

export function createHolidayState(api: ApiClient) {
  const list = loadable<HolidaysResponse>();
  const saving = signal(false);
  const saveError = signal<string | null>(null);
  const saved = signal<HolidayArrangement | null>(null);
  const load = () => list.run(() => api.call(HOLIDAY_ROUTES.list, {}));
  return {
    list,
    saving,
    saveError,
    saved,
    load,
    /** Resolves true when the server stored it (a new version of the year). */
    async save(body: HolidayYearInput): Promise<boolean> {
      saving.value = true;
      saveError.value = null;
      try {
        saved.value = (await api.call(HOLIDAY_ROUTES.save, { body })).arrangement;
        await load();
        return true;
      } catch (err) {
        saveError.value = errorMessage(err);
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
}
