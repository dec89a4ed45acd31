// V8 compiles a function when it is first called, on the main thread: the first case opened in a
// page paid for compiling the workbench's code, its storage and its rules at the tap (issue 13).
// With V8's explicit compile hint a chunk is compiled whole as it streams in, off the main thread.
// Two sets of chunks carry it:
// - the first screen's (the entry and what it imports): ES modules get no usable code cache in
//   Chromium (measured, 150: a module served from Cache Storage or the HTTP cache compiles its
//   functions again at every start — 1,500 small functions 41–51 ms at 4×, a classic script
//   1–3 ms with its cache), so without the hint every cold start compiled the login, lock and
//   list code function by function on the main thread. With it the offline cold start's list
//   came at 0.92–0.95× in four of five A/B runs (stop 41, README's figures). The hint goes in
//   after Vite's own additions: its preload map, put at the top of chunks that import others
//   lazily, had pushed it to the second line of 设置's and the profile form's chunks, where V8
//   ignores it (asked to hint the entry, the old order put it there too: stop 36's trial of a
//   hinted first screen, "no gain", most likely measured a hint V8 never read).
// - the chunks the idle preload loads (the agent's next screens, src/ui/app/screen-chunks.ts),
//   compiled in idle time. The desks (reviewers, admins: desk computers) import some of them
//   (storage, Dexie, zod) and compile them whole when they start: at 4× CPU a reviewer's start
//   measured 1,141 ms against 946 without (≈ 50 ms unthrottled), while leaving those chunks out
//   took the tablet's gain away (a case from the list 1.03×, against 0.84× / 0.95× with them).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';

/** Must be the file's first line (Chromium 136+; other engines read a comment). */
const HINT = '//# allFunctionsCalledOnLoad';

/** The modules `file` imports dynamically (`import('…')`), as absolute paths without extension. */
function dynamicImports(file: string): Set<string> {
  const source = readFileSync(file, 'utf8');
  return new Set(
    [...source.matchAll(/import\(\s*['"`]([^'"`]+)['"`]\s*\)/g)].map((m) => resolve(dirname(file), m[1]!)),
  );
}

const withoutExtension = (id: string) => id.replace(/\.[cm]?[jt]sx?$/, '');
/** A facade module is one of `modules` (a folder import names its index file). */
const isOneOf = (modules: Set<string>, id: string | null) =>
  id !== null && (modules.has(withoutExtension(id)) || modules.has(withoutExtension(id).replace(/\/index$/, '')));

/** What `hintedChunks` needs of a chunk. */
export type ChunkNode = Pick<
  Rollup.RenderedChunk,
  'fileName' | 'imports' | 'isEntry' | 'isDynamicEntry' | 'facadeModuleId'
>;

/**
 * The chunks that get the hint: the first screen's (the entry and what it imports) and the
 * preloaded screens' chunks and what they import; with how many screens were found.
 */
export function hintedChunks(
  chunks: ChunkNode[],
  isScreen: (facade: string | null) => boolean,
): { hinted: Set<string>; screens: number } {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (roots: ChunkNode[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (c: ChunkNode) => {
      if (seen.has(c.fileName)) return;
      seen.add(c.fileName);
      for (const f of c.imports) {
        const next = byFile.get(f);
        if (next) visit(next);
      }
    };
    roots.forEach(visit);
    return seen;
  };
  const screenRoots = chunks.filter((c) => c.isDynamicEntry && isScreen(c.facadeModuleId));
  const firstScreen = closure(chunks.filter((c) => c.isEntry));
  return {
    hinted: new Set([...firstScreen, ...closure(screenRoots)]),
    screens: screenRoots.length,
  };
}

/** `preloaded`: the file (from the root) that imports the screens loaded in idle time, by `import('…')`. */
export function compileHints(preloaded: string): Plugin {
  let screens = new Set<string>();
  /** Chunks (by file name as rendered) that get the hint: worked out once per output. */
  let hinted: Set<string> | undefined;

  return {
    name: 'daiban-compile-hints',
    apply: 'build',
    configResolved(config) {
      screens = dynamicImports(resolve(config.root, preloaded));
    },
    renderStart() {
      hinted = undefined;
    },
    // Every chunk is rendered before any is hashed: the whole graph is known here.
    renderChunk(_code, _chunk, _options, meta) {
      if (hinted) return null;
      const found = hintedChunks(Object.values(meta.chunks), (id) => isOneOf(screens, id));
      if (found.screens !== screens.size) this.error(`${preloaded}: ${screens.size} screens, ${found.screens} chunks`);
      hinted = found.hinted;
      return null;
    },
    // A chunk that gains or loses the hint gets a new name: no cache keeps the other copy.
    augmentChunkHash(chunk) {
      return hinted?.has(chunk.fileName) ? HINT : undefined;
    },
    // After minification (which would drop the comment) and after Vite's own additions (its
    // preload map goes at the top of chunks that import others lazily), before the files are
    // written and precached. (One line more at the top: a source map would be a line off.)
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle))
          if (file.type === 'chunk' && hinted?.has(file.preliminaryFileName)) file.code = `${HINT}\n${file.code}`;
      },
    },
  };
}
