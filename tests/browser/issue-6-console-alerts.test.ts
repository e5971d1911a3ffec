/**
 * Issue 6 in a real browser: a lead adds a spike rule in the console's Admin → Alerts tab; a
 * burst of web chat messages then raises an alert that every signed-in console shows at once as
 * a banner (text only); one agent dismisses it, the other still sees it, and the Alerts list
 * keeps it. The relay's alert clock is the test's, so nothing waits for a minute to pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { signInConsole } from '../support/console-page.js';
import { connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let browser: Browser;
const clock = Date.UTC(2026, 10, 21, 10, 0, 0);

beforeAll(async () => {
  harness = await startRelay({
    routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 },
    alerts: { now: () => clock, tickMs: 0 },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await signInConsole(page, harness.url, email);
}

describe('spike alerts in the console', () => {
  it('a lead’s rule raises a banner in every console; dismissing hides it in one console only', async () => {
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const errors: string[] = [];
    const leadContext = await browser.newContext();
    const leadPage = await leadContext.newPage();
    leadPage.on('pageerror', (error) => errors.push(error.message));
    await signIn(leadPage, lead.email);
    const agentPage = await browser.newPage();
    agentPage.on('pageerror', (error) => errors.push(error.message));
    await signIn(agentPage, harness.tenant.agentEmail);

    // The lead adds the rule in Admin → Alerts.
    await leadPage.getByRole('button', { name: 'Admin', exact: true }).click();
    await leadPage.getByRole('tab', { name: 'Alerts' }).click();
    const form = leadPage.getByRole('form', { name: 'New spike rule' });
    await form.getByLabel('Rule name').fill('Web <b>rush</b>');
    await form.getByLabel('Window (minutes)').fill('1');
    await form.getByLabel('Baseline (windows before)').fill('3');
    await form.getByLabel('Warning: at least').fill('3');
    await form.getByLabel('Critical level').uncheck();
    await form.getByRole('button', { name: 'Add rule' }).click();
    await leadPage.getByRole('button', { name: 'Edit Web <b>rush</b>' }).waitFor({ timeout: 10_000 });
    await leadPage.getByRole('button', { name: 'Inbox', exact: true }).click();

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    for (const id of ['v1', 'v2', 'v3', 'v4']) {
      visitor.socket.send({ type: 'send', id, text: `Is checkout broken? ${id}` });
      await visitor.socket.next((f) => f.type === 'ack' && f.id === id);
    }
    const raised = await harness.relay.spikes.tick();
    expect(raised).toHaveLength(1);

    const text = 'Warning: 4 in 1 min on Acme web (usually 0) — Web <b>rush</b>';
    for (const page of [leadPage, agentPage]) {
      const banner = page.getByRole('status', { name: 'Spike alert' });
      await banner.getByText(text).waitFor({ timeout: 10_000 });
      expect(await banner.locator('b').count()).toBe(0);
    }
    await agentPage.getByRole('status', { name: 'Spike alert' }).getByRole('button', { name: /^Dismiss/ }).click();
    await expect.poll(() => agentPage.getByRole('status', { name: 'Spike alert' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await leadPage.getByRole('status', { name: 'Spike alert' }).count()).toBe(1);
    await agentPage.getByRole('button', { name: /^Alerts/ }).click();
    await agentPage.getByRole('list', { name: 'Spike alerts' }).getByText(text, { exact: false }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    visitor.socket.close();
    await leadContext.close();
  });
});
