/**
 * Issue 3, "the host page stays in control": when the relay is unreachable the page keeps
 * working and no click is blocked; the widget follows the page's writing direction, the
 * snippet's position and z-index settings, and goes full-screen on a phone; and a page restored
 * from the back/forward cache catches up on what it missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { renderSnippet } from '@eyelevel/shared';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.js';
import { launcherOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

const box = (page: import('playwright-core').Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
  });

describe('host page stays in control', () => {
  it('keeps working when the relay is down: the page is clickable and the widget only says so', async () => {
    const url = world.hostPage('/down.html', {
      body: '<button type="button" id="buy" onclick="this.textContent=\'Bought\'">Buy</button>',
    });
    const page = await world.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.routeWebSocket(/\/ws\/visitor/, (ws) => ws.close({ code: 1006 }));
    await page.goto(url);
    await launcherOf(page).click();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    await page.getByRole('button', { name: 'Buy' }).click();
    expect(await page.locator('#buy').textContent()).toBe('Bought');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a loader that cannot be fetched leaves the page and its queued commands harmless', async () => {
    world.pages.setPage('/no-relay.html', {
      body: `<!doctype html><html lang="en"><body><a href="#x" id="link" onclick="this.textContent='clicked'">link</a>
${renderSnippet({ relayUrl: 'http://127.0.0.1:9', siteKey: 'pk_none' })}
<script>eyelevel('open'); eyelevel('on', 'ready', function () {});</script></body></html>`,
    });
    const page = await world.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${world.pages.origin}/no-relay.html`);
    await page.locator('#link').click();
    expect(await page.locator('#link').textContent()).toBe('clicked');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sits at the inline end of right-to-left pages, and honours position and z-index', async () => {
    world.pages.setPage('/rtl.html', {
      body: `<!doctype html><html lang="ar" dir="rtl"><body><p>مرحبا</p>
${renderSnippet({ relayUrl: world.relay.url, siteKey: world.relay.tenant.siteKey })}</body></html>`,
    });
    const page = await world.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${world.pages.origin}/rtl.html`);
    await launcherOf(page).waitFor();
    expect((await box(page, 'eyelevel-widget')).x).toBe(20);

    const html = renderSnippet({ relayUrl: world.relay.url, siteKey: world.relay.tenant.siteKey }).replace(
      'data-site-key=',
      'data-position="left" data-z-index="5" data-site-key=',
    );
    world.pages.setPage('/left.html', { body: `<!doctype html><html lang="en"><body>${html}</body></html>` });
    await page.goto(`${world.pages.origin}/left.html`);
    await launcherOf(page).waitFor();
    expect((await box(page, 'eyelevel-widget')).x).toBe(20);
    expect(await page.locator('eyelevel-widget').evaluate((el) => getComputedStyle(el).zIndex)).toBe('5');
    await page.close();
  });

  it('fills the screen on a phone', async () => {
    const url = world.hostPage('/phone.html');
    const page = await world.browser.newPage({ viewport: { width: 375, height: 667 } });
    await page.goto(url);
    await launcherOf(page).click();
    await page.getByRole('dialog').waitFor();
    // Polled: the panel rises into place with a short animation.
    await expect.poll(() => box(page, 'eyelevel-widget [part=panel]')).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    await page.close();
  });

  it('catches up after a back/forward-cache restore', async () => {
    // Playwright turns the bfcache off by default; this test needs it on.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_FLAGS,
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    try {
      const url = world.hostPage('/bfcache.html');
      world.pages.setPage('/elsewhere.html', { body: '<!doctype html><html lang="en"><body>elsewhere</body></html>' });
      const page = await browser.newPage();
      await page.goto(url);
      await launcherOf(page).click();
      await sendAsVisitor(page, 'Going away for a moment');
      const conversationId = await world.visitorMessageAtAgent('Going away for a moment');
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.goto(`${world.pages.origin}/elsewhere.html`);
      world.agentSays(conversationId, 'Answered while you were away');
      await page.waitForTimeout(300);
      // A bfcache restore fires no load event; wait for the navigation to commit instead.
      await page.goBack({ waitUntil: 'commit' });
      // Restored from the bfcache: the same document, with the panel still open.
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      await page.getByText('Answered while you were away').waitFor();
    } finally {
      await browser.close();
    }
  });
});
