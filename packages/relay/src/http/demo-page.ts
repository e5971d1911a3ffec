/**
 * The demo page at /demo: a plain host page that embeds the widget with exactly the documented
 * snippet, for a first look and for the README's quick start.
 */
import { Hono } from 'hono';
import { renderSnippet } from '@eyelevel/shared';

export interface DemoDeps {
  /** The public key of the demo site, or null when the relay runs without a demo. */
  siteKey: () => string | null;
}

export function demoRoutes({ siteKey }: DemoDeps): Hono {
  const app = new Hono();
  app.get('/demo', (c) => {
    const key = siteKey();
    if (!key) return c.json({ error: { code: 'NOT_FOUND', message: 'start the relay with --demo' } }, 404);
    const relayUrl = new URL(c.req.url).origin;
    return c.html(demoHtml(renderSnippet({ relayUrl, siteKey: key })));
  });
  app.get('/', (c) => c.redirect(siteKey() ? '/demo' : '/console/'));
  return app;
}

function demoHtml(snippet: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eyelevel demo</title>
</head>
<body>
<main>
<h1>eyelevel demo shop</h1>
<p>This page embeds the eyelevel widget with the documented snippet. Open the chat at the bottom
corner, write something, and answer it from the <a href="/console/">agent console</a>.</p>
</main>
${snippet}
</body>
</html>`;
}
