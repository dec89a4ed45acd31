import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/storage/**/*.test.ts',
      'tests/server/**/*.test.ts',
      'tests/catalog/**/*.test.ts',
      'tests/ocr/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
