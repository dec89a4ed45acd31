// V8 compiles a function when it is first called, on the main thread: the first case opened in a
// page paid for compiling the workbench's code, its storage and its rules at the tap (issue 13).
// The chunks the idle preload loads (the agent's next screens, src/ui/app/preload-screens.ts)
// carry V8's explicit compile hint: every function in them is compiled as the chunk loads, in
// idle time, and kept in the code cache with it. Not the first screen's chunks: their functions
// that never run would cost the start.
import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

/** Must be the file's first line (Chromium 136+; other engines read a comment). */
const HINT = '//# allFunctionsCalledOnLoad\n';

/** `preloaded`: the modules of the screens loaded in idle time (lazy chunks' facade modules). */
export function compileHints(preloaded: RegExp): Plugin {
  return {
    name: 'daiban-compile-hints',
    apply: 'build',
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
      const screens = closure(chunks.filter((c) => c.isDynamicEntry && preloaded.test(c.facadeModuleId ?? '')));
      for (const file of screens) {
        const chunk = byFile.get(file)!;
        if (!firstScreen.has(file)) chunk.code = HINT + chunk.code;
      }
    },
  };
}
