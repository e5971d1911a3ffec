/**
 * Build and test config for the console. The relay serves `dist/` at `/console/`, so every asset
 * URL carries that base. JSX goes through esbuild (no babel preset) and `@eyelevel/shared` is
 * read from source so tests and builds never depend on a stale `dist/`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: { conditions: ['@eyelevel/source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships /*#__PURE__*/ comments in places Rollup ignores; harmless, and noisy.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  test: {
    name: 'console',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
