// The address the receipt's QR link points at: the server's DAIBAN_PUBLIC_URL when it has one
// (asked when online, kept on the device so an offline receipt has it), else this app's origin —
// the township server that serves the app also serves the progress page.
import { z } from 'zod';
import { LOOKUP_ROUTES } from '../domain/api/lookup';
import { getSetting, putSetting } from '../storage';
import type { AppState } from './app-state';

const KEY = 'lookupBase';
const Stored = z.object({ baseUrl: z.string().nullable() });

const origin = () => globalThis.location?.origin ?? '';

/** The base URL known on this device now (no network). */
export async function storedLookupBase(): Promise<string> {
  const stored = await getSetting(KEY, Stored).catch(() => undefined);
  return stored?.baseUrl ?? origin();
}

/** Asks the server (when online) and keeps its answer; falls back to what is stored. */
export async function refreshLookupBase(state: AppState): Promise<string> {
  if (state.online.value) {
    try {
      const answer = await state.api.call(LOOKUP_ROUTES.base, {});
      await putSetting(KEY, { baseUrl: answer.baseUrl });
    } catch {
      // Offline or an older server: the stored or own address still makes a working link.
    }
  }
  return storedLookupBase();
}
