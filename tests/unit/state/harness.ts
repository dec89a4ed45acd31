// A headless app state for action tests: fake-indexeddb storage (fresh per test), a router in
// memory, a fake image pipeline whose metrics the test chooses, and a fixed clock.
import 'fake-indexeddb/auto'; // globals for idb-keyval (the keyring's store)
import { afterEach, beforeEach } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { signal } from '@preact/signals';
import { uuidv7, type QualityMetrics } from '../../../src/domain';
import { closeDb, createKeyring, DaibanDb, forgetStorageKey, unlockStorage, useDb } from '../../../src/storage';
import { useKeyring } from '../../../src/state/device-key';
import {
  createAppState,
  emptyPersonDraft,
  savePersonDraft,
  formatRoute,
  type AppState,
  type ProcessedImage,
  type Route,
  type Router,
} from '../../../src/state';
import { sha256Hex } from '../../../src/workers/hash';

export const NOW = Date.UTC(2026, 10, 20, 2, 0); // Friday 2026-11-20, 10:00 in China
export const VILLAGE = '341822100201';

export const SHARP: QualityMetrics = { width: 1600, height: 1200, sharpness: 400, mean: 130, clipped: 0.01 };
export const BLURRED: QualityMetrics = { ...SHARP, sharpness: 50 }; // between the hard (error) and soft (warning) thresholds;
export const DARK: QualityMetrics = { ...SHARP, mean: 25 };

export function memoryRouter(): Router & { history: string[] } {
  const route = signal<Route>({ name: 'cases' });
  const visits = signal(0);
  const history: string[] = [];
  return {
    route,
    visits,
    history,
    navigate: (r) => {
      route.value = r;
      visits.value++;
      history.push(formatRoute(r));
    },
    dispose: () => undefined,
  };
}

/** 张桂兰 of VILLAGE, with every profile field a case prefills, saved on the device. */
export const saveApplicant = (state: AppState) =>
  savePersonDraft(state, {
    ...emptyPersonDraft(VILLAGE),
    name: '张桂兰',
    idNumber: '11010519491231002X',
    idCardIssuedOn: '2010-05-01',
    phone: '13812345678',
    address: '彭村村一组 3 号',
  });

let counter = 0;
/** Each "photo" is a distinct byte string; its metrics are what the test says the worker measured. */
export function photo(metrics: QualityMetrics): Blob {
  return new Blob([JSON.stringify({ metrics, n: ++counter })], { type: 'image/jpeg' });
}

async function fakeProcess(
  file: Blob,
  _o: unknown,
  ctl: { onProgress?: (f: number) => void },
): Promise<ProcessedImage> {
  const text = await file.text();
  const { metrics } = JSON.parse(text) as { metrics: QualityMetrics };
  const data = new TextEncoder().encode(text).buffer as ArrayBuffer;
  ctl.onProgress?.(0.5);
  ctl.onProgress?.(1);
  return {
    data,
    mime: 'image/jpeg',
    width: 1600,
    height: 1200,
    bytes: data.byteLength,
    sha256: await sha256Hex(data),
    metrics,
  };
}

export interface Harness {
  state: AppState;
  router: ReturnType<typeof memoryRouter>;
  fetchCalls: { url: string; body: unknown }[];
}

/** Data key of the harness's signed-in agent (storage seals with it). */
export const HARNESS_KEY = new Uint8Array(32).fill(3);

/** A clock tests can move (the keyring's PIN window and the idle lock read it). */
export const clock = { t: NOW };

/** Fresh database (unlocked) and keyring, and a signed-in agent of VILLAGE for every test. */
export function useHarness(fetchImpl?: typeof fetch): { get: () => Harness } {
  let h: Harness | undefined;
  beforeEach(async () => {
    clock.t = NOW;
    useDb(new DaibanDb(`state-${++counter}-${uuidv7()}`, { indexedDB, IDBKeyRange }));
    await unlockStorage(HARNESS_KEY);
    // Few PBKDF2 iterations: the iteration count is tested in tests/storage/keyring.test.ts.
    useKeyring(
      createKeyring({
        store: createStore(`keys-${counter}`, 'keys'),
        now: () => clock.t,
        policy: { iterations: 1_000 },
      }),
    );
    const router = memoryRouter();
    const fetchCalls: Harness['fetchCalls'] = [];
    const state = createAppState({
      router,
      now: () => clock.t,
      processImage: fakeProcess,
      fetch:
        fetchImpl ??
        (async (url, init) => {
          fetchCalls.push({ url: String(url), body: JSON.parse(String(init?.body ?? 'null')) });
          return new Response('{}', { status: 500 });
        }),
    });
    state.deviceId.value = 'device-0001';
    state.session.value = {
      token: 't',
      loggedInAt: NOW,
      user: { id: 'agent1', name: '王秀兰', role: 'agent', villageCode: VILLAGE },
    };
    h = { state, router, fetchCalls };
  });
  afterEach(() => {
    closeDb();
    forgetStorageKey();
    useKeyring(undefined);
  });
  return { get: () => h! };
}
