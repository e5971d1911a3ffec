/**
 * Issue 3, accessibility: keyboard-only use (Tab to the launcher, Enter opens with focus in the
 * composer, Enter sends, Escape closes and focus returns to the launcher) and an axe-core scan of
 * the open panel with a conversation in it, against WCAG 2.x A/AA rules, in light and dark mode.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { composerOf, launcherOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';

// axe-core is a dev dependency of the widget package.
const require = createRequire(new URL('../../packages/widget/package.json', import.meta.url));
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Where focus is, looking through the widget's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement ?? null;
    const el = inner ?? active;
    return el ? `${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}` : null;
  });

describe('widget accessibility', () => {
  it('works with the keyboard alone', async () => {
    const url = world.hostPage('/keyboard.html');
    const page = await world.browser.newPage();
    await page.goto(url);
    await launcherOf(page).waitFor();
    // The host page's link comes first, then the launcher.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button[part=launcher]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('textarea');
    await page.keyboard.type('Sent with the keyboard only');
    await page.keyboard.press('Enter');
    await world.visitorMessageAtAgent('Sent with the keyboard only');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await focused(page)).toBe('button[part=launcher]');
    expect(await launcherOf(page).getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no WCAG A/AA violations in the open panel (${colorScheme})`, async () => {
      const url = world.hostPage(`/axe-${colorScheme}.html`);
      const page = await world.browser.newPage({ colorScheme });
      await page.goto(url);
      await launcherOf(page).click();
      await sendAsVisitor(page, `Question in ${colorScheme} mode, see https://example.com/faq`);
      const conversationId = await world.visitorMessageAtAgent(`Question in ${colorScheme} mode, see https://example.com/faq`);
      world.agentSays(conversationId, 'Here is the answer: https://example.com/answer');
      await page.getByText('Here is the answer:', { exact: false }).waitFor();
      await composerOf(page).fill('draft');

      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
        }).axe;
        const r = await axe.run(
          { include: [['eyelevel-widget']] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
        );
        return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
      expect(result).toEqual([]);
      await page.close();
    });
  }
});
