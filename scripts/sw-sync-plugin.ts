// Builds sw-sync.js, the service worker's second script (sw/sync-script.ts): one classic script (a
// worker imports classic scripts), minified like the rest, written to assets/ under a name with
// its content's hash once the app is written — before vite-plugin-pwa builds sw.js (its
// `closeBundle`), whose build gets that name through `intoServiceWorker()`. A new drain is a new
// name, so sw.js changes with it and an update installs both together; the old name is never
// served with new content (immutable, like every hashed asset). Not precached: the worker's own
// script store keeps it (sw/sync-script-loader.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

/** What sw/sync-script-loader.ts says until the build puts the real address in. */
const PLACEHOLDER = '__DAIBAN_SW_SYNC_URL__';

export function swSyncScript(entry: string): { build: Plugin; intoServiceWorker: () => Plugin } {
  let config: ResolvedConfig;
  let url: string | undefined;
  const builder: Plugin = {
    name: 'daiban-sw-sync-script',
    apply: 'build',
    applyToEnvironment: (env) => env.name === 'client',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle() {
      const output = (await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        logLevel: 'warn',
        resolve: { alias: config.resolve.alias },
        define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          write: false,
          copyPublicDir: false,
          reportCompressedSize: false,
          target: config.build.target,
          lib: { entry: resolve(config.root, entry), formats: ['iife'], name: 'daibanSyncScript' },
          rollupOptions: { output: { codeSplitting: false } },
        },
      })) as Rollup.RollupOutput[];
      const chunks = output.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      if (chunks.length !== 1) throw new Error(`sw-sync.js: expected one script, got ${chunks.length}`);
      const code = chunks[0]!.code;
      const name = `assets/sw-sync-${createHash('sha256').update(code).digest('base64url').slice(0, 10)}.js`;
      const outDir = resolve(config.root, config.build.outDir);
      mkdirSync(resolve(outDir, 'assets'), { recursive: true });
      writeFileSync(resolve(outDir, name), code);
      url = `${config.base}${name}`;
    },
  };
  const intoServiceWorker = (): Plugin => ({
    name: 'daiban-sw-sync-url',
    enforce: 'post', // after TypeScript is stripped: the placeholder's `declare` is gone
    transform(code, id) {
      if (!code.includes(PLACEHOLDER)) return null;
      if (!url) this.error(`sw-sync.js was not built before ${id}`);
      return { code: code.replaceAll(PLACEHOLDER, JSON.stringify(url)), map: null };
    },
  });
  return { build: builder, intoServiceWorker };
}
