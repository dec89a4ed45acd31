// A list's measured sizes kept for its next first render (src/ui/components/virtual-list/
// remembered-sizes.ts): per list, for the window they were measured in; damaged or blocked
// storage means measuring as before, never an error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberedSizes, rememberSizes } from '../../../src/ui/components/virtual-list/remembered-sizes';

const KEY = 'daiban:list-sizes';
let store: Map<string, string>;

beforeEach(() => {
  store = new Map();
  vi.stubGlobal('window', { innerWidth: 800, innerHeight: 1280 });
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('remembered list sizes', () => {
  it('gives back what was measured, for that list only', () => {
    expect(rememberedSizes('办件')).toBeUndefined();
    rememberSizes('办件', { viewport: 946, rowHeight: 214 });
    expect(rememberedSizes('办件')).toEqual({ viewport: 946, rowHeight: 214 });
    expect(rememberedSizes('群众档案')).toBeUndefined();
    rememberSizes('群众档案', { viewport: 900, rowHeight: 120 });
    expect(rememberedSizes('办件')).toEqual({ viewport: 946, rowHeight: 214 });
  });

  it('a window of another size (the tablet turned) measures again; the last window is kept', () => {
    rememberSizes('办件', { viewport: 946, rowHeight: 214 });
    vi.stubGlobal('window', { innerWidth: 1280, innerHeight: 800 });
    expect(rememberedSizes('办件')).toBeUndefined();
    rememberSizes('办件', { viewport: 466, rowHeight: 170 });
    expect(rememberedSizes('办件')).toEqual({ viewport: 466, rowHeight: 170 });
    vi.stubGlobal('window', { innerWidth: 800, innerHeight: 1280 });
    expect(rememberedSizes('办件')).toBeUndefined();
  });

  it('damaged entries and sizes that cannot be are ignored', () => {
    store.set(KEY, '{not json');
    expect(rememberedSizes('办件')).toBeUndefined();
    store.set(KEY, JSON.stringify({ 办件: { window: '800x1280', viewport: -5, rowHeight: 214 } }));
    expect(rememberedSizes('办件')).toBeUndefined();
    store.set(KEY, JSON.stringify({ 办件: { window: '800x1280', viewport: '946', rowHeight: 214 } }));
    expect(rememberedSizes('办件')).toBeUndefined();
    store.set(KEY, JSON.stringify([1, 2]));
    expect(rememberedSizes('办件')).toBeUndefined();
    rememberSizes('办件', { viewport: 0, rowHeight: 214 }); // a hidden list reads 0: not kept
    expect(rememberedSizes('办件')).toBeUndefined();
    rememberSizes('办件', { viewport: 946, rowHeight: 214 }); // a damaged store is written afresh
    expect(rememberedSizes('办件')).toEqual({ viewport: 946, rowHeight: 214 });
  });

  it('blocked or full storage: nothing is remembered and nothing throws', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(() => rememberSizes('办件', { viewport: 946, rowHeight: 214 })).not.toThrow();
    expect(rememberedSizes('办件')).toBeUndefined();
  });
});
