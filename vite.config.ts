import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { builtCatalog } from './scripts/catalog-plugin';
import { ortWasmFromOcrDir, selfHostedOcr } from './scripts/ocr-plugin';
import { compileHints } from './scripts/compile-hints-plugin';
import { swSyncScript } from './scripts/sw-sync-plugin';
import { manifestRevision } from './scripts/manifest-revision';

// The service worker's drain, storage and schemas: a script of its own, imported at install and at
// the first `sync`, so sw.js stays small for the worker's every start (sw/sync-script-loader.ts).
const swSync = swSyncScript('sw/sync-script.ts');

export default defineConfig({
  // An installed app links its manifest at load while this is new on the device (manifest-link.ts).
  define: { __MANIFEST_REVISION__: JSON.stringify(manifestRevision()) },
  plugins: [
    // The catalogue is validated here, at build time; the app gets it (and its names) as literals.
    builtCatalog(),
    // The OCR models and WASM (≈ 30 MB) go to dist/ocr/, installed on demand, never precached.
    selfHostedOcr(),
    preact(),
    // The first screen and the screens the idle preload loads are compiled whole as they load.
    compileHints('src/ui/app/screen-chunks.ts'),
    swSync.build,
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt', // never a silent skipWaiting: the user is asked (src/pwa)
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest is ours, self-hosted
      // The SW is registered as a classic script (widest support): bundle it as one IIFE so a stray
      // dynamic import or import.meta can never break its install.
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        globIgnores: ['ocr/**', '**/*.wasm', 'assets/sw-sync-*.js'],
        buildPlugins: { vite: [swSync.intoServiceWorker()] },
        maximumFileSizeToCacheInBytes: 3_000_000,
      },
      devOptions: { enabled: false },
    }),
  ],
  // Dexie's ES2018+ build, not the ES5 UMD one its package entry re-exports (~1.3 KB gzip less on
  // the first screen); every import of 'dexie' resolves here, so there is one Dexie.
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  worker: { format: 'es', plugins: () => [ortWasmFromOcrDir()] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    // No modulepreload polyfill on the first screen: Chromium, the tablets' and desks' browser,
    // preloads modules itself (elsewhere the scripts still load, only without the early fetch).
    modulePreload: { polyfill: false },
    // Chunks shared by several entries are named `shared-…`: a shared chunk named after its first
    // module (storage's settings.ts) is then never taken for a lazily loaded screen (settings-…)
    // by tests/e2e/workbench-bundle.spec.ts.
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) =>
          chunk.isDynamicEntry ? 'assets/[name]-[hash].js' : 'assets/shared-[name]-[hash].js',
        // Everything the entry imports statically is one file (issue 13): each file is a request
        // the service worker answers while the first screen waits. Merging the 12 files took FCP
        // to 0.86× and the offline cold start's list to 0.90× (9 runs, alternating).
        codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
