/**
 * Issue 6 in a real browser: a site asks for its web chats to be reviewed; agent A's reply
 * becomes a draft the visitor does not get, A is told they cannot approve it themselves, and
 * agent B, in another browser context, finds it under "Needs review" and approves it; the
 * visitor then receives it under A's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { signInConsole } from '../support/console-page.js';
import { connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let browser: Browser;

beforeAll(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await signInConsole(page, harness.url, email);
}

describe('four-eyes review in the console', () => {
  it('a colleague approves a web chat draft and the visitor receives it under its author’s name', async () => {
    const { workspaceId, siteId } = harness.tenant;
    await harness.storage.reviews.setPolicy(workspaceId, 'site', siteId, { all: true, trainees: false, keywords: [], highReachAuthors: [] }, Date.now());
    const reviewer = await harness.addAgent(harness.tenant, { initials: 'rv' });
    const errors: string[] = [];

    const pageA = await browser.newPage();
    pageA.on('pageerror', (error) => errors.push(error.message));
    await signIn(pageA, harness.tenant.agentEmail);
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    pageB.on('pageerror', (error) => errors.push(error.message));
    await signIn(pageB, reviewer.email);

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v-1', text: 'Can I get a refund?' });

    const rowA = pageA.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'Can I get a refund?' });
    await rowA.waitFor({ timeout: 10_000 });
    await rowA.click();
    await pageA.getByRole('button', { name: 'Claim' }).click();
    await pageA.getByText('Assigned to Agent Acme (^ab)').waitFor({ timeout: 10_000 });
    const composer = pageA.getByRole('textbox', { name: 'Reply' });
    await composer.fill('Yes, your refund is on its way.');
    await composer.press('Enter');
    // A's reply waits as a draft; its author sees why there is nothing to click.
    await pageA.getByText('its author cannot approve it', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await pageA.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);

    const rowB = pageB.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'Can I get a refund?' });
    await rowB.waitFor({ timeout: 10_000 });
    await rowB.click();
    const review = pageB.getByRole('group', { name: /^Review draft #\d+$/ });
    await review.waitFor({ timeout: 10_000 });
    await pageB.getByLabel('Needs review').check();
    await rowB.waitFor({ timeout: 10_000 });
    // Until a colleague approves, the visitor has nothing of the reply's text.
    expect(JSON.stringify(visitor.socket.frames)).not.toContain('refund is on its way');
    await review.getByRole('button', { name: 'Approve', exact: true }).click();

    const reply = await visitor.socket.next((f) => {
      const event = f.event as { kind?: string; text?: string } | undefined;
      return f.type === 'event' && event?.kind === 'message' && event.text === 'Yes, your refund is on its way.';
    }, 10_000);
    expect((reply.event as { author: { initials: string } }).author.initials).toBe('ab');
    const logA = pageA.getByRole('list', { name: 'Messages' });
    await expect.poll(() => logA.getByText(/Agent RV approved the draft #\d+/).count(), { timeout: 10_000 }).toBe(1);
    // Decided: the conversation leaves B's "Needs review" queue.
    await expect.poll(() => rowB.count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await contextB.close();
  });
});
