import { defineConfig } from 'vitest/config';

// One runner for every suite: unit (analysis, surveys), API in-process on a real libSQL file,
// the Workers smoke suite (wrangler dev) and browser tests (Debian's Chromium).
export default defineConfig({
  test: {
    include: ['analysis/**/*.test.ts', 'surveys/**/*.test.ts', 'api/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
