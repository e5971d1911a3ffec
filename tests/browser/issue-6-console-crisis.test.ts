/**
 * Issue 6 in a real browser, on a social channel (FakeMastodon): agent A writes a public reply,
 * which waits as a draft; agent B finds it under "Needs review" without having opened the
 * conversation and approves it; the network receives it signed with A's initials. Then a lead
 * switches crisis mode on from their console: the banner appears at once in both agents'
 * consoles, A's next reply (the holding statement) waits for a lead, B may not approve it, and
 * the lead's approval sends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { signInConsole } from '../support/console-page.js';
import { adminRequest, adminToken, createChannel, polledMastodonChannel } from '../support/channels.js';
import { ANN, FakeMastodon } from '../support/fake-platforms/mastodon.js';

let harness: RelayHarness;
let browser: Browser;
let mastodon: FakeMastodon;

const STATUSES = /^\/api\/v1\/statuses$/;

beforeAll(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  mastodon = await new FakeMastodon().start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await mastodon?.close();
});

async function signIn(email: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await signInConsole(page, harness.url, email);
  return page;
}

const posted = () => mastodon.received('POST', STATUSES).map((r) => (r.json as { status: string }).status);

describe('review of public replies and crisis mode in the console', () => {
  it('B approves A’s public reply from the review queue; a lead’s crisis mode reaches every console at once and forces lead review', async () => {
    const { workspaceId } = harness.tenant;
    const admin = await adminToken(harness);
    await harness.storage.reviews.setPolicy(workspaceId, 'workspace', '', { all: true, trainees: false, keywords: [], highReachAuthors: [] }, Date.now());
    const channel = await createChannel(harness, admin, { ...polledMastodonChannel(mastodon), name: 'Mastodon' });
    const reviewer = await harness.addAgent(harness.tenant, { initials: 'rv' });
    const lead = await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' });
    const errors: string[] = [];
    const pageA = await signIn(harness.tenant.agentEmail, errors);
    const pageB = await signIn(reviewer.email, errors);

    mastodon.mention(ANN, '<p>@brand my parcel is lost</p>');
    await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);
    const rowA = pageA.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'my parcel is lost' });
    await rowA.waitFor({ timeout: 10_000 });
    await rowA.click();
    const composerA = pageA.getByRole('textbox', { name: 'Reply' });
    await composerA.fill('Sorry Ann, we are tracing it now.');
    await composerA.press('Enter');
    await pageA.getByText('its author cannot approve it', { exact: false }).waitFor({ timeout: 10_000 });

    // B has never opened the conversation: the queue row alone says it needs review.
    await pageB.getByLabel('Needs review').check();
    const rowB = pageB.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'my parcel is lost' });
    await rowB.waitFor({ timeout: 10_000 });
    expect(await rowB.textContent()).toContain('review');
    await rowB.click();
    await pageB.getByRole('group', { name: /^Review draft #\d+$/ }).getByRole('button', { name: 'Approve', exact: true }).click();
    await mastodon.waitFor('POST', STATUSES, 1, 10_000);
    expect(posted()).toEqual(['@ann@other.example Sorry Ann, we are tracing it now. ^ab']);
    await expect.poll(() => rowB.count(), { timeout: 10_000 }).toBe(0);
    await pageB.getByLabel('Needs review').uncheck();

    // A lead starts crisis mode: both agents' consoles show the banner without reloading.
    const pageLead = await signIn(lead.email, errors);
    expect(await pageA.locator('.crisis-banner').count()).toBe(0);
    await pageLead.getByText('Crisis mode', { exact: true }).click();
    await pageLead.getByRole('button', { name: 'Start crisis mode' }).click();
    for (const page of [pageA, pageB, pageLead]) {
      const banner = page.getByRole('region', { name: 'Crisis mode' });
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toContain('every public reply waits for a lead’s approval');
    }
    expect(await pageA.getByRole('button', { name: 'End crisis mode' }).count()).toBe(0);

    // A sends the holding statement; nobody but a lead may let it out.
    await pageA.getByRole('button', { name: 'Use holding statement' }).click();
    const statement = await composerA.inputValue();
    expect(statement.length).toBeGreaterThan(0);
    await composerA.press('Enter');
    const leadTier = (page: Page) => page.getByText('Needs a lead’s approval');
    await leadTier(pageA).first().waitFor({ timeout: 10_000 });
    await leadTier(pageB).first().waitFor({ timeout: 10_000 });
    await pageB.getByText('Waiting for a lead', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await pageB.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(posted()).toHaveLength(1);

    // The row's preview is the latest message by now; the conversation is the only Mastodon one.
    const rowLead = pageLead.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'Mastodon' });
    await rowLead.click();
    await pageLead.getByRole('group', { name: /^Review draft #\d+$/ }).getByRole('button', { name: 'Approve', exact: true }).click();
    await mastodon.waitFor('POST', STATUSES, 2, 10_000);
    expect(posted()[1]).toBe(`@ann@other.example ${statement} ^ab`);
    expect(errors).toEqual([]);
  }, 120_000);
});
