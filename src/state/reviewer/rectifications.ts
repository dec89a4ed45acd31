// 差评整改 desk: the list (open first) and closing an item with the call-back note.
import { signal } from '@preact/signals';
import { RECTIFICATION_ROUTES, type RectificationList, type RectificationView } from '../../domain/api/rectifications';
import { errorMessage, type ApiClient } from '../../net';
import { loadable } from './loadable';

/** One row of GET /api/rectifications. */
export type RectificationItem = RectificationView;

export function createRectificationsSlice(api: ApiClient) {
  const list = loadable<RectificationList>();
  const closing = signal<string | null>(null);
  const closeError = signal<{ id: string; message: string } | null>(null);
  const load = () => list.run(() => api.call(RECTIFICATION_ROUTES.list, { query: {} }));
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
        const { rectification } = await api.call(RECTIFICATION_ROUTES.close, {
          params: { id },
          body: { callbackNote },
        });
        const current = list.data.value;
        if (current)
          list.data.value = {
            ...current,
            items: current.items.map((i) => (i.rectification.id === id ? rectification : i)),
          };
        return true;
      } catch (err) {
        closeError.value = { id, message: errorMessage(err) };
        return false;
      } finally {
        closing.value = null;
      }
    },
  };
}
export type RectificationsSlice = ReturnType<typeof createRectificationsSlice>;
