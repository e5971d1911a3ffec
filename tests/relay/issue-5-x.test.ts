/**
 * Issue 5, the X connector against FakeX (tests/support/fake-platforms/x.ts cites the X
 * documentation each endpoint and payload follows), over real sockets and a real SQLite file:
 * mentions by polling (`since_id`) and by Account Activity webhook (CRC challenge, signature on
 * the raw body), queued beside a web chat; replies with `reply.in_reply_to_tweet_id` and the
 * agent's signature within X's weighted 280; hiding a reply with a reason; our own posts coming
 * back are not queued.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, socialEntry } from '../support/channels.js';
import { FakeX, X_ANN, X_BRAND } from '../support/fake-platforms/x.js';

let harness: RelayHarness;
let x: FakeX;
let admin: string;
let channel: { id: string; webhookPath: string | null };

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  x = await new FakeX().start();
  admin = await adminToken(harness);
  channel = await createChannel(harness, admin, {
    kind: 'x',
    name: 'X @brand',
    baseUrl: x.url,
    accountId: X_BRAND.id,
    handle: '@brand',
    pollSeconds: 3600,
    credentials: { accessToken: x.token, consumerSecret: x.consumerSecret },
  });
  // A new channel polls once at start; let that poll pass before posts appear, so each test
  // decides how a post arrives (poll or webhook).
  await x.waitFor('GET', /mentions$/);
});
afterEach(async () => {
  await harness?.close();
  await x?.close();
});

const poll = () => adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);
const texts = async (conversationId: string) =>
  (await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));

async function deliver(body: string, headers: Record<string, string>) {
  const response = await fetch(`${harness.url}${channel.webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.status;
}

describe('X channel', () => {
  it('polls a mention beside a web chat; the reply answers it, signed, within the weighted limit', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'web-1', text: 'Hello from the website' });
    await conversationOn(agent.socket, 'web');

    const mention = x.post(X_ANN, '@brand my router is down &amp; support line busy');
    expect((await poll()).status).toBe(200);
    const social = await conversationOn(agent.socket, 'x');
    expect(social.social).toMatchObject({ author: { handle: '@ann_example', name: 'Ann', url: 'https://x.com/ann_example' }, replyPrefix: '' });
    expect(await texts(social.id)).toEqual(['@brand my router is down & support line busy']);

    // X counts 280 weighted characters: 276 plus " ^ab" fit, 277 do not.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'too-long', text: 'a'.repeat(277) });
    expect(await answerTo(agent.socket, 'too-long')).toMatchObject({ type: 'error', code: 'MESSAGE_TOO_LONG' });
    // CJK weighs 2: 138 of them plus the signature is 280.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: '謝'.repeat(138) });
    const ack = await answerTo(agent.socket, 'r1');
    expect(ack.type).toBe('ack');
    const [posted] = await x.waitFor('POST', /^\/2\/tweets$/);
    expect(posted!.json).toEqual({ text: `${'謝'.repeat(138)} ^ab`, reply: { in_reply_to_tweet_id: mention.id } });
    expect(posted!.headers.authorization).toBe(`Bearer ${x.token}`);
    const outcome = await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(eventOf(outcome)).toMatchObject({ targetSeq: ack.seq, url: expect.stringMatching(/^https:\/\/x\.com\/brand\/status\/\d+$/) });

    // The next poll asks for newer mentions only; our own reply (it has no @brand) is not among them.
    x.post(X_ANN, '@brand thanks, works again', { id: (eventOf(outcome) as { platformId: string }).platformId, conversation_id: mention.conversation_id });
    await poll();
    const last = x.received('GET', /mentions$/).at(-1)!;
    expect(last.query.get('since_id')).toBe(mention.id);
    expect(await texts(social.id)).toEqual(['@brand my router is down & support line busy', '謝'.repeat(138), '@brand thanks, works again']);
  });

  it('answers the CRC challenge and accepts only deliveries signed over their raw body', async () => {
    const crc = await fetch(`${harness.url}${channel.webhookPath}?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553`);
    expect(crc.status).toBe(200);
    expect(await crc.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', x.consumerSecret).update('9b4507b3-9040-4669-9ca3-6b94edb50553').digest('base64')}`,
    });

    const mention = x.post(X_ANN, '@brand webhook hello');
    const { body, signature } = x.activity(mention);
    const digest = Buffer.from(signature.slice('sha256='.length), 'base64');
    const shortened = `sha256=${digest.subarray(0, 31).toString('base64')}`;
    expect(await deliver(body, {})).toBe(401);
    expect(await deliver(body.replace('webhook hello', 'webhook hellO'), { 'x-twitter-webhooks-signature': signature })).toBe(401);
    expect(await deliver(body, { 'x-twitter-webhooks-signature': shortened })).toBe(401);
    expect(await deliver(body, { 'x-twitter-webhooks-signature': x.activity(mention, 'another-secret').signature })).toBe(401);
    expect(await deliver(body, { 'x-twitter-webhooks-signature': signature.replace('sha256=', 'sha1=') })).toBe(401);
    expect(await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).toHaveLength(0);

    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    for (let i = 0; i < 5; i++) expect(await deliver(body, { 'x-twitter-webhooks-signature': signature })).toBe(200);
    const social = await conversationOn(agent.socket, 'x');
    // The same post found again by polling is the same message.
    await poll();
    expect(await texts(social.id)).toEqual(['@brand webhook hello']);

    // Our reply comes back through the same webhook (Account Activity includes the account's own posts).
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Hi Ann!' });
    await socialEntry(agent.socket, social.id, 'reply_posted');
    const ours = x.posts.find((p) => p.author_id === X_BRAND.id)!;
    const echo = x.activity(ours);
    expect(await deliver(echo.body, { 'x-twitter-webhooks-signature': echo.signature })).toBe(200);
    expect(await texts(social.id)).toEqual(['@brand webhook hello', 'Hi Ann!']);
    expect(await harness.storage.channels.findItem(channel.id, ours.id, 'post')).toMatchObject({ status: 'echo' });
  });

  it('hides a reply on X with the agent’s reason in the log; shows X’s error for a refused reply', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    x.post(X_ANN, '@brand you are all idiots');
    await poll();
    const social = await conversationOn(agent.socket, 'x');
    const message = await agent.socket.next((f) => f.type === 'event' && f.conversationId === social.id && eventOf(f).kind === 'message');
    agent.socket.send({ type: 'moderate', conversationId: social.id, id: 'hide-1', action: 'hide', targetSeq: eventOf(message).seq, reason: 'insult' });
    const hidden = await answerTo(agent.socket, 'hide-1');
    expect(hidden.type).toBe('ack');
    expect([...x.hidden.entries()]).toEqual([[x.posts[0]!.id, true]]);
    expect(eventOf(await socialEntry(agent.socket, social.id, 'hidden'))).toMatchObject({ note: 'insult', author: { kind: 'agent', initials: 'ab' }, targetSeq: eventOf(message).seq });
    agent.socket.send({ type: 'moderate', conversationId: social.id, id: 'del-1', action: 'delete', targetSeq: eventOf(message).seq, reason: 'no' });
    expect(await answerTo(agent.socket, 'del-1')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });

    // X refuses duplicate content: the reply shows as failed with X's words.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Please keep it civil.' });
    await socialEntry(agent.socket, social.id, 'reply_posted');
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r2', text: 'Please keep it civil.' });
    const ack = await answerTo(agent.socket, 'r2');
    const failed = await socialEntry(agent.socket, social.id, 'reply_failed');
    expect(eventOf(failed)).toMatchObject({ targetSeq: ack.seq, error: '403: You are not allowed to create a Tweet with duplicate content.' });
  });

  it('refreshes the OAuth 2.0 user token when X rejects it, and keeps the rotated refresh token', async () => {
    const patched = await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { credentials: { refreshToken: 'x-refresh-1', clientId: 'x-client-id' } });
    expect(patched.json).toMatchObject({ credentialsSet: ['accessToken', 'clientId', 'consumerSecret', 'refreshToken'] });
    x.post(X_ANN, '@brand one');
    expect((await poll()).json).toMatchObject({ status: 'active', lastError: null });

    x.expireAccessTokens();
    x.post(X_ANN, '@brand two');
    expect((await poll()).json).toMatchObject({ status: 'active', lastError: null });
    x.expireAccessTokens();
    x.post(X_ANN, '@brand three');
    expect((await poll()).json).toMatchObject({ status: 'active', lastError: null });
    expect(x.refreshes).toBe(2);
    const queue = await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10);
    expect((await Promise.all(queue.map((c) => texts(c.id)))).flat().sort()).toEqual(['@brand one', '@brand three', '@brand two']);
    const stored = await harness.storage.channels.get(harness.tenant.workspaceId, channel.id);
    expect(stored!.sealedSession).toMatch(/^v1\./);
    expect(stored!.sealedSession).not.toContain('x-refresh');
  });
});
