// The first screen as a classic script, not an ES module (issue 13). Chromium keeps V8's code cache
// for a classic script the service worker serves from Cache Storage — made when the worker caches
// it at install, with every function compiled — and none for a module (measured, Chromium 150:
// 1,500 small functions as a module compile again at every start, 41–51 ms at 4× CPU; as a
// classic script 1–3 ms from its cache). With the entry classic, the offline cold start's list
// came at 0.94× in two runs of 9 and 11 (stop 42, README's figures).
//
// The lazily loaded screens stay modules and still share the entry's modules (Preact, the app's
// state, the unlocked key): the entry hands its exports over on `globalThis[GLOBAL]` and each
// chunk that imported them takes them from there. A module's import is a live binding, a copy is
// not, so the build fails if an exported binding is assigned after the entry has run.
import { parse, type Node } from 'acorn';
import { analyze } from 'eslint-scope';
import type { Plugin, Rollup } from 'vite';

/** Where the entry's exports go (a frozen object of getters). */
export const GLOBAL = '__daibanFirstScreen';
/** In every chunk's hash: a file rewritten here must not keep the name its module form was cached
 *  under (hashed files are immutable to the HTTP cache and the precache). Bump with the rewrite. */
const REWRITE_VERSION = 'classic-entry/1';
const META = '__daibanImportMeta';

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Program = ReturnType<typeof parse>;
type AnyNode = Node & Record<string, unknown>;

function applyEdits(code: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < at) throw new Error('classic entry: overlapping edits');
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + code.slice(at);
}

const parseModule = (code: string): Program =>
  parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true });

/** Every node of `tree`, depth first. */
function* nodes(tree: Node): Generator<AnyNode> {
  const stack: unknown[] = [tree];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (n && typeof n === 'object' && typeof (n as Node).type === 'string') {
      yield n as AnyNode;
      for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') stack.push(v);
    }
  }
}

/** `import{a as b,c}` → `{a:b,c}` (what a destructuring `const` takes). */
function bindings(decl: AnyNode, source: string): string {
  const specifiers = decl.specifiers as AnyNode[];
  if (specifiers.some((s) => s.type !== 'ImportSpecifier'))
    throw new Error(`classic entry: only named imports of the entry are supported (${source})`);
  return `{${specifiers
    .map((s) => {
      const imported = s.imported as AnyNode;
      const name = imported.type === 'Identifier' ? (imported.name as string) : JSON.stringify(imported.value);
      return `${name}:${(s.local as AnyNode).name as string}`;
    })
    .join(',')}}`;
}

/** Names exported by `program` whose binding is written after its declaration, inside a function. */
function reassignedExports(program: Program, locals: Set<string>): string[] {
  const scopes = analyze(program as never, { ecmaVersion: 2022, sourceType: 'module' });
  const moduleScope = scopes.globalScope!.childScopes.find((s) => s.type === 'module')!;
  return moduleScope.variables
    .filter((v) => locals.has(v.name))
    .filter((v) => v.references.some((r) => r.isWrite() && !r.init && r.from.variableScope !== moduleScope))
    .map((v) => v.name);
}

/** The entry module as a classic script; `inline` gives the code of a chunk it imports. */
export function toClassicScript(code: string, fileName: string, inline: (specifier: string) => string): string {
  const program = parseModule(code);
  const edits: Edit[] = [];
  const exported: Array<{ name: string; local: string }> = [];
  for (const n of program.body as AnyNode[]) {
    if (n.type === 'ImportDeclaration') {
      // A chunk the entry imports (Rolldown's tiny runtime): its code runs in a scope of its own.
      const specifier = (n.source as AnyNode).value as string;
      const dep = parseModule(inline(specifier));
      if ((dep.body as AnyNode[]).some((d) => d.type === 'ImportDeclaration'))
        throw new Error(`classic entry: ${specifier}, imported by ${fileName}, imports another chunk`);
      const depEdits: Edit[] = [];
      const depExports: string[] = [];
      for (const d of dep.body as AnyNode[]) {
        if (d.type !== 'ExportNamedDeclaration' || d.declaration) continue;
        for (const s of d.specifiers as AnyNode[])
          depExports.push(`${(s.exported as AnyNode).name as string}:${(s.local as AnyNode).name as string}`);
        depEdits.push({ start: d.start, end: d.end, text: '' });
      }
      const depCode = applyEdits(inline(specifier), depEdits).replace(/^\/\/#[^\n]*\n/, '');
      edits.push({
        start: n.start,
        end: n.end,
        text: `const${bindings(n, specifier)}=(()=>{${depCode}\nreturn{${depExports.join(',')}}})();`,
      });
    } else if (n.type === 'ExportNamedDeclaration' && !n.declaration && !n.source) {
      for (const s of n.specifiers as AnyNode[])
        exported.push({ name: (s.exported as AnyNode).name as string, local: (s.local as AnyNode).name as string });
      edits.push({ start: n.start, end: n.end, text: '' });
    } else if (n.type.startsWith('Export')) {
      throw new Error(`classic entry: unsupported export in ${fileName} (${n.type})`);
    }
  }
  for (const n of nodes(program)) {
    if (n.type === 'MetaProperty' && (n.meta as AnyNode).name === 'import')
      edits.push({ start: n.start, end: n.end, text: META });
  }
  const live = reassignedExports(program, new Set(exported.map((e) => e.local)));
  if (live.length)
    throw new Error(
      `classic entry: ${fileName} exports bindings assigned later (${live.join(', ')}): a copy would go stale`,
    );

  const getters = exported.map((e) => `get ${JSON.stringify(e.name)}(){return ${e.local}}`).join(',');
  edits.push({ start: code.length, end: code.length, text: `\nglobalThis.${GLOBAL}=Object.freeze({${getters}});` });
  const body = applyEdits(code, edits);
  // A compile hint must stay the file's first line (scripts/compile-hints-plugin.ts).
  const hint = /^\/\/#[^\n]*\n/.exec(body)?.[0] ?? '';
  const meta = `const ${META}=(()=>{const url=document.currentScript.src;return{url,resolve:(s)=>new URL(s,url).href}})();`;
  return `${hint}(()=>{"use strict";${meta}\n${body.slice(hint.length)}\n})();\n`;
}

/** A chunk that imported the entry, taking its exports from `globalThis[GLOBAL]` instead. */
export function importFromGlobal(code: string, fileName: string, entrySpecifier: string): string {
  const program = parseModule(code);
  const edits: Edit[] = [];
  for (const n of program.body as AnyNode[]) {
    if (n.type !== 'ImportDeclaration' || (n.source as AnyNode).value !== entrySpecifier) continue;
    const named = (n.specifiers as AnyNode[]).length > 0;
    edits.push({
      start: n.start,
      end: n.end,
      text: named ? `const${bindings(n, fileName)}=globalThis.${GLOBAL};` : '',
    });
  }
  for (const n of nodes(program))
    if (
      (n.type === 'ImportExpression' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') &&
      (n.source as AnyNode | null)?.value === entrySpecifier
    )
      throw new Error(`classic entry: ${fileName} loads the entry in a way a classic script cannot serve (${n.type})`);
  return applyEdits(code, edits);
}

const relative = (from: string, to: string): string => {
  const up = from.split('/').slice(0, -1);
  const target = to.split('/');
  while (up.length && target.length > 1 && up[0] === target[0]) {
    up.shift();
    target.shift();
  }
  return (up.length ? '../'.repeat(up.length) : './') + target.join('/');
};

export function classicEntry(): Plugin[] {
  let entryFile: string | undefined;
  const entryOf = (bundle: Rollup.OutputBundle) => {
    const entries = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry);
    if (entries.length !== 1) throw new Error(`classic entry: expected one entry chunk, found ${entries.length}`);
    return entries[0]!;
  };
  const find: Plugin = {
    name: 'daiban-classic-entry:find',
    apply: 'build',
    applyToEnvironment: (env) => env.name === 'client',
    // Vite's preload helper links a lazy import's chunks as modulepreloads unless a <link> already
    // names them: the entry, a <script> now, would be fetched and compiled again as a module.
    config: () => ({
      build: { modulePreload: { resolveDependencies: (_file, deps) => deps.filter((d) => d !== entryFile) } },
    }),
    // Before Vite's own generateBundle writes those lists.
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        entryFile = entryOf(bundle).fileName;
      },
    },
  };
  const rewrite: Plugin = {
    name: 'daiban-classic-entry',
    apply: 'build',
    applyToEnvironment: (env) => env.name === 'client',
    augmentChunkHash: () => REWRITE_VERSION,
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const entry = entryOf(bundle);
        entry.code = toClassicScript(entry.code, entry.fileName, (specifier) => {
          const dep = chunks.find((c) => relative(entry.fileName, c.fileName) === specifier);
          if (!dep) throw new Error(`classic entry: ${specifier} not in the bundle`);
          return dep.code;
        });
        for (const chunk of chunks)
          if (chunk !== entry && chunk.imports.includes(entry.fileName))
            chunk.code = importFromGlobal(chunk.code, chunk.fileName, relative(chunk.fileName, entry.fileName));
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const entry = ctx.chunk;
        if (!entry) return html;
        const escape = (file: string) => file.replace(/[.]/g, '\\.');
        const tag = new RegExp(`<script type="module" crossorigin src="(/${escape(entry.fileName)})"></script>`);
        if (!tag.test(html)) throw new Error(`classic entry: index.html has no module script for ${entry.fileName}`);
        let out = html.replace(tag, '<script defer src="$1"></script>');
        // The chunks now inside the entry need no preload of their own.
        for (const file of entry.imports)
          out = out.replace(new RegExp(`\\s*<link rel="modulepreload"[^>]*href="/${escape(file)}"[^>]*>`), '');
        return out;
      },
    },
  };
  return [find, rewrite];
}
