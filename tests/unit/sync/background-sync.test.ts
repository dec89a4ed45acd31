import { describe, expect, it } from 'vitest';
import { registerBackgroundSync, type BackgroundSyncScope, type SyncEventLike } from '../../../sw/background-sync';
import { drain } from '../../../src/sync/drain';
import type { SyncPorts } from '../../../src/sync/ports';
import { BACKENDS, useBackend, type SyncBackend } from './backends';
import { submitMutation } from './fixtures';
import { MemoryDevice } from './memory-ports';

function fakeScope() {
  let listener: ((e: SyncEventLike) => void) | undefined;
  const messages: unknown[] = [];
  const scope: BackgroundSyncScope = {
    addEventListener: (_type, l) => {
      listener = l;
    },
    clients: { matchAll: async () => [{ postMessage: (m: unknown) => messages.push(m) }] },
  };
  /** Fires a sync event and returns what the browser would see from waitUntil. */
  const fire = async (tag: string, lastChance = false) => {
    let waited: Promise<unknown> | undefined;
    listener?.({
      tag,
      lastChance,
      waitUntil: (p) => {
        waited = p;
      },
    });
    if (!waited) return 'ignored';
    return waited.then(
      () => 'resolved',
      (e: Error) => `rejected: ${e.message}`,
    );
  };
  return { scope, fire, messages };
}

/** The drain sw-sync.js runs, over the test's ports instead of the device's storage. */
const drainOver = (ports: () => SyncPorts) => async (options?: Parameters<typeof drain>[1]) => drain(ports(), options);

function queued(backend: SyncBackend) {
  const device = new MemoryDevice();
  device.token = backend.token;
  const { submission, blobs } = backend.newCase(20_000);
  for (const b of blobs) device.addBlob(b);
  device.enqueue(submitMutation(submission));
  return { wire: backend.wire, device, ports: () => device.ports(backend.baseUrl, backend.wire.fetch) };
}

describe.each(BACKENDS)('service worker Background Sync with the %s server', (name) => {
  const backend = useBackend(name);

  it('drains on the daiban-sync tag and tells open pages', async () => {
    const { device, ports } = queued(backend());
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { drain: drainOver(ports) });
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(device.states()).toEqual(['done']);
    expect(sw.messages).toEqual([
      { type: 'daiban-sync-report', report: expect.objectContaining({ outcome: 'done', accepted: 1 }) },
    ]);
  });

  it('ignores other tags', async () => {
    const { wire, ports } = queued(backend());
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { drain: drainOver(ports) });
    expect(await sw.fire('something-else')).toBe('ignored');
    expect(wire.log).toHaveLength(0);
  });

  it('rejects waitUntil when offline so the browser retries, except on the last chance', async () => {
    const { wire, device, ports } = queued(backend());
    wire.offline = true;
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { drain: drainOver(ports) });
    expect(await sw.fire('daiban-sync')).toMatch(/^rejected: daiban-sync: offline/);
    expect(await sw.fire('daiban-sync', true)).toBe('resolved');
    expect(device.states()).toEqual(['pending']);
    wire.offline = false;
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(device.states()).toEqual(['done']);
  });

  it('leaves the outbox untouched while the device is locked and tells open pages', async () => {
    const { wire, device, ports } = queued(backend());
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { drain: drainOver(ports), unlocked: () => false, keyWaitMs: 200 });
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(wire.log).toHaveLength(0);
    expect(device.states()).toEqual(['pending']);
    expect(sw.messages).toEqual([{ type: 'daiban-device-key-request' }, { type: 'daiban-sync-locked' }]);
  });

  it('a restarted worker asks open pages for the key and drains once it arrives', async () => {
    const { device, ports } = queued(backend());
    const sw = fakeScope();
    let key = false;
    const scope: BackgroundSyncScope = {
      ...sw.scope,
      clients: {
        matchAll: async () => [
          {
            postMessage: (m: unknown) => {
              sw.messages.push(m);
              if ((m as { type: string }).type === 'daiban-device-key-request') setTimeout(() => (key = true), 50);
            },
          },
        ],
      },
    };
    registerBackgroundSync(scope, { drain: drainOver(ports), unlocked: () => key });
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(device.states()).toEqual(['done']);
  });
});
