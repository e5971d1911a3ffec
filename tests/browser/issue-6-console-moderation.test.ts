/**
 * Issue 6 in a real browser: a visitor insults the team in the real widget; a lead, in the
 * console, hides the message with a reason; the widget replaces it with a line saying the team
 * removed it, the console keeps it readable and marked with who and why, and the lead finds the
 * action in the Audit log view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherOf, panelOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';
import { signInConsole } from '../support/console-page.js';

let world: WidgetWorld;

beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => world?.close());

describe('moderation in the console and the widget', () => {
  it('a lead hides a web chat message: gone from the widget, marked in the console, in the audit log', async () => {
    const errors: string[] = [];
    const visitorPage = await world.browser.newPage();
    visitorPage.on('pageerror', (error) => errors.push(error.message));
    await visitorPage.goto(world.hostPage('/moderation'));
    await launcherOf(visitorPage).click();
    await sendAsVisitor(visitorPage, 'You are all idiots');
    await world.visitorMessageAtAgent('You are all idiots');
    const panel = panelOf(visitorPage);
    await panel.getByText('You are all idiots').waitFor({ timeout: 10_000 });

    const lead = await world.relay.addAgent(world.relay.tenant, { initials: 'ld', role: 'lead' });
    const context = await world.browser.newContext();
    const console_ = await context.newPage();
    console_.on('pageerror', (error) => errors.push(error.message));
    await signInConsole(console_, world.relay.url, lead.email);
    const row = console_.getByRole('listbox', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'You are all idiots' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();

    const controls = console_.getByRole('group', { name: /^Moderate message #\d+$/ });
    await controls.getByRole('button', { name: 'Hide…' }).click();
    const form = console_.getByRole('form', { name: /^Hide message #\d+$/ });
    await form.getByLabel('Reason (kept in the audit log)').fill('insult');
    await form.getByRole('button', { name: 'Hide', exact: true }).click();

    // The widget takes the message away and says so.
    await panel.getByText('This message was removed by the team.').waitFor({ timeout: 10_000 });
    expect(await panel.getByText('You are all idiots').count()).toBe(0);
    // The console keeps it, marked with who and why, and the log line says the same.
    await console_.getByText('Hidden by Agent LD: insult (visitors no longer see it)').waitFor({ timeout: 10_000 });
    const log = console_.getByRole('list', { name: 'Messages' });
    expect(await log.getByText('You are all idiots').count()).toBe(1);
    await log.getByText(/Agent LD hid message #\d+: insult/).waitFor();

    await console_.getByRole('button', { name: 'Audit log' }).click();
    const entry = console_.locator('tbody tr').filter({ hasText: 'insult' });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toMatch(/Agent LD \(lead\) hid message #\d+/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
