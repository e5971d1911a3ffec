#!/usr/bin/env node
/**
 * Serves the examples on http://localhost:5500 with your relay URL and site key filled into
 * the snippet, so you can try them without editing files:
 *
 *   RELAY_URL=http://localhost:8787 SITE_KEY=pk_... node examples/serve.mjs
 *
 * The site must allow the origin http://localhost:5500 (eyelevel site create ... --origin
 * http://localhost:5500). No dependencies; Node >= 20.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const relayUrl = (process.env.RELAY_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
const siteKey = process.env.SITE_KEY ?? 'YOUR_SITE_KEY';
const port = Number(process.env.PORT ?? 5500);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript' };

/** The pages hold the documented snippet for the defaults; only these two values change. */
export function fillIn(html, { relay = relayUrl, key = siteKey } = {}) {
  return html.replaceAll('http://localhost:8787', relay).replaceAll('YOUR_SITE_KEY', key);
}

const server = createServer(async (request, response) => {
  let path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  if (path.endsWith('/')) path += 'index.html';
  if (path.includes('..') || path.includes('node_modules')) return response.writeHead(404).end();
  try {
    const file = await readFile(join(root, path));
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type });
    response.end(type.startsWith('text/html') ? fillIn(file.toString('utf8')) : file);
  } catch {
    response.writeHead(404).end('not found');
  }
});

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  server.listen(port, '127.0.0.1', () => {
    console.log(`examples on http://localhost:${port}/plain-html/ and http://localhost:${port}/careers/`);
    console.log(`relay ${relayUrl}, site key ${siteKey}`);
  });
}
