/**
 * Issue 3, embedding: the documented snippet on a page from another origin than the relay.
 * The loader draws the launcher and does nothing else until intent (no socket, no storage, not
 * even the panel's code); a visitor's message reaches an agent through the relay, the reply is
 * shown with the agent's name, the host page hears it through the command API, and a reload
 * brings the conversation back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherOf, panelOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('widget embedded with the snippet', () => {
  it('opens no socket, writes no storage and loads no panel code before intent', async () => {
    const url = world.hostPage('/quiet.html');
    const page = await world.browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __sockets: number; __writes: string[] };
      w.__sockets = 0;
      w.__writes = [];
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          w.__sockets++;
        }
      };
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        w.__writes.push(key);
        return setItem.call(this, key, value);
      };
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    await launcherOf(page).waitFor();
    // Let anything the loader might do late (timers, idle callbacks) happen.
    await page.waitForTimeout(500);
    const before = await page.evaluate(() => {
      const w = window as unknown as { __sockets: number; __writes: string[] };
      return { sockets: w.__sockets, writes: w.__writes, stored: localStorage.length, cookies: document.cookie };
    });
    expect(before).toEqual({ sockets: 0, writes: [], stored: 0, cookies: '' });
    expect(requests.filter((r) => r.includes('/widget/panel-'))).toEqual([]);

    // Hover is intent enough to fetch the panel's code, not to connect.
    await launcherOf(page).hover();
    await expect.poll(() => requests.filter((r) => r.includes('/widget/panel-')).length).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __sockets: number }).__sockets)).toBe(0);

    await launcherOf(page).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __sockets: number }).__sockets)).toBe(1);
    await page.close();
  });

  it('carries a conversation from another origin to an agent and back, and keeps it across a reload', async () => {
    const url = world.hostPage('/shop.html', {
      body: `<script>
        window.eyelevel=window.eyelevel||function(){(eyelevel.q=eyelevel.q||[]).push(arguments)};
        window.__heard = [];
        eyelevel('on', 'message', function (m) { window.__heard.push(m.author.name + ': ' + m.text); });
      </script>`,
    });
    const page = await world.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await launcherOf(page).click();
    await expect.poll(() => panelOf(page).getAttribute('aria-label')).toBe('Chat with Acme web');
    await sendAsVisitor(page, 'Do you ship to Austria?');

    const conversationId = await world.visitorMessageAtAgent('Do you ship to Austria?');
    world.agentSays(conversationId, 'Yes, within 3 days.');
    const reply = page.getByText('Yes, within 3 days.');
    await reply.waitFor();
    await expect.poll(() => page.getByText('Agent Acme').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toContain(
      'Agent Acme: Yes, within 3 days.',
    );

    await page.reload();
    // A conversation exists: the panel connects without a click, and opening shows the history.
    await launcherOf(page).click();
    await page.getByText('Do you ship to Austria?').waitFor();
    await page.getByText('Yes, within 3 days.').waitFor();
    expect(await page.getByText('Do you ship to Austria?').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a message written while the relay was unreachable and delivers it once after a reload', async () => {
    const url = world.hostPage('/offline.html');
    const context = await world.browser.newContext();
    const page = await context.newPage();
    // The relay is unreachable for this page: every socket is refused.
    await page.routeWebSocket(/\/ws\/visitor/, (ws) => ws.close({ code: 1013, reason: 'unavailable' }));
    await page.goto(url);
    await launcherOf(page).click();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    await sendAsVisitor(page, 'Written on a train');
    await page.getByText('Sending…').waitFor();
    await page.close();

    // The same visitor comes back (same storage) and the relay is reachable again.
    const again = await context.newPage();
    await again.goto(url);
    const conversationId = await world.visitorMessageAtAgent('Written on a train');
    await launcherOf(again).click();
    await expect.poll(() => again.getByText('Written on a train').count()).toBe(1);
    await expect.poll(() => again.getByText('Sending…').count()).toBe(0);
    const stored = await world.relay.storage.events.read(world.relay.tenant.workspaceId, conversationId, 0, 50);
    expect(stored.filter((e) => e.kind === 'message' && e.text === 'Written on a train')).toHaveLength(1);
    await context.close();
  });
});
