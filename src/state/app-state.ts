// The app's state as signals (Preact signals guide): createAppState() builds them; actions live
// in separate modules and take the state as their first argument. Components read `.value`.
import { computed, signal } from '@preact/signals';
import type { Actor } from '../domain/schemas/common';
import { chinaDate } from '../domain/dates';
import { onceUntilFailed } from '../domain/once-until-failed';
import type { ApiClient, ApiClientOptions } from '../net/client';
import type { AppDeps } from './deps';
import type { Session } from './session';
import type { StorageEstimateInfo } from '../pwa/storage-quota';
import { createCaseListSlice } from './case-list';
import { createPersonsSlice } from './persons-slice';
import { createWorkbenchSlice } from './workbench/slice';
import { createSyncSlice } from './sync-slice';
import { adoptToken, createSessionEndSlice, storedToken } from './session-lifetime';
import { createDeviceLockSlice } from './device-key';

/**
 * The API client, fetched with its contract schemas on the first call: the first screen (the case
 * list, offline) makes none. Every method is asynchronous, so callers cannot tell the difference.
 */
function lazyApiClient(options: ApiClientOptions): ApiClient {
  const get = onceUntilFailed(() => import('../net/client').then((m) => m.createApiClient(options)));
  return {
    call: async (spec, input, signal) => (await get()).call(spec, input, signal),
    callChecked: async (spec, input, check, signal) => (await get()).callChecked(spec, input, check, signal),
    raw: async (spec, init) => (await get()).raw(spec, init),
    failure: async (res) => (await get()).failure(res),
  };
}

export interface Toast {
  tone: 'info' | 'success' | 'warning' | 'danger';
  text: string;
  at: number;
}

/**
 * unknown: no service worker (yet) · preparing: the first download of the app's files is running ·
 * just-ready: it finished during this visit (say so once) · ready: cached · failed: it broke off.
 */
export type OfflineReadiness = 'unknown' | 'preparing' | 'just-ready' | 'ready' | 'failed';

export function createAppState(deps: AppDeps) {
  const session = signal<Session | null>(null);
  /** false until the stored session has been read (avoids flashing the login screen). */
  const booted = signal(false);
  const deviceId = signal('');
  const online = signal(true);
  /** Set when a new version waits; calling it applies the update (after the user agreed). */
  const updateReady = signal<(() => void) | null>(null);
  /** The agent agreed, and the new version did not take over after every ask (see pwa/activate-waiting.ts). */
  const updateStuck = signal(false);
  /** Whether the app shell is cached for offline use (see pwa/register.ts). */
  const offline = signal<OfflineReadiness>('unknown');
  const storageInfo = signal<StorageEstimateInfo | undefined>(undefined);
  const persisted = signal<boolean | undefined>(undefined);
  const toast = signal<Toast | null>(null);
  /** Today in China, refreshed by the clock tick (cases stay open across midnight). */
  const today = signal(chinaDate(deps.now()));

  const user = computed(() => session.value?.user ?? null);
  /** The one HTTP client of the screens (sync builds its own in the drain, page or worker). */
  const api = lazyApiClient({
    fetch: (input, init) => deps.fetch(input, init),
    // Storage first: sync (page or service worker) may have stored a rotated token meanwhile.
    token: async () => (session.value ? ((await storedToken()) ?? session.value.token) : undefined),
    now: deps.now,
    onToken: (r) => adoptToken(session, r),
  });
  const actor = computed<Actor | null>(() =>
    session.value ? { role: session.value.user.role, id: session.value.user.id } : null,
  );

  return {
    deps,
    api,
    router: deps.router,
    session,
    booted,
    deviceId,
    online,
    updateReady,
    updateStuck,
    offline,
    storageInfo,
    persisted,
    toast,
    today,
    user,
    actor,
    caseList: createCaseListSlice(),
    persons: createPersonsSlice(),
    workbench: createWorkbenchSlice(today, user),
    sync: createSyncSlice(),
    sessionEnd: createSessionEndSlice(),
    deviceLock: createDeviceLockSlice(),
  };
}

export type AppState = ReturnType<typeof createAppState>;

export function showToast(state: AppState, tone: Toast['tone'], text: string): void {
  state.toast.value = { tone, text, at: state.deps.now() };
}

/** The signed-in actor, or an error the UI shows (every write needs one). */
export function requireActor(state: AppState): Actor {
  const a = state.actor.value;
  if (!a) throw new Error('请先登录');
  return a;
}
