/**
 * Issue 2: the demo page works in a real browser — the widget embedded with the documented
 * snippet connects, a visitor's message reaches an agent, the agent's reply appears with the
 * agent's name, and a reload keeps the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { connectAgent } from '../support/clients.js';

let harness: RelayHarness;
let browser: Browser;

beforeAll(async () => {
  harness = await startRelay({ demo: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('demo page', () => {
  it('carries a conversation between the widget and an agent, and keeps it across a reload', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${harness.url}/demo`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const composer = page.getByRole('textbox', { name: 'Your message' });
    await composer.fill('Where is my parcel?');
    await composer.press('Enter');

    const event = await agent.socket.next(
      (f) => f.type === 'event' && (f.event as { kind: string }).kind === 'message',
      10_000,
    );
    expect((event.event as { text: string }).text).toBe('Where is my parcel?');
    agent.socket.send({ type: 'send', conversationId: event.conversationId, id: 'reply-1', text: 'It arrives tomorrow.' });

    await expect.poll(() => page.getByText('It arrives tomorrow.').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText('Agent Acme').count()).toBeGreaterThan(0);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => page.getByText('Where is my parcel?').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText('It arrives tomorrow.').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
