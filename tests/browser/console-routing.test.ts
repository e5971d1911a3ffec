/**
 * Issue 4 in a real browser: an agent signs in, sees a new web chat appear without reloading,
 * claims it, replies, and transfers it to another team with a note; a colleague of that team,
 * signed in in another browser context, sees it arrive in their filtered queue and takes it.
 * Along the way: the colleague sees who else is viewing it, and cannot answer while it is
 * someone else's (the composer says why).
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
  // Agents claim by hand here, so nothing is assigned behind the test's back.
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

  it('shows a callback request as a task with the number and time, and the agent takes it and records the call', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, harness.tenant.agentEmail);
    await page.getByLabel('Callbacks').check();

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { profile: { name: 'Dana' } } });
    visitor.socket.send({ type: 'callback', id: 'cb-1', phone: '+49 30 1234567', preferredTime: 'tomorrow after 5 pm' });
    const ack = await visitor.socket.next((f) => f.type === 'ack' && f.id === 'cb-1', 10_000);

    const row = page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'Dana' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('callback');
    await row.click();
    const tasks = page.getByRole('region', { name: 'Callback requests' });
    await tasks.getByText('+49 30 1234567').waitFor({ timeout: 10_000 });
    expect(await tasks.textContent()).toContain('tomorrow after 5 pm');
    expect(await tasks.getByRole('link', { name: '+49 30 1234567' }).getAttribute('href')).toBe('tel:+49301234567');

    await tasks.getByRole('button', { name: 'Take callback' }).click();
    await tasks.getByText('Taken by Agent Acme').waitFor({ timeout: 10_000 });
    await tasks.getByRole('button', { name: 'Record outcome…' }).click();
    const outcome = page.getByRole('form', { name: 'Callback outcome' });
    await outcome.getByLabel('Outcome').selectOption('reached');
    await outcome.getByLabel(/Note for colleagues/).fill('wants the senior role instead');
    await outcome.getByRole('button', { name: 'Save outcome' }).click();
    await tasks.getByText('Done: Reached (Agent Acme)').waitFor({ timeout: 10_000 });

    // The visitor's conversation shows the call and how it went, without the agents' note.
    const done = await visitor.socket.next(
      (f) => f.type === 'event' && (f.event as { change?: string }).change === 'callback_done',
      10_000,
    );
    expect(done.event).toMatchObject({ callback: { requestSeq: ack.seq, outcome: 'reached' } });
    expect(JSON.stringify(visitor.socket.frames)).not.toContain('senior role');
    // Done tasks leave the callbacks filter.
    await page.getByText('No conversations here.').waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    visitor.socket.close();
    await page.close();
  }, 60_000);
});
