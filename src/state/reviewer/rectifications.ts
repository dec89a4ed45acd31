// 差评整改 desk: the list (open first) and closing an item with the call-back note.
import { signal } from '@preact/signals';
import type { DeadlineStatus } from '../../domain/calendar';
import type { Rectification } from '../../domain/schemas/decision';
import { requestJson, type HttpDeps } from './http';
import { loadable } from './loadable';

/** One row of GET /api/rectifications (src/server/rectifications/routes.ts). */
export interface RectificationItem {
  rectification: Rectification;
  caseNumber: string;
  itemCode: string;
  villageCode: string;
  rating: { level: number; comment: string } | null;
  deadline?: DeadlineStatus;
}

export function createRectificationsSlice(http: HttpDeps) {
  const list = loadable<{ today: string; items: RectificationItem[] }>();
  const closing = signal<string | null>(null);
  const closeError = signal<{ id: string; message: string } | null>(null);
  const load = () => list.run(() => requestJson(http, '/api/rectifications'));
  return {
    list,
    closing,
    closeError,
    load,
    /** Closing twice is harmless (the server answers with the closed item), so a retry is safe. */
    async close(id: string, callbackNote: string): Promise<boolean> {
      closing.value = id;
      closeError.value = null;
      try {
        const { rectification } = await requestJson<{ rectification: RectificationItem }>(http, `/api/rectifications/${id}/close`, { method: 'POST', body: { callbackNote } });
        const current = list.data.value;
        if (current) list.data.value = { ...current, items: current.items.map((i) => (i.rectification.id === id ? rectification : i)) };
        return true;
      } catch (err) {
        closeError.value = { id, message: err instanceof Error ? err.message : '操作失败，请重试' };
        return false;
      } finally {
        closing.value = null;
      }
    },
  };
}
export type RectificationsSlice = ReturnType<typeof createRectificationsSlice>;
