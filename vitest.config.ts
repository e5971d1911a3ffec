/**
 * One test run for the whole repository: unit tests beside the code in every package, and the
 * cross-package flows in tests/. Workspace packages resolve to their sources, so tests never
 * run against a stale build (except the tests that start the built relay as a process).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@eyelevel/shared': source('./packages/shared/src/index.ts'),
      '@eyelevel/relay': source('./packages/relay/src/index.ts'),
    },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI also writes vitest's JSON report; .ci/run counts passed and failed tests from it.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-report.json' },
  },
});
