#!/usr/bin/env node
/**
 * A host site's backend in a few lines: it knows who is signed in and vouches for them to the
 * widget. The page asks /api/chat-identity and passes the answer to `eyelevel('identify', ...)`.
 *
 *   EYELEVEL_IDENTITY_SECRET=... RELAY_URL=http://localhost:8787 SITE_KEY=pk_... node examples/identity-backend/server.mjs
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { identityHash, identityJwt } from './identity.mjs';

// Stands in for your session lookup.
const signedInUser = { id: 'user-1042', name: 'Dana Schmidt', email: 'dana@example.com' };

/** JSON that is safe inside a <script> element (no `</script>` or `<!--` can end it early). */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The account page: the documented snippet, then identify with what the server vouched for.
 * Rendered into the page, `identify` is queued before the widget connects, so its first hello
 * already carries the proof. (A single-page app can fetch /api/chat-identity instead; the
 * widget then sends an `identify` frame and the relay switches it to the user's conversation.)
 */
export function renderPage(relayUrl, siteKey, identity) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My account</title></head>
<body><h1>Hello, ${signedInUser.name}</h1>
<script>window.eyelevel=window.eyelevel||function(){(eyelevel.q=eyelevel.q||[]).push(arguments)};</script>
<script async src="${relayUrl}/widget/loader.js" data-site-key="${siteKey}"></script>
${identity ? `<script>eyelevel('identify', ${scriptJson(identity)});</script>` : ''}
</body></html>`;
}

export function identityFor(user, secret) {
  // Either field is enough; both are shown here (when both come, the relay checks the jwt).
  return { ...user, hash: identityHash(user.id, secret), jwt: identityJwt(user, secret) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const secret = process.env.EYELEVEL_IDENTITY_SECRET;
  if (!secret) throw new Error('set EYELEVEL_IDENTITY_SECRET to the site identity secret');
  const page = renderPage(
    process.env.RELAY_URL ?? 'http://localhost:8787',
    process.env.SITE_KEY ?? 'YOUR_SITE_KEY',
    identityFor(signedInUser, secret),
  );
  createServer((request, response) => {
    if (request.url === '/api/chat-identity') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(identityFor(signedInUser, secret)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  }).listen(5600, '127.0.0.1', () => console.log('identity example on http://localhost:5600'));
}
