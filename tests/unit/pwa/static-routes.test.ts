// What the worker's static routes are built from (sw/static-routes.ts): the start page's revision
// names its copy, and /assets/* goes to the precache only while every file there is stored under
// its own URL — a revisioned one would be a miss there, and a miss offline is a failed load.
import { describe, expect, it, vi } from 'vitest';
import { PrecacheController } from 'workbox-precaching';
import { shellCopyOf } from '../../../sw/static-routes';

// Workbox reads the worker's globals: `self` as it loads (its logger), `location` for cache keys.
vi.hoisted(() => {
  vi.stubGlobal('self', globalThis);
  vi.stubGlobal('location', new URL('https://daiban.test/sw.js'));
});

const controllerFor = (manifest: Parameters<PrecacheController['addToCacheList']>[0]) => {
  const precache = new PrecacheController({ cacheName: 'test-precache' });
  precache.addToCacheList(manifest);
  return precache;
};

describe('shellCopyOf', () => {
  it('names the copy after index.html’s revision and routes hashed assets to the precache', () => {
    const manifest = [
      { url: 'index.html', revision: 'abc123' },
      { url: 'assets/index-D5Mb3dCt.js', revision: null },
      'assets/shared-x-Bq1.js',
      { url: 'icons/icon-48.png', revision: 'ffe' },
    ];
    const shell = shellCopyOf(manifest, controllerFor(manifest));
    expect(shell).toMatchObject({ revision: 'abc123', assetsUnderOwnURL: true });
    expect(shell?.precacheName).toContain('test-precache');
    expect(shell?.htmlCacheKey).toMatch(/\/index\.html\?__WB_REVISION__=abc123$/);
  });

  it('keeps /assets/* with the worker when a file there carries a revision', () => {
    const manifest = [
      { url: 'index.html', revision: 'abc123' },
      { url: 'assets/index-D5Mb3dCt.js', revision: null },
      { url: 'assets/unhashed.json', revision: '9f' },
    ];
    expect(shellCopyOf(manifest, controllerFor(manifest))?.assetsUnderOwnURL).toBe(false);
  });

  it('adds no routes for a manifest without a revisioned index.html', () => {
    const noHtml = [{ url: 'assets/index-D5Mb3dCt.js', revision: null }];
    expect(shellCopyOf(noHtml, controllerFor(noHtml))).toBeUndefined();
    const bare = ['index.html'];
    expect(shellCopyOf(bare, controllerFor(bare))).toBeUndefined();
  });
});
