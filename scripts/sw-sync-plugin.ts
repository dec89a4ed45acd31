// Builds sw-sync.js, the service worker's second script (sw/sync-script.ts), into the app's
// output folder once the app is written: one classic script (a worker imports classic scripts),
// minified like the rest, before vite-plugin-pwa builds sw.js (its `closeBundle`). Not precached:
// the worker's own script store keeps it (sw/sync-script-loader.ts).
import { resolve } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export function swSyncScript(entry: string, fileName: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'daiban-sw-sync-script',
    apply: 'build',
    applyToEnvironment: (env) => env.name === 'client',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle() {
      await build({
        configFile: false,
        root: config.root,
        logLevel: 'warn',
        resolve: { alias: config.resolve.alias },
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: resolve(config.root, config.build.outDir),
          emptyOutDir: false,
          copyPublicDir: false,
          reportCompressedSize: false,
          target: config.build.target,
          lib: {
            entry: resolve(config.root, entry),
            formats: ['iife'],
            name: 'daibanSyncScript',
            fileName: () => fileName,
          },
          rollupOptions: { output: { codeSplitting: false } },
        },
      });
    },
  };
}
