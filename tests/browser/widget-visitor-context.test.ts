/**
 * Issue 3's visitor context in a real browser (Debian's Chromium) against a running relay, with
 * the documented snippet on another origin: the careers example routes to the recruiting team
 * and shows the recruiters; a site outside its business hours turns the chat into a
 * leave-a-message form; a callback request and a rating after resolution go through the widget
 * to the agents, with the agents' answers shown back in the panel; the identity-backend example
 * signs a user in whom the agents then see as verified.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSnippet, type ConversationEvent, type ConversationSummary } from '@eyelevel/shared';
import { connectAgent } from '../support/clients.js';
import { TEST_ORIGIN } from '../support/relay-harness.js';
import type { Frame } from '../support/test-socket.js';
import { pathToFileURL } from 'node:url';
import { launcherOf, panelOf, sendAsVisitor, startWidgetWorld, type WidgetWorld } from './widget-world.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const eventOf = (frame: Frame) => frame.event as ConversationEvent;
const AXE_SOURCE = readFileSync(
  createRequire(new URL('../../packages/widget/package.json', import.meta.url)).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's WCAG A/AA findings inside the widget, as `rule: targets` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
    }).axe;
    const r = await axe.run(
      { include: [['eyelevel-widget']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    );
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

let world: WidgetWorld;
beforeAll(async () => {
  world = await startWidgetWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('widget: careers, offline, callback and rating', () => {
  it('careers page: the inline panel shows the recruiters and its question lands in their queue with the job', async () => {
    const { relay } = world;
    const team = await relay.storage.routing.createTeam(relay.tenant.workspaceId, 'recruiting', 'Recruiting');
    const recruiter = await relay.addAgent(relay.tenant, { initials: 'rk' });
    await relay.storage.routing.addTeamMember(relay.tenant.workspaceId, team.id, recruiter.id);
    const recruiterConsole = (await connectAgent(relay.wsUrl, recruiter.token)).socket;

    const html = readFileSync(`${examples}careers/index.html`, 'utf8')
      .replaceAll('http://localhost:8787', relay.url)
      .replaceAll('YOUR_SITE_KEY', relay.tenant.siteKey);
    world.pages.setPage('/careers-routing.html', { body: html });
    const page = await world.browser.newPage();
    await page.goto(`${world.pages.origin}/careers-routing.html`);
    const inline = page.locator('#ask-recruiters');
    await inline.getByText('Recruiting: Agent RK').waitFor();
    const composer = inline.getByRole('textbox', { name: 'Your message' });
    await composer.fill('Do you sponsor visas?');
    await composer.press('Enter');

    const row = await recruiterConsole.next(
      (f) => f.type === 'conversation' && (f.conversation as ConversationSummary).assignee?.id === recruiter.id,
      10_000,
    );
    const summary = row.conversation as ConversationSummary;
    expect(summary).toMatchObject({ teamId: team.id, job: { id: 'BE-2026-07', title: 'Backend engineer' } });
    await inline.getByText('Agent RK joined the conversation').waitFor();
    await page.close();
    // Leave support to the world's agent again, so later cases are assigned to them.
    recruiterConsole.close();
    await recruiterConsole.closedPromise;
    await expect.poll(async () => (await relay.storage.routing.load(relay.tenant.workspaceId, recruiter.id))?.presence).toBe('offline');
  });

  it('outside business hours: a leave-a-message form whose message reaches the queue with the e-mail', async () => {
    const { relay } = world;
    const { site } = await relay.storage.tenants.createSite({
      workspaceId: relay.tenant.workspaceId,
      name: 'Night shop',
      allowedOrigins: [TEST_ORIGIN, world.pages.origin],
      settings: { businessHours: { timeZone: 'Europe/Berlin', weekly: [] } },
    });
    world.pages.setPage('/closed.html', {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Closed</title></head><body><main><h1>Night shop</h1></main>
${renderSnippet({ relayUrl: relay.url, siteKey: site.publicKey })}</body></html>`,
    });
    const page = await world.browser.newPage();
    await page.goto(`${world.pages.origin}/closed.html`);
    await launcherOf(page).click();
    const panel = panelOf(page);
    await panel.getByText('We are not online right now.').waitFor();
    await panel.getByRole('textbox', { name: 'Your message' }).fill('Please send me the invoice again.');
    await panel.getByRole('button', { name: 'Leave message' }).click();
    await panel.getByRole('alert').getByText('Please fill in: E-mail').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByRole('textbox', { name: 'E-mail' }).fill('night@example.com');
    await panel.getByRole('button', { name: 'Leave message' }).click();

    const conversationId = await world.visitorMessageAtAgent('Please send me the invoice again.');
    await panel.getByText('Nobody is online right now. We will answer as soon as we are back.').waitFor();
    const stored = await relay.storage.conversations.get(relay.tenant.workspaceId, conversationId);
    expect(stored!.visitor.email).toBe('night@example.com');
    expect(stored!.siteId).toBe(site.id);
    await page.close();
  });

  it('a callback request and a rating go from the widget to the agents, and their answers come back', async () => {
    const { agent } = world;
    const page = await world.browser.newPage();
    await page.goto(world.hostPage('/support.html'));
    await launcherOf(page).click();
    const panel = panelOf(page);
    await sendAsVisitor(page, 'My router keeps dropping the connection');
    const conversationId = await world.visitorMessageAtAgent('My router keeps dropping the connection');

    // Callback: the form, the task at the agents, take and outcome back in the panel.
    await panel.getByRole('button', { name: 'Call me back' }).click();
    await panel.getByRole('textbox', { name: 'Phone number' }).fill('+49 30 1234-567');
    await panel.getByRole('textbox', { name: 'When suits you?' }).fill('after 5 pm');
    await panel.getByRole('button', { name: 'Request callback' }).click();
    const request = await agent.next((f) => f.type === 'event' && eventOf(f).kind === 'callback', 10_000);
    expect(eventOf(request)).toMatchObject({ phone: '+49 30 1234-567', preferredTime: 'after 5 pm' });
    await panel.getByText('You asked for a callback at +49 30 1234-567 (after 5 pm)').waitFor();
    const requestSeq = eventOf(request).seq;
    agent.send({ type: 'callback_take', conversationId, id: 'take-1', requestSeq });
    agent.send({ type: 'callback_done', conversationId, id: 'done-1', requestSeq, outcome: 'reached', note: 'router replaced' });
    await panel.getByText('Agent Acme called you back').waitFor();
    expect(await panel.getByText('router replaced').count()).toBe(0);

    // Rating: resolve, rate with the keyboard-reachable stars, the agents see it.
    agent.send({ type: 'status', conversationId, id: 'resolve-1', status: 'resolved' });
    const rating = panel.getByRole('group', { name: 'How did we do?' });
    await rating.waitFor();
    await rating.getByRole('radio', { name: '5 of 5 stars' }).check();
    await panel.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Fixed in one call');
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Send rating' }).click();
    const rated = await agent.next((f) => f.type === 'event' && eventOf(f).kind === 'csat', 10_000);
    expect(eventOf(rated)).toMatchObject({ rating: 5, comment: 'Fixed in one call' });
    await panel.getByText('You rated this conversation 5 of 5. Thank you!').waitFor();
    expect(await rating.count()).toBe(0);
    await page.close();
  });

  it('identity-backend example: the user it vouches for is a verified contact at the agents', async () => {
    const { relay, agent } = world;
    const server = (await import(pathToFileURL(`${examples}identity-backend/server.mjs`).href)) as {
      renderPage: (relayUrl: string, siteKey: string, identity?: object) => string;
      identityFor: (user: { id: string; name: string; email: string }, secret: string) => object;
    };
    const secret = (await relay.storage.contacts.identitySecret(relay.tenant.workspaceId, relay.tenant.siteId))!;
    const user = { id: 'user-1042', name: 'Dana Schmidt', email: 'dana@example.com' };
    world.pages.setPage('/account.html', { body: server.renderPage(relay.url, relay.tenant.siteKey, server.identityFor(user, secret)) });
    const page = await world.browser.newPage();
    const errors: unknown[] = [];
    await page.exposeFunction('__widgetError', (e: unknown) => errors.push(e));
    await page.goto(`${world.pages.origin}/account.html`);
    await page.evaluate(() => (window as unknown as { eyelevel: (...a: unknown[]) => void }).eyelevel('on', 'error', (e: unknown) => (window as unknown as { __widgetError: (e: unknown) => void }).__widgetError(e)));
    await launcherOf(page).click();
    await sendAsVisitor(page, 'Signed in and asking');
    const conversationId = await world.visitorMessageAtAgent('Signed in and asking');
    const row = await agent.next(
      (f) => f.type === 'conversation' && (f.conversation as ConversationSummary).id === conversationId,
      10_000,
    );
    expect(row.conversation).toMatchObject({
      verified: true,
      identity: { id: 'user-1042', name: 'Dana Schmidt', email: 'dana@example.com', verifiedBy: 'jwt' },
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
