// Which chunks carry V8's compile hint (scripts/compile-hints-plugin.ts): the first screen (the
// app's entry and what it imports) and the screens loaded in idle time with what they import.
import { describe, expect, it } from 'vitest';
import { hintedChunks, type ChunkNode } from '../../../scripts/compile-hints-plugin';

const chunk = (fileName: string, imports: string[], kind: 'entry' | 'lazy' | 'shared', facade?: string): ChunkNode => ({
  fileName,
  imports,
  isEntry: kind === 'entry',
  isDynamicEntry: kind === 'lazy',
  facadeModuleId: facade ?? null,
});

// index → signals; the workbench (preloaded) → state → storage; the reviewer desk → storage;
// settings (preloaded) → signals; the notice (opened from a case, not preloaded) → its own chunk.
const GRAPH: ChunkNode[] = [
  chunk('index.js', ['signals.js'], 'entry', '/app/src/main.tsx'),
  chunk('signals.js', [], 'shared'),
  chunk('workbench.js', ['state.js', 'signals.js'], 'lazy', '/app/src/ui/workbench.tsx'),
  chunk('state.js', ['storage.js'], 'shared'),
  chunk('storage.js', [], 'shared'),
  chunk('reviewer.js', ['storage.js', 'signals.js'], 'lazy', '/app/src/ui/reviewer/index.tsx'),
  chunk('settings.js', ['signals.js'], 'lazy', '/app/src/ui/settings/index.tsx'),
  chunk('notice.js', ['state.js'], 'lazy', '/app/src/ui/notice.tsx'),
];
const isScreen = (id: string | null) => id === '/app/src/ui/workbench.tsx' || id === '/app/src/ui/settings/index.tsx';

describe('compile hints', () => {
  it('go to the first screen, the preloaded screens and their imports, not to other lazy chunks', () => {
    const found = hintedChunks(GRAPH, isScreen);
    // storage.js is the reviewer desk's too: compiled whole there as well (measured, see the plugin).
    expect([...found.hinted].sort()).toEqual([
      'index.js',
      'settings.js',
      'signals.js',
      'state.js',
      'storage.js',
      'workbench.js',
    ]);
    expect(found.screens).toBe(2);
  });

  it('count the screens they found, so a renamed screen fails the build', () => {
    const found = hintedChunks(GRAPH, (id) => id === '/app/src/ui/gone.tsx');
    expect(found.screens).toBe(0);
    expect([...found.hinted].sort()).toEqual(['index.js', 'signals.js']);
  });
});
