/**
 * Builds the widget three ways with Vite:
 *  - dist/cdn/panel-<hash>.js  the lazy panel chunk (ES module, Preact bundled), immutable name;
 *  - dist/cdn/loader.js        the snippet's script (classic IIFE; `import()`s the panel by the
 *                              hashed name, relative to its own URL);
 *  - dist/cdn/embed.js         `createWidget` as an ES module from the relay (same panel chunk);
 *  - dist/npm/index.js         `createWidget` for bundlers (ESM, Preact external, panel split).
 * The panel is built first because the loader embeds its file name.
 */
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

const shared = {
  root,
  configFile: false,
  logLevel: 'warn',
  // Use @eyelevel/shared's TypeScript sources, so only what the widget imports is bundled.
  resolve: { conditions: ['@eyelevel/source', ...defaultClientConditions] },
  esbuild: { legalComments: 'none' },
};

// zod's sources are parsed (shared imports them) but tree-shaken out; their comment notices are noise.
const onwarn = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};

// Modules of @eyelevel/shared only define values; if nothing is used from one of them (the zod
// schemas), it must not end up in the bundle just because index.ts re-exports it.
const treeshake = {
  moduleSideEffects: (id) => !/[\\/]packages[\\/]shared[\\/]/.test(id),
};

const panel = await build({
  ...shared,
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2020',
    minify: 'esbuild',
    // Not lib mode: lib mode leaves whitespace in ES output, and this chunk is served as is.
    modulePreload: false,
    rollupOptions: {
      onwarn,
      input: 'src/panel/mount.ts',
      preserveEntrySignatures: 'exports-only',
      treeshake,
      output: { entryFileNames: 'panel-[hash].js', chunkFileNames: 'chunk-[hash].js' },
    },
  },
});
const panelFile = [panel].flat().flatMap((out) => out.output).find((chunk) => chunk.type === 'chunk' && chunk.isEntry)?.fileName;
if (!panelFile) throw new Error('panel chunk missing from the build output');

await build({
  ...shared,
  define: { __PANEL_FILE__: JSON.stringify(`./${panelFile}`) },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: false,
    target: 'es2020',
    // Every page view pays for this file: terser's extra passes buy back about 3% of the budget.
    minify: 'terser',
    terserOptions: { compress: { passes: 3, pure_getters: true, unsafe: true }, mangle: { toplevel: true } },
    lib: { entry: 'src/loader/loader.ts', formats: ['iife'], name: 'eyelevelLoader', fileName: () => 'loader.js' },
    rollupOptions: { onwarn, treeshake },
  },
});

// The same widget as an ES module from the relay (several instances without a bundler).
await build({
  ...shared,
  define: { __PANEL_FILE__: JSON.stringify(`./${panelFile}`) },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: false,
    target: 'es2020',
    minify: 'esbuild',
    modulePreload: false,
    rollupOptions: {
      onwarn,
      input: 'src/loader/module-entry.ts',
      preserveEntrySignatures: 'exports-only',
      treeshake,
      output: { entryFileNames: 'embed.js' },
    },
  },
});

await build({
  ...shared,
  build: {
    outDir: 'dist/npm',
    emptyOutDir: true,
    target: 'es2020',
    minify: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    rollupOptions: { onwarn, treeshake, external: [/^preact(\/|$)/] },
  },
});

console.log(`widget built: dist/cdn/loader.js, dist/cdn/embed.js, dist/cdn/${panelFile}, dist/npm/index.js`);
