/**
 * Issue 2, the agent's side in a real browser: an agent signs in to the console the relay serves
 * at /console/, sees a web chat arrive without reloading, replies and resolves it, and the
 * visitor receives both. Visitor text that looks like HTML stays text, and signing out revokes
 * the session on the relay, not just in the tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { signInConsole } from '../support/console-page.js';
import { connectAgent, connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let browser: Browser;

beforeAll(async () => {
  harness = await startRelay();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function signIn(page: Page): Promise<void> {
  await signInConsole(page, harness.url, harness.tenant.agentEmail);
}

describe('agent console', () => {
  it('shows a new web chat without reload, and carries the reply and the resolve to the visitor', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page);
    const queue = page.getByRole('listbox', { name: 'Conversations' });

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    expect(visitor.welcome.type).toBe('welcome');
    visitor.socket.send({ type: 'send', id: 'v-1', text: 'Is the blue jacket back in stock?' });

    const row = queue.getByRole('option').filter({ hasText: 'Is the blue jacket back in stock?' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Visitor');
    await row.click();

    const log = page.getByRole('list', { name: 'Messages' });
    await expect.poll(() => log.getByText('Is the blue jacket back in stock?').count(), { timeout: 10_000 }).toBe(1);

    const composer = page.getByRole('textbox', { name: 'Reply' });
    await composer.fill('Yes, since this morning.');
    await composer.press('Enter');
    const reply = await visitor.socket.next(
      (f) => f.type === 'event' && (f.event as { kind: string; text?: string }).text === 'Yes, since this morning.',
      10_000,
    );
    expect((reply.event as { author: { name: string } }).author.name).toBe('Agent Acme');
    // Confirmed: the pending copy is gone and the logged one is signed with the agent's name.
    await expect.poll(() => page.locator('[data-client-id]').count(), { timeout: 10_000 }).toBe(0);
    const logged = log.locator('li[data-seq]').filter({ hasText: 'Yes, since this morning.' });
    await expect.poll(() => logged.count()).toBe(1);
    expect(await logged.textContent()).toContain('Agent Acme');

    // A second visitor message arrives live in the open conversation.
    visitor.socket.send({ type: 'send', id: 'v-2', text: 'Great, thanks!' });
    await expect.poll(() => log.getByText('Great, thanks!').count(), { timeout: 10_000 }).toBe(1);

    await page.getByRole('button', { name: 'Resolve' }).click();
    const resolved = await visitor.socket.next(
      (f) => f.type === 'event' && (f.event as { kind: string; change?: string }).change === 'resolved',
      10_000,
    );
    expect((resolved.event as { status: string }).status).toBe('resolved');
    await page.getByRole('button', { name: 'Reopen' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => log.getByText('Agent Acme resolved the conversation').count()).toBe(1);

    expect(errors).toEqual([]);
    visitor.socket.close();
    await page.close();
  });

  it('shows a visitor message that looks like HTML as text and runs none of it', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page);
    const payload = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>';
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'x-1', text: payload });

    const row = page.getByRole('option').filter({ hasText: 'onerror' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const log = page.getByRole('list', { name: 'Messages' });
    await expect.poll(() => log.getByText(payload, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await log.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('reconnects after the line drops, takes the new queue snapshot and fills in what it missed', async () => {
    const page = await browser.newPage();
    // Every agent socket goes through this route, so the test can cut the line like a network would.
    const lines: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws\/agent$/, (route) => {
      route.connectToServer();
      lines.push(route);
    });
    await signIn(page);
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'r-1', text: 'Before the drop' });
    const row = page.getByRole('option').filter({ hasText: 'Before the drop' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const log = page.getByRole('list', { name: 'Messages' });
    await expect.poll(() => log.getByText('Before the drop').count(), { timeout: 10_000 }).toBe(1);

    // Hold back reconnects until the visitors have written while the console was away.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.unrouteAll();
    await page.routeWebSocket(/\/ws\/agent$/, async (route) => {
      await held;
      route.connectToServer();
      lines.push(route);
    });
    expect(lines.length).toBe(1);
    await lines[0]!.close({ code: 1001, reason: 'network change' });
    await page.getByText(/Offline —/).waitFor({ timeout: 10_000 });

    visitor.socket.send({ type: 'send', id: 'r-2', text: 'Missed while offline' });
    await visitor.socket.next((f) => f.type === 'ack' && f.id === 'r-2');
    const newcomer = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    newcomer.socket.send({ type: 'send', id: 'n-1', text: 'New while offline' });
    await newcomer.socket.next((f) => f.type === 'ack' && f.id === 'n-1');
    release();

    await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => log.getByText('Missed while offline').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => log.getByText('Before the drop').count()).toBe(1);
    await page.getByRole('option').filter({ hasText: 'New while offline' }).waitFor({ timeout: 10_000 });
    visitor.socket.close();
    newcomer.socket.close();
    await page.close();
  });

  it('revokes the session on the relay when the agent signs out', async () => {
    const page = await browser.newPage();
    await signIn(page);
    const token = await page.evaluate(() => {
      const raw = sessionStorage.getItem('eyelevel.console.session');
      return raw ? (JSON.parse(raw) as { token: string }).token : null;
    });
    expect(token).toBeTruthy();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await expect
      .poll(async () => {
        const agent = await connectAgent(harness.wsUrl, token!);
        agent.socket.close();
        return agent.welcome.type === 'error' ? agent.welcome.code : agent.welcome.type;
      }, { timeout: 10_000 })
      .toBe('UNAUTHORIZED');
    await page.close();
  });
});
