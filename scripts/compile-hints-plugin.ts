// V8 compiles a function when it is first called, on the main thread: the first case opened in a
// page paid for compiling the workbench's code, its storage and its rules at the tap (issue 13).
// The chunks the idle preload loads (the agent's next screens, src/ui/app/preload-screens.ts)
// carry V8's explicit compile hint: every function in them is compiled as the chunk loads, in
// idle time, and kept in the code cache with it. Not the first screen's chunks: their functions
// that never run would cost the start.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/** Must be the file's first line (Chromium 136+; other engines read a comment). */
const HINT = '//# allFunctionsCalledOnLoad\n';

/** The modules `file` imports dynamically (`import('…')`), as absolute paths without extension. */
function dynamicImports(file: string): Set<string> {
  const source = readFileSync(file, 'utf8');
  return new Set([...source.matchAll(/import\('([^']+)'\)/g)].map((m) => resolve(dirname(file), m[1]!)));
}

const withoutExtension = (id: string) => id.replace(/\.[cm]?[jt]sx?$/, '');

/** `screens`: the file (from the root) that names the screens loaded in idle time, by `import('…')`. */
export function compileHints(screens: string): Plugin {
  let preloaded = new Set<string>();
  const isPreloaded = (id: string | null) =>
    id !== null && (preloaded.has(withoutExtension(id)) || preloaded.has(withoutExtension(id).replace(/\/index$/, '')));
  return {
    name: 'daiban-compile-hints',
    apply: 'build',
    configResolved(config) {
      preloaded = dynamicImports(resolve(config.root, screens));
    },
    // After minification (which would drop the comment), before the files are written and
    // precached with their content's revision.
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (roots: OutputChunk[]): Set<string> => {
        const seen = new Set<string>();
        const visit = (c: OutputChunk) => {
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
      const firstScreen = closure(chunks.filter((c) => c.isEntry));
      const roots = chunks.filter((c) => c.isDynamicEntry && isPreloaded(c.facadeModuleId));
      if (roots.length !== preloaded.size)
        this.error(`${screens}: ${preloaded.size} screens, ${roots.length} chunks found`);
      for (const file of closure(roots)) {
        const chunk = byFile.get(file)!;
        if (!firstScreen.has(file)) chunk.code = HINT + chunk.code;
      }
    },
  };
}
