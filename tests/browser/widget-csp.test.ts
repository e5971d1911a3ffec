/**
 * Issue 3: the widget under a strict Content-Security-Policy — nonces with 'strict-dynamic', no
 * 'unsafe-inline' for styles — records zero violations from loading the snippet to a delivered
 * reply, and message text never becomes markup or a script link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launcherOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

const NONCE = 'dGVzdC1ub25jZS0xMjM0';
const STRICT_CSP = `default-src 'self'; script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self'; connect-src *; img-src 'self'; object-src 'none'; base-uri 'none'`;

/** Records CSP violations from the first script on (init scripts run before the page's own). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)), ...console];
}

describe('widget under a strict CSP', () => {
  it('loads, opens, sends and receives with zero CSP violations', async () => {
    const url = world.hostPage('/csp.html', { nonce: NONCE, csp: STRICT_CSP });
    const page = await world.browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(url);
    await launcherOf(page).hover();
    await launcherOf(page).click();
    await sendAsVisitor(page, 'Hello under CSP');
    const conversationId = await world.visitorMessageAtAgent('Hello under CSP');
    world.agentSays(conversationId, 'Styled and scripted without unsafe-inline.');
    await page.getByText('Styled and scripted without unsafe-inline.').waitFor();

    // The styles really applied (adopted stylesheets are not blocked by style-src).
    const launcherWidth = await launcherOf(page).evaluate((el) => getComputedStyle(el).width);
    expect(launcherWidth).toBe('56px');
    const panelPosition = await page.getByRole('dialog').evaluate((el) => getComputedStyle(el).position);
    expect(panelPosition).toBe('absolute');
    expect(await violations()).toEqual([]);

    // Control: the watcher does report what this policy blocks (a style attribute).
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.setAttribute('style', 'color: red');
      document.body.append(div);
    });
    await expect.poll(async () => (await violations()).some((v) => v.startsWith('style-src'))).toBe(true);
    await page.close();
  });

  it('shows markup and javascript: links in messages as text', async () => {
    const url = world.hostPage('/xss.html', { nonce: NONCE, csp: STRICT_CSP });
    const page = await world.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const violations = await watchViolations(page);
    await page.goto(url);
    await launcherOf(page).click();
    const attack = '<img src=x onerror=alert(1)>';
    await sendAsVisitor(page, attack);
    const conversationId = await world.visitorMessageAtAgent(attack);
    world.agentSays(conversationId, 'Try javascript:alert(2) or <a href="javascript:alert(3)">this</a> or https://example.com/ok');
    await page.getByText('Try javascript:alert(2)', { exact: false }).waitFor();

    const shadow = await page.locator('eyelevel-widget').evaluate((host) => {
      const root = host.shadowRoot!;
      return {
        images: root.querySelectorAll('.bubble img').length,
        links: Array.from(root.querySelectorAll('.bubble a')).map((a) => a.getAttribute('href')),
        texts: Array.from(root.querySelectorAll('.bubble')).map((b) => b.textContent),
      };
    });
    expect(shadow.images).toBe(0);
    expect(shadow.links).toEqual(['https://example.com/ok']);
    expect(shadow.texts).toContain(attack);
    expect(shadow.texts).toContain('Try javascript:alert(2) or <a href="javascript:alert(3)">this</a> or https://example.com/ok');
    expect(dialogs).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
