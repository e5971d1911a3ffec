/**
 * Issue 4's admin screens in a real browser: an admin creates a site in the console (origin,
 * widget title), sees its identity secret once with the embed snippet, and the widget pasted
 * with that snippet into a page of the site's origin connects; the visitor's message arrives in
 * the admin's inbox. Also: a canned reply created in the admin screen is offered in the composer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AGENT_PASSWORD, startRelay, type RelayHarness } from '../support/relay-harness.js';
import { startStaticServer, type StaticServer } from '../support/static-server.js';
import { launchChromium } from '../support/chromium.js';

let harness: RelayHarness;
let pages: StaticServer;
let browser: Browser;

beforeAll(async () => {
  pages = await startStaticServer();
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await pages?.close();
});

describe('console administration', () => {
  it('creates a site whose widget then connects from that origin, and shows its secret only once', async () => {
    const admin = await harness.addAgent(harness.tenant, { initials: 'ad', role: 'admin' });
    const console = await browser.newPage();
    const errors: string[] = [];
    console.on('pageerror', (error) => errors.push(error.message));
    await console.goto(`${harness.url}/console/`);
    await console.getByLabel('E-mail').fill(admin.email);
    await console.getByLabel('Password').fill(AGENT_PASSWORD);
    await console.getByRole('button', { name: 'Sign in' }).click();
    await console.getByText('Live', { exact: true }).waitFor({ timeout: 10_000 });

    await console.getByRole('button', { name: 'Admin' }).click();
    await console.getByRole('tab', { name: 'Sites' }).click();
    await console.getByRole('button', { name: 'Add site' }).click();
    const form = console.getByRole('form', { name: 'New site' });
    await form.getByLabel('Site name').fill('Careers');
    await form.getByLabel(/Allowed origins/).fill(pages.origin);
    await form.getByLabel(/Widget title/).fill('Talk to our recruiters');
    await form.getByRole('button', { name: 'Create site' }).click();

    const keys = console.getByRole('region', { name: 'Site keys' });
    await keys.waitFor({ timeout: 10_000 });
    const secret = await keys.getByLabel('Identity secret').inputValue();
    const snippet = await keys.getByLabel(/Embed snippet/).inputValue();
    expect(secret).toMatch(/^sk_/);
    expect(snippet).toContain(`${harness.url}/widget/loader.js`);
    await keys.getByRole('button', { name: 'I have stored the secret' }).click();
    await console.getByRole('cell', { name: pages.origin }).waitFor();
    expect(await console.content()).not.toContain(secret);

    // The snippet, exactly as shown, on a page of the site's origin.
    pages.setPage('/careers.html', {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careers</title></head>
<body><h1>Careers</h1>${snippet}</body></html>`,
    });
    const host = await browser.newPage();
    host.on('pageerror', (error) => errors.push(error.message));
    await host.goto(`${pages.origin}/careers.html`);
    await host.locator('eyelevel-widget [part=launcher]').click();
    await expect.poll(() => host.getByRole('dialog').getAttribute('aria-label'), { timeout: 10_000 }).toBe('Chat with Talk to our recruiters');
    const composer = host.getByRole('textbox', { name: 'Your message' });
    await composer.fill('Do you hire juniors?');
    await composer.press('Enter');

    await console.getByRole('button', { name: 'Inbox' }).click();
    await console.getByRole('option').filter({ hasText: 'Do you hire juniors?' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await host.close();

    // Canned replies made here reach the composer without a reload.
    await console.getByRole('button', { name: 'Admin' }).click();
    await console.getByRole('tab', { name: 'Canned replies' }).click();
    await console.getByRole('button', { name: 'Add canned reply' }).click();
    const reply = console.getByRole('form', { name: 'New canned reply' });
    await reply.getByLabel(/Shortcut/).fill('juniors');
    await reply.getByLabel('Title').fill('Junior roles');
    await reply.getByLabel(/^Text/).fill('Hi {visitor.name}, yes! ^{agent.initials}');
    await reply.getByRole('button', { name: 'Save reply' }).click();
    await console.getByRole('cell', { name: '/juniors', exact: true }).waitFor({ timeout: 10_000 });
    await console.getByRole('button', { name: 'Inbox' }).click();
    await console.getByRole('option').filter({ hasText: 'Do you hire juniors?' }).click();
    const box = console.getByRole('textbox', { name: 'Reply' });
    await box.fill('/jun');
    await console.getByRole('option', { name: '/juniors Junior roles' }).waitFor({ timeout: 10_000 });
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Hi, yes! ^ad');
    await console.close();
  }, 90_000);
});
