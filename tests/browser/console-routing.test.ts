/**
 * Issue 4 in a real browser: an agent signs in, sees a new web chat appear without reloading,
 * claims it, replies, and transfers it to another team with a note; a colleague of that team,
 * signed in in another browser context, sees it arrive in their filtered queue and takes it.
 * Along the way: the colleague sees who else is viewing it, and cannot answer while it is
 * someone else's (the composer says why).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AGENT_PASSWORD, startRelay, type RelayHarness } from '../support/relay-harness.js';
import { launchChromium } from '../support/chromium.js';
import { connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let browser: Browser;

beforeAll(async () => {
  // Agents claim by hand here, so nothing is assigned behind the test's back.
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${harness.url}/console/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(AGENT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Live', { exact: true }).waitFor({ timeout: 10_000 });
}

describe('console routing', () => {
  it('claims, replies and transfers to another team, where a colleague in another browser sees it arrive', async () => {
    const { workspaceId } = harness.tenant;
    const support = await harness.storage.routing.createTeam(workspaceId, 'support', 'Support');
    const recruiting = await harness.storage.routing.createTeam(workspaceId, 'recruiting', 'Recruiting');
    const first = (await harness.storage.tenants.findAgentByEmail(harness.tenant.agentEmail))!;
    await harness.storage.routing.addTeamMember(workspaceId, support.id, first.id);
    const recruiter = await harness.addAgent(harness.tenant, { initials: 'rc' });
    await harness.storage.routing.addTeamMember(workspaceId, recruiting.id, recruiter.id);

    const pageA = await browser.newPage();
    const errors: string[] = [];
    pageA.on('pageerror', (error) => errors.push(error.message));
    await signIn(pageA, harness.tenant.agentEmail);

    // The recruiter works in another browser context (another person, another session).
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    pageB.on('pageerror', (error) => errors.push(error.message));
    await signIn(pageB, recruiter.email);
    await pageB.getByLabel('Team', { exact: true }).selectOption({ label: 'Recruiting' });
    await pageB.getByText('No conversations here.').waitFor();

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v-1', text: 'Is the backend job still open?' });

    const queueA = pageA.getByRole('listbox', { name: 'Conversations' });
    const row = queueA.getByRole('option').filter({ hasText: 'Is the backend job still open?' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('first reply due in');
    await row.click();

    await pageA.getByRole('button', { name: 'Claim' }).click();
    await pageA.getByText('Assigned to Agent Acme (^ab)').waitFor({ timeout: 10_000 });
    const log = pageA.getByRole('list', { name: 'Messages' });
    await expect.poll(() => log.getByText('Agent Acme took the conversation').count(), { timeout: 10_000 }).toBe(1);

    const composer = pageA.getByRole('textbox', { name: 'Reply' });
    await composer.fill('Yes! Let me get a recruiter for you.');
    await composer.press('Enter');
    await visitor.socket.next(
      (f) => f.type === 'event' && (f.event as { text?: string }).text === 'Yes! Let me get a recruiter for you.',
      10_000,
    );

    await pageA.getByRole('button', { name: 'Transfer…' }).click();
    const transfer = pageA.getByRole('form', { name: 'Transfer' });
    await transfer.getByLabel('Team', { exact: true }).selectOption({ label: 'Recruiting' });
    await transfer.getByLabel('Note for them (optional)').fill('Applicant for the backend job');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await expect
      .poll(() => log.getByText('Agent Acme transferred it to Recruiting: Applicant for the backend job').count(), { timeout: 10_000 })
      .toBe(1);

    // The recruiter's filtered queue shows it without a reload.
    const queueB = pageB.getByRole('listbox', { name: 'Conversations' });
    // The row previews the newest message: agent A's reply.
    const arrived = queueB.getByRole('option').filter({ hasText: 'Yes! Let me get a recruiter for you.' });
    await arrived.waitFor({ timeout: 10_000 });
    expect(await arrived.textContent()).toContain('Recruiting');
    await arrived.click();
    // Agent A still has it open: the recruiter sees that.
    await pageB.getByText('Agent Acme is also viewing this conversation').waitFor({ timeout: 10_000 });
    const logB = pageB.getByRole('list', { name: 'Messages' });
    await expect.poll(() => logB.getByText('Yes! Let me get a recruiter for you.').count(), { timeout: 10_000 }).toBe(1);
    await pageB.getByRole('button', { name: 'Claim' }).click();
    await pageB.getByText('Assigned to Agent RC (^rc)').waitFor({ timeout: 10_000 });

    // Now it is the recruiter's: agent A may no longer answer, and is told why.
    await pageA.getByText('Only Agent RC or a lead can reply while it is assigned').waitFor({ timeout: 10_000 });
    expect(await pageA.getByRole('radio', { name: 'Reply' }).isDisabled()).toBe(true);
    const note = pageA.getByRole('textbox', { name: 'Private note' });
    await note.fill('@rc she asked about remote work too');
    await note.press('Enter'); // picks the suggested colleague
    await note.press('Enter'); // adds the note
    await pageB.getByRole('button', { name: 'Mentions (1)' }).waitFor({ timeout: 10_000 });

    const composerB = pageB.getByRole('textbox', { name: 'Reply' });
    await composerB.fill('Hi, I am the recruiter for that role.');
    await composerB.press('Enter');
    const reply = await visitor.socket.next(
      (f) => f.type === 'event' && (f.event as { text?: string }).text === 'Hi, I am the recruiter for that role.',
      10_000,
    );
    expect((reply.event as { author: { initials: string } }).author.initials).toBe('rc');
    // The note never reached the visitor.
    expect(JSON.stringify(visitor.socket.frames)).not.toContain('remote work');

    expect(errors).toEqual([]);
    visitor.socket.close();
    await contextB.close();
    await pageA.close();
  }, 90_000);
});
