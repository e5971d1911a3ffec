/**
 * Issue 3, delivery in the browser: two tabs of the same site share one socket (Web Locks +
 * BroadcastChannel) and show the same unread count; when the tab owning the socket closes, the
 * other one takes over and still receives replies.
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

const badgeOf = (page: Page) =>
  page.locator('eyelevel-widget').evaluate((host) => {
    const badge = host.shadowRoot!.querySelector<HTMLElement>('[part=badge]')!;
    return badge.hidden ? 0 : Number(badge.textContent);
  });

describe('widget in several tabs', () => {
  it('shares one socket and one unread count, and hands the socket over when its tab closes', async () => {
    const url = world.hostPage('/tabs.html');
    const context = await world.browser.newContext();
    const sockets = new Map<Page, number>();
    const track = (page: Page): Page => {
      sockets.set(page, 0);
      page.on('websocket', (ws) => {
        if (ws.url().includes('/ws/visitor')) sockets.set(page, (sockets.get(page) ?? 0) + 1);
      });
      return page;
    };

    const first = track(await context.newPage());
    await first.goto(url);
    await launcherOf(first).click();
    await sendAsVisitor(first, 'Asked in the first tab');
    const conversationId = await world.visitorMessageAtAgent('Asked in the first tab');
    await launcherOf(first).click(); // close the panel again

    const second = track(await context.newPage());
    await second.goto(url);
    // The conversation exists, so the second tab loads its panel at once, as a follower.
    await expect.poll(() => second.locator('eyelevel-widget [part=panel]').count()).toBe(1);
    await second.waitForTimeout(300);
    expect([sockets.get(first), sockets.get(second)]).toEqual([1, 0]);

    world.agentSays(conversationId, 'First answer');
    world.agentSays(conversationId, 'Second answer');
    await expect.poll(() => badgeOf(first)).toBe(2);
    await expect.poll(() => badgeOf(second)).toBe(2);

    // Reading in one tab clears the badge in both.
    await launcherOf(second).click();
    await second.getByText('Second answer').waitFor();
    await expect.poll(() => badgeOf(second)).toBe(0);
    await expect.poll(() => badgeOf(first)).toBe(0);

    // The socket's tab closes: the second tab takes over and still gets replies.
    await first.close();
    await expect.poll(() => sockets.get(second)).toBe(1);
    world.agentSays(conversationId, 'After the handover');
    await second.getByText('After the handover').waitFor();
    expect(await second.getByText('First answer').count()).toBe(1);
    await context.close();
  });
});
