/**
 * Issue 5, item 10: from public to private. A Mastodon mention (FakeMastodon, see
 * tests/support/fake-platforms/mastodon.ts) is a public conversation; the agent asks for a
 * private link, the relay writes a signed, single-use URL into the log, and a visitor whose
 * widget presents its token in `hello.continue` follows that same conversation: the public
 * history, then private messages both ways (the agent's replies are no longer posted). Tampered,
 * expired, other-site and reused tokens are refused with an error frame and attach nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@eyelevel/shared';
import { startRelay, TEST_ORIGIN, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor, messagesOf } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, polledMastodonChannel } from '../support/channels.js';
import { ANN, FakeMastodon } from '../support/fake-platforms/mastodon.js';
import type { TestSocket } from '../support/test-socket.js';
import { privateLinkKey, signPrivateLink } from '../../packages/relay/src/connectors/private-link/private-link-token.js';

const KEY = randomBytes(32);
let harness: RelayHarness;
let mastodon: FakeMastodon;
let agent: TestSocket;
let social: ConversationSummary;
let admin: string;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 }, channels: { secretKey: KEY } });
  mastodon = await new FakeMastodon().start();
  admin = await adminToken(harness);
  const channel = await createChannel(harness, admin, polledMastodonChannel(mastodon));
  agent = (await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail))).socket;
  mastodon.mention(ANN, '<p>@brand my order number is on the invoice, can I send it privately?</p>');
  await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);
  social = await conversationOn(agent, 'mastodon');
});
afterEach(async () => {
  await harness?.close();
  await mastodon?.close();
});

/** Asks for a link as the agent; returns its token, read from the note the relay wrote. */
async function mintLink(id = 'link-1', siteId = harness.tenant.siteId): Promise<string> {
  const from = agent.frames.length;
  agent.send({ type: 'private_link', id, conversationId: social.id, siteId });
  expect(await answerTo(agent, id, from)).toMatchObject({ type: 'ack', conversationId: social.id });
  const note = eventOf(await agent.next((f) => f.type === 'event' && eventOf(f).kind === 'note' && JSON.stringify(f).includes('eyelevel-continue'), 5000, from));
  const url = (note as { text: string }).text.match(/(https:\/\/\S+)$/)![1]!;
  expect(url.startsWith(`${TEST_ORIGIN}/#eyelevel-continue=`)).toBe(true);
  return url.split('#eyelevel-continue=')[1]!;
}

const logOf = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200);
const movedNotes = async () => (await logOf(social.id)).filter((e) => e.kind === 'note' && e.text.startsWith('The person moved to the private chat'));

async function refused(token: string, siteKey = harness.tenant.siteKey) {
  const { socket, welcome } = await connectVisitor(harness.wsUrl, siteKey, { hello: { continue: token } });
  expect(welcome).toMatchObject({ type: 'welcome', conversationId: null });
  const error = await socket.next((f) => f.type === 'error');
  socket.close();
  return error;
}

describe('private links', () => {
  it('a valid link continues the public conversation privately in the widget', async () => {
    const token = await mintLink();
    const { socket: visitor, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { continue: token } });
    expect(welcome).toMatchObject({ type: 'welcome', conversationId: social.id });
    // The public history, from the first entry on.
    await visitor.next((f) => f.type === 'event' && eventOf(f).kind === 'message');
    expect(messagesOf(visitor.frames).map(([, text]) => text)).toEqual(['@brand my order number is on the invoice, can I send it privately?']);
    // Agents' notes (the link itself included) reach the visitor only as bare seqs.
    expect(JSON.stringify(visitor.frames)).not.toContain('eyelevel-continue');

    visitor.send({ type: 'send', id: 'v1', text: 'It is INV-4711' });
    expect(await visitor.next((f) => f.type === 'ack' && f.id === 'v1')).toMatchObject({ conversationId: social.id });
    expect(await movedNotes()).toHaveLength(1);

    const postsBefore = mastodon.received('POST', /statuses/).length;
    agent.send({ type: 'send', conversationId: social.id, id: 'a1', text: 'Thanks, found it.' });
    expect(await answerTo(agent, 'a1')).toMatchObject({ type: 'ack' });
    await visitor.next((f) => f.type === 'event' && eventOf(f).kind === 'message' && (eventOf(f) as { text: string }).text === 'Thanks, found it.');
    // Private from now on: nothing more is posted on the network.
    await new Promise((r) => setTimeout(r, 200));
    expect(mastodon.received('POST', /statuses/)).toHaveLength(postsBefore);

    // Coming back with the session token (no link) follows the same conversation.
    visitor.close();
    const { welcome: again } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { token: welcome.token as string });
    expect(again).toMatchObject({ conversationId: social.id });
  });

  it('refuses a tampered, expired, other site’s or reused link, and attaches nothing', async () => {
    const token = await mintLink();
    const [version, body, signature] = token.split('.') as [string, string, string];
    const flipped = signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await refused(`${version}.${body}.${flipped}`)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('not valid') });
    // Someone else's payload under our signature.
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace(harness.tenant.siteId, 'othersite')).toString('base64url');
    expect(await refused(`${version}.${forged}.${signature}`)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('not valid') });
    expect(await refused(`${version}.${body}.${signature.slice(0, 10)}`)).toMatchObject({ code: 'FORBIDDEN' });

    const expired = signPrivateLink(privateLinkKey(KEY), {
      id: 'expiredlink',
      workspaceId: harness.tenant.workspaceId,
      conversationId: social.id,
      siteId: harness.tenant.siteId,
      expiresAt: Date.now() - 1000,
    });
    expect(await refused(expired)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('expired') });

    // Another site of the same workspace, and another workspace's site.
    const { site: blog } = await harness.storage.tenants.createSite({ workspaceId: harness.tenant.workspaceId, name: 'Blog', allowedOrigins: [TEST_ORIGIN] });
    expect(await refused(token, blog.publicKey)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('another site') });
    const other = await harness.addTenant('Globex');
    expect(await refused(token, other.siteKey)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('another site') });

    // A key other than the relay's.
    const foreign = signPrivateLink(privateLinkKey(randomBytes(32)), {
      id: 'foreignlink',
      workspaceId: harness.tenant.workspaceId,
      conversationId: social.id,
      siteId: harness.tenant.siteId,
      expiresAt: Date.now() + 60_000,
    });
    expect(await refused(foreign)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('not valid') });

    // Nothing was attached by any refusal: replies would still be public, and no move was logged.
    expect(await harness.storage.privateLinks.isContinued(harness.tenant.workspaceId, social.id)).toBe(false);
    expect(await movedNotes()).toHaveLength(0);

    // The genuine token works once; the second visitor gets nothing.
    const { welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { continue: token } });
    expect(welcome).toMatchObject({ conversationId: social.id });
    expect(await refused(token)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('used already') });
    expect(await movedNotes()).toHaveLength(1);
  });

  it('tells consoles which sites a link can lead to, again when a site is added or renamed', async () => {
    const directory = await agent.next((f) => f.type === 'directory');
    expect(directory.sites).toEqual([{ id: harness.tenant.siteId, name: 'Acme web' }]);
    const from = agent.frames.length;
    const created = await adminRequest(harness, admin, 'POST', '/sites', { name: 'Careers', allowedOrigins: ['https://jobs.example'] });
    const careers = (created.json as { site: { id: string } }).site.id;
    const next = await agent.next((f) => f.type === 'directory', 5000, from);
    expect(next.sites).toEqual(expect.arrayContaining([{ id: careers, name: 'Careers' }]));
    expect(JSON.stringify(next)).not.toContain('jobs.example');
    const again = agent.frames.length;
    await adminRequest(harness, admin, 'PATCH', `/sites/${careers}`, { name: 'Jobs' });
    expect((await agent.next((f) => f.type === 'directory', 5000, again)).sites).toEqual(expect.arrayContaining([{ id: careers, name: 'Jobs' }]));
  });

  it('refuses links for web chats and unknown sites', async () => {
    agent.send({ type: 'private_link', id: 'bad-site', conversationId: social.id, siteId: 'nosuchsite' });
    expect(await answerTo(agent, 'bad-site')).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    const { socket: web } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    web.send({ type: 'send', id: 'w1', text: 'hello' });
    const ack = await web.next((f) => f.type === 'ack');
    agent.send({ type: 'private_link', id: 'web', conversationId: ack.conversationId, siteId: harness.tenant.siteId });
    expect(await answerTo(agent, 'web')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
  });
});
