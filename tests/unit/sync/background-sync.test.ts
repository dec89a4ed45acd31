import { describe, expect, it } from 'vitest';
import { registerBackgroundSync, type BackgroundSyncScope, type SyncEventLike } from '../../../sw/background-sync';
import { FakeServer } from './fake-server';
import { makeBlob, makeSubmission, submitMutation } from './fixtures';
import { MemoryDevice } from './memory-ports';

function fakeScope() {
  let listener: ((e: SyncEventLike) => void) | undefined;
  const messages: unknown[] = [];
  const scope: BackgroundSyncScope = {
    addEventListener: (_type, l) => { listener = l; },
    clients: { matchAll: async () => [{ postMessage: (m: unknown) => messages.push(m) }] },
  };
  /** Fires a sync event and returns what the browser would see from waitUntil. */
  const fire = async (tag: string, lastChance = false) => {
    let waited: Promise<unknown> | undefined;
    listener?.({ tag, lastChance, waitUntil: (p) => { waited = p; } });
    if (!waited) return 'ignored';
    return waited.then(() => 'resolved', (e: Error) => `rejected: ${e.message}`);
  };
  return { scope, fire, messages };
}

function queued() {
  const server = new FakeServer();
  const device = new MemoryDevice();
  const photo = makeBlob(20_000);
  device.addBlob(photo);
  device.enqueue(submitMutation(makeSubmission({ photos: [photo] })));
  return { server, device };
}

describe('service worker Background Sync', () => {
  it('drains on the daiban-sync tag and tells open pages', async () => {
    const { server, device } = queued();
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { ports: () => device.ports('http://t.test', server.fetch) });
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(device.states()).toEqual(['done']);
    expect(sw.messages).toEqual([{ type: 'daiban-sync-report', report: expect.objectContaining({ outcome: 'done', accepted: 1 }) }]);
  });

  it('ignores other tags', async () => {
    const { server, device } = queued();
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { ports: () => device.ports('http://t.test', server.fetch) });
    expect(await sw.fire('something-else')).toBe('ignored');
    expect(server.log).toHaveLength(0);
  });

  it('rejects waitUntil when offline so the browser retries, except on the last chance', async () => {
    const { server, device } = queued();
    server.failNext('PATCH', 'network', 2);
    const sw = fakeScope();
    registerBackgroundSync(sw.scope, { ports: () => device.ports('http://t.test', server.fetch) });
    expect(await sw.fire('daiban-sync')).toMatch(/^rejected: daiban-sync: offline/);
    expect(await sw.fire('daiban-sync', true)).toBe('resolved');
    expect(device.states()).toEqual(['pending']);
    expect(await sw.fire('daiban-sync')).toBe('resolved');
    expect(device.states()).toEqual(['done']);
  });
});
