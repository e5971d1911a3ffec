/**
 * Issue 3: the examples use exactly the documented snippet (the output of `renderSnippet`), and
 * they work: the plain page's button opens the chat through the queued command API, and the
 * careers page shows an inline recruiting panel beside the support launcher, each with its own
 * conversation. The identity example's HMAC and JWT are checked against independent values.
 */
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSnippet } from '@eyelevel/shared';
import { launcherOf, startWidgetWorld, type WidgetWorld } from './widget-world.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const read = (path: string): string => readFileSync(`${examples}${path}`, 'utf8');
const DOCUMENTED = renderSnippet({ relayUrl: 'http://localhost:8787', siteKey: 'YOUR_SITE_KEY' });

/** What examples/serve.mjs does: put a real relay URL and site key into the snippet. */
const fillIn = (html: string, relayUrl: string, siteKey: string): string =>
  html.replaceAll('http://localhost:8787', relayUrl).replaceAll('YOUR_SITE_KEY', siteKey);

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('examples', () => {
  it('embed exactly the documented snippet', async () => {
    for (const page of ['plain-html/index.html', 'careers/index.html']) {
      expect(read(page), page).toContain(DOCUMENTED);
    }
    const server = (await import(pathToFileURL(`${examples}identity-backend/server.mjs`).href)) as {
      renderPage: (relayUrl: string, siteKey: string) => string;
    };
    expect(server.renderPage('https://chat.example.com', 'pk_abc')).toContain(
      renderSnippet({ relayUrl: 'https://chat.example.com', siteKey: 'pk_abc' }),
    );
  });

  it('the identity backend signs the way the docs say (HMAC-SHA256 hex, HS256 JWT)', async () => {
    const identity = (await import(pathToFileURL(`${examples}identity-backend/identity.mjs`).href)) as {
      identityHash: (id: string, secret: string) => string;
      identityJwt: (user: { id: string; name: string; email: string }, secret: string) => string;
    };
    // RFC 4231-style known answer, computed independently of the example.
    expect(identity.identityHash('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    const jwt = identity.identityJwt({ id: 'u1', name: 'Dana', email: 'dana@example.com' }, 's3cret');
    const [header, payload, signature] = jwt.split('.');
    expect(createHmac('sha256', 's3cret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; exp: number; iat: number };
    expect(claims.sub).toBe('u1');
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('plain page: a host button opens the chat through the command API', async () => {
    world.pages.setPage('/plain.html', { body: fillIn(read('plain-html/index.html'), world.relay.url, world.relay.tenant.siteKey) });
    const page = await world.browser.newPage();
    await page.goto(`${world.pages.origin}/plain.html`);
    await launcherOf(page).waitFor();
    await page.getByRole('button', { name: 'Ask about my order' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await launcherOf(page).getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('careers page: an inline recruiting panel beside the support launcher, each its own conversation', async () => {
    world.pages.setPage('/careers.html', { body: fillIn(read('careers/index.html'), world.relay.url, world.relay.tenant.siteKey) });
    const page = await world.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${world.pages.origin}/careers.html`);
    await launcherOf(page).waitFor();
    const inline = page.locator('#ask-recruiters').getByRole('textbox', { name: 'Your message' });
    await inline.fill('Is the role open to juniors?');
    await inline.press('Enter');
    const recruiting = await world.visitorMessageAtAgent('Is the role open to juniors?');

    await launcherOf(page).click();
    const support = page.getByRole('dialog').getByRole('textbox', { name: 'Your message' });
    await support.fill('My order is late');
    await support.press('Enter');
    const supportConversation = await world.visitorMessageAtAgent('My order is late');
    expect(supportConversation).not.toBe(recruiting);

    world.agentSays(recruiting, 'Yes, juniors are welcome.');
    await page.locator('#ask-recruiters').getByText('Yes, juniors are welcome.').waitFor();
    expect(await page.getByRole('dialog').getByText('Yes, juniors are welcome.').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
