/**
 * The widget's size budget, checked after every build (issue 3): the loader every page view
 * pays for must stay <= 2 KB gzip, and everything a visitor downloads once the panel is open
 * (loader + panel + its chunks, each gzipped as it travels) <= 30 KB gzip. Exits 1 over budget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LOADER_BUDGET = 2 * 1024;
const OPEN_BUDGET = 30 * 1024;

const cdn = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const gz = (file) => gzipSync(readFileSync(join(cdn, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const files = readdirSync(cdn).filter((f) => f.endsWith('.js'));
if (!files.includes('loader.js')) {
  console.error('check-size: dist/cdn/loader.js is missing; run the build first');
  process.exit(1);
}
const loader = gz('loader.js');
// embed.js is the ES-module alternative to loader.js (a page loads one or the other, and it is
// the same size class); every other script in dist/cdn is loaded when the panel opens.
const open = files.filter((f) => f !== 'embed.js').reduce((sum, f) => sum + gz(f), 0);

const loaderOk = loader <= LOADER_BUDGET;
const openOk = open <= OPEN_BUDGET;
console.log(`loader:           ${kb(loader)} gzip (budget ${kb(LOADER_BUDGET)}) ${loaderOk ? 'ok' : 'OVER BUDGET'}`);
console.log(`with panel open:  ${kb(open)} gzip (budget ${kb(OPEN_BUDGET)}) ${openOk ? 'ok' : 'OVER BUDGET'}`);
for (const f of files) console.log(`  ${f}: ${gz(f)} bytes gzip${f === 'embed.js' ? ' (ES-module alternative to loader.js)' : ''}`);
const embedOk = !files.includes('embed.js') || gz('embed.js') <= LOADER_BUDGET;
if (!embedOk) console.log('embed.js: OVER the loader budget');
if (!loaderOk || !openOk || !embedOk) process.exit(1);
