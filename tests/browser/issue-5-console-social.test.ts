/**
 * Issue 5 in a real browser: a Mastodon mention (from FakeMastodon, which follows the Mastodon
 * API documentation) and a web chat are in the console's one list; the agent answers both from
 * the same composer; in the Mastodon conversation the composer counts what Mastodon will count
 * (the author's handle, the text, the agent's signature against the instance's limit) and
 * refuses an over-long reply before anything is sent. Then an admin edits the channel's tracked
 * keywords on the console's Channels tab (credentials shown by name only), and the agent sends
 * the Mastodon author a private link, inserted into the public reply with one click.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { signInConsole } from '../support/console-page.js';
import { connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, createChannel, polledMastodonChannel } from '../support/channels.js';
import { ANN, FakeMastodon } from '../support/fake-platforms/mastodon.js';

let harness: RelayHarness;
let browser: Browser;
let mastodon: FakeMastodon;
let admin: string;
let channel: { id: string };

beforeAll(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  mastodon = await new FakeMastodon().start();
  mastodon.maxCharacters = 80;
  browser = await launchChromium();
  admin = await adminToken(harness);
  channel = await createChannel(harness, admin, { ...polledMastodonChannel(mastodon), name: 'Mastodon' });
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await mastodon?.close();
});

async function signIn(page: Page, email = harness.tenant.agentEmail): Promise<void> {
  await signInConsole(page, harness.url, email);
}

describe('social conversations in the console', () => {
  it('lists a Mastodon mention beside a web chat, answers both, and refuses an over-long public reply', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page);
    const queue = page.getByRole('listbox', { name: 'Conversations' });

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v-1', text: 'Do you ship to Austria?' });
    const { status } = mastodon.mention(ANN, '<p>@brand my <b>parcel</b> is late &lt;script&gt;</p>');
    await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);

    const webRow = queue.getByRole('option').filter({ hasText: 'Do you ship to Austria?' });
    const socialRow = queue.getByRole('option').filter({ hasText: 'my parcel is late' });
    await webRow.waitFor({ timeout: 10_000 });
    await socialRow.waitFor({ timeout: 10_000 });
    expect(await socialRow.textContent()).toContain('Mastodon');
    expect(await webRow.textContent()).toContain('Web chat');

    await socialRow.click();
    const log = page.getByRole('list', { name: 'Messages' });
    // The post's markup arrives as text, never as elements.
    await expect.poll(() => log.getByText('@brand my parcel is late <script>').count(), { timeout: 10_000 }).toBe(1);
    const composer = page.getByRole('textbox', { name: 'Reply' });
    const counter = page.locator('.public-count');
    // "@ann " (5) + text + " ^ab" (4) against the instance's 80.
    await composer.fill('Hi Ann');
    await expect.poll(() => counter.textContent()).toBe('65 left on Mastodon (with signature ^ab)');
    await composer.fill('x'.repeat(72));
    await expect.poll(() => counter.textContent()).toContain('1 over Mastodon’s limit of 80');
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await composer.press('Enter');
    await page.waitForTimeout(300);
    expect(mastodon.received('POST', /statuses/)).toHaveLength(0);

    await composer.fill('Sorry Ann, it ships today.');
    await composer.press('Enter');
    const [posted] = await mastodon.waitFor('POST', /statuses/, 1, 10_000);
    expect(posted!.json).toMatchObject({ status: '@ann@other.example Sorry Ann, it ships today. ^ab', in_reply_to_id: status.id });
    await expect.poll(() => log.getByText('Reply posted on the network').count(), { timeout: 10_000 }).toBe(1);

    await webRow.click();
    await composer.fill('Yes, we do.');
    expect(await counter.count()).toBe(0);
    await composer.press('Enter');
    const reply = await visitor.socket.next((f) => f.type === 'event' && (f.event as { text?: string }).text === 'Yes, we do.', 10_000);
    expect(reply.type).toBe('event');
    expect(mastodon.received('POST', /statuses/)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('lets an admin set tracked keywords on the Channels tab, and the agent send a private link', async () => {
    const lead = await harness.addAgent(harness.tenant, { initials: 'ad', role: 'admin' });
    const adminPage = await browser.newPage();
    const errors: string[] = [];
    adminPage.on('pageerror', (error) => errors.push(error.message));
    await signIn(adminPage, lead.email);
    await adminPage.getByRole('button', { name: 'Admin', exact: true }).click();
    await adminPage.getByRole('tab', { name: 'Channels' }).click();
    const row = adminPage.getByRole('row').filter({ hasText: 'Mastodon' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('accessToken');
    await adminPage.getByRole('button', { name: 'Edit Mastodon' }).click();
    await adminPage.getByLabel(/^Tracked keywords/).fill('#BrandRouter\nbrand router');
    await adminPage.getByRole('button', { name: 'Save channel' }).click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('#BrandRouter, brand router');
    expect(await adminPage.content()).not.toContain(mastodon.token);
    const [stored] = await harness.storage.channels.list(harness.tenant.workspaceId);
    expect(stored!.settings.listen).toEqual(['#BrandRouter', 'brand router']);

    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page);
    mastodon.mention(ANN, '<p>@brand my invoice shows the wrong address</p>');
    await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);
    const postedBefore = mastodon.received('POST', /statuses/).length;
    await page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'wrong address' }).click();
    await page.getByRole('button', { name: 'Send private link' }).click();
    const log = page.getByRole('list', { name: 'Messages' });
    await expect.poll(() => log.getByText(/Private link to continue on/).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Insert link into reply' }).click();
    const composer = page.getByRole('textbox', { name: 'Reply' });
    expect(await composer.inputValue()).toMatch(/^https:\/\/shop\.example\/#eyelevel-continue=v1\./);
    await composer.press('Enter');
    const posted = await mastodon.waitFor('POST', /statuses/, postedBefore + 1, 10_000);
    expect((posted.at(-1)!.json as { status: string }).status).toMatch(/^@ann@other\.example https:\/\/shop\.example\/#eyelevel-continue=v1\.\S+ \^ab$/);
    expect(errors).toEqual([]);
  }, 60_000);
});
