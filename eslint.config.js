// Lint keeps the architecture's boundaries (see README "Architecture").
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const serverOnly = {
  group: [
    '**/ui/**',
    '**/storage/**',
    '**/state/**',
    '**/workers/**',
    '**/pwa/**',
    '**/scripts/**',
    'dexie',
    'preact',
    'preact/*',
  ],
  message: 'The server imports domain and catalogue only.',
};
const storeInternals = {
  group: ['**/store/sqlite', '**/store/sql-store', '**/store/migrations', '**/store/repos/**'],
  message: 'Outside src/server/store, talk to the Store (src/server/store): SQL stays in its repositories.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-server/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'bench/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Everything but storage: dexie stays behind the storage module.
  {
    files: ['src/**/*.{ts,tsx}', 'sw/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: restrict([{ group: ['dexie', 'dexie/*'], message: 'Only src/storage may import dexie.' }]),
  },
  // Domain is pure: it imports nothing of the project and no runtime-specific library.
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([
      {
        regex: '^(\\.\\./)+(storage|sync|workers|state|ui|pwa|server|catalog)(/|$)',
        message: 'src/domain imports nothing of the project.',
      },
      {
        group: ['node:*', 'dexie', 'preact', 'preact/*', 'comlink', 'fastify'],
        message: 'src/domain is pure: zod and itself only.',
      },
    ]),
  },
  {
    files: ['src/catalog/**/*.ts'],
    rules: restrict([
      {
        group: ['**/storage/**', '**/sync/**', '**/ui/**', '**/state/**', '**/server/**', 'dexie'],
        message: 'The catalogue is data over the domain.',
      },
    ]),
  },
  { files: ['src/server/**/*.ts'], rules: restrict([serverOnly]) },
  { files: ['src/server/**/*.ts'], ignores: ['src/server/store/**'], rules: restrict([serverOnly, storeInternals]) },
  // Push and the reviewer desk share case rules through src/server/cases, not through each other.
  {
    files: ['src/server/review/**/*.ts'],
    rules: restrict([
      serverOnly,
      storeInternals,
      { group: ['../sync', '../sync/**'], message: 'Shared case logic lives in src/server/cases.' },
    ]),
  },
  {
    files: ['src/server/sync/**/*.ts'],
    rules: restrict([
      serverOnly,
      storeInternals,
      {
        group: ['../review', '../review/**', '../../review', '../../review/**'],
        message: 'Shared case logic lives in src/server/cases.',
      },
    ]),
  },
  {
    files: ['sw/**/*.ts'],
    rules: restrict([
      {
        group: ['**/ui/**', '**/state/**', '**/workers/**', '**/pwa/**', 'preact', 'preact/*', 'dexie'],
        message: 'The service worker imports only sync, storage and domain.',
      },
    ]),
  },
  // What a start of the worker reads and evaluates is what it needs to answer the page (issue 13):
  // the drain, its storage and AES-GCM are sw-sync.js, a script of their own (sw/sync-script.ts),
  // imported at install and at the first `sync` (sw/sync-script-loader.ts).
  {
    files: ['sw/**/*.ts'],
    ignores: ['sw/sync-script.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sync/drain', '**/sync/storage-ports', '**/storage/cipher', '@noble/ciphers/*', 'zod'],
              allowTypeImports: true,
              message: 'Part of sw-sync.js, loaded at the first sync event: import it in sw/sync-script.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/net/**/*.ts'],
    rules: restrict([
      {
        group: [
          '**/ui/**',
          '**/state/**',
          '**/storage/**',
          '**/sync/**',
          '**/workers/**',
          '**/server/**',
          '**/pwa/**',
          'dexie',
          'preact',
          'preact/*',
        ],
        message: 'src/net is the one HTTP client: it imports the domain only.',
      },
    ]),
  },
  {
    // src/ocr is the OCR worker and its bridge (issue 16): the same rules as src/workers.
    files: ['src/workers/**/*.ts', 'src/ocr/**/*.ts'],
    rules: restrict([
      {
        group: ['**/ui/**', '**/state/**', '**/storage/**', 'preact', 'preact/*'],
        message: 'Workers never import UI or storage.',
      },
    ]),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: restrict([
      {
        group: ['**/storage/**', 'dexie', 'comlink'],
        message: 'UI reads state and calls actions; it never touches storage or workers directly.',
      },
    ]),
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/workers/**', 'src/ocr/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='wrap']", message: 'Only src/workers bridges call Comlink wrap().' },
      ],
    },
  },
);
