// When an everyday start links the web app manifest at load (src/ui/app/manifest-link.ts): only in
// an installed app's window, for a week after the device first runs with a new revision.
import { describe, expect, it } from 'vitest';
import { LINK_AT_LOAD_FOR_MS, linkAtLoad } from '../../../src/ui/app/manifest-link';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 6, 2);

function windowOf(displayMode: 'browser' | 'standalone' | 'fullscreen', stored: Record<string, string> = {}) {
  const data = new Map(Object.entries(stored));
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
  const matchMedia = (query: string) => ({ matches: query.includes(`(display-mode: ${displayMode})`) });
  return { win: { matchMedia, localStorage: storage } as unknown as Window, data };
}

describe('linkAtLoad', () => {
  it('never in a browser tab, and writes nothing', () => {
    const { win, data } = windowOf('browser');
    expect(linkAtLoad(win, T0, 'rev-a')).toBe(false);
    expect(data.size).toBe(0);
  });

  it('in an installed app: from the first start with a revision for seven days, then not', () => {
    const { win } = windowOf('standalone');
    expect(linkAtLoad(win, T0, 'rev-a')).toBe(true);
    expect(linkAtLoad(win, T0 + 2 * DAY, 'rev-a')).toBe(true);
    expect(linkAtLoad(win, T0 + 7 * DAY - 1, 'rev-a')).toBe(true);
    expect(linkAtLoad(win, T0 + 7 * DAY, 'rev-a')).toBe(false);
    expect(LINK_AT_LOAD_FOR_MS).toBe(7 * DAY);
  });

  it('a new revision starts a new week, counted from its own first start', () => {
    const { win, data } = windowOf('fullscreen');
    linkAtLoad(win, T0, 'rev-a');
    expect(linkAtLoad(win, T0 + 30 * DAY, 'rev-a')).toBe(false);
    expect(linkAtLoad(win, T0 + 31 * DAY, 'rev-b')).toBe(true);
    expect(JSON.parse(data.get('daiban:manifest-seen')!)).toEqual({ revision: 'rev-b', since: T0 + 31 * DAY });
    expect(linkAtLoad(win, T0 + 37 * DAY, 'rev-b')).toBe(true);
    expect(linkAtLoad(win, T0 + 38 * DAY, 'rev-b')).toBe(false);
  });

  it('a damaged record or blocked storage links at load (as before the link was deferred)', () => {
    expect(linkAtLoad(windowOf('standalone', { 'daiban:manifest-seen': '{not json' }).win, T0, 'rev-a')).toBe(true);
    const blocked = {
      matchMedia: () => ({ matches: true }),
      get localStorage(): Storage {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Window;
    expect(linkAtLoad(blocked, T0, 'rev-a')).toBe(true);
  });
});
