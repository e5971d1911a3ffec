/**
 * Issue 5, the generic webhook channel, end to end over real sockets, real HTTP and a real
 * SQLite file. The delivery format and its signature are eyelevel's own (docs/channels.md,
 * "Generic webhook"); the source's reply endpoint is played by FakeWebhookReceiver.
 *
 * Shown here: a post arrives signed and lands in the same queue as a web chat; the agent
 * answers over the agent socket and the source receives the reply, signed, answering the right
 * post, with the agent's signature within the limit; forged, altered, stale and unsigned
 * deliveries are refused with 401 and store nothing; a delivery sent five times is stored once;
 * our own reply coming back is not queued; a flood from one author is held back; a reply the
 * source rejects shows as failed and goes out on retry; credentials are never returned.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, socialEntry } from '../support/channels.js';
import { FakeWebhookReceiver } from '../support/fake-platforms/webhook-receiver.js';

const SECRET = 'whsec-test-0123456789abcdef';

let harness: RelayHarness;
let receiver: FakeWebhookReceiver;
let admin: string;
let channel: { id: string; webhookPath: string | null };

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  receiver = await new FakeWebhookReceiver(SECRET).start();
  admin = await adminToken(harness);
  channel = await createChannel(harness, admin, {
    kind: 'webhook',
    name: 'Community forum',
    replyUrl: receiver.replyUrl,
    maxReplyLength: 120,
    floodCap: { perAuthor: 3, windowSeconds: 600 },
    credentials: { signingSecret: SECRET },
  });
});
afterEach(async () => {
  await harness?.close();
  await receiver?.close();
});

function event(id: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: 'post',
    thread: { id: 'topic-42', url: 'https://forum.example/t/42' },
    author: { id: 'user-7', name: 'Ann Example', handle: 'ann', url: 'https://forum.example/u/ann' },
    text,
    url: `https://forum.example/t/42#${id}`,
    createdAt: '2025-05-01T10:00:00Z',
    ...extra,
  };
}

function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) {
  return { timestamp: String(timestamp), signature: 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex') };
}

async function deliver(body: string, headers: Record<string, string>) {
  const response = await fetch(`${harness.url}${channel.webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

async function deliverSigned(events: unknown[]) {
  const body = JSON.stringify({ events });
  const { timestamp, signature } = sign(body);
  return deliver(body, { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': signature });
}

const messages = async (conversationId: string) =>
  (await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 500)).filter((e) => e.kind === 'message');

describe('generic webhook channel', () => {
  it('queues a post beside a web chat; the agent’s reply reaches the source signed, answering that post', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'web-1', text: 'Hello from the website' });
    await visitor.next((f) => f.type === 'ack' && f.id === 'web-1');
    const web = await conversationOn(agent.socket, 'web');

    expect(await deliverSigned([event('post-1', 'My order #123 never arrived')])).toMatchObject({ status: 200 });
    const social = await conversationOn(agent.socket, 'webhook');
    expect(social.social).toMatchObject({ channelId: channel.id, author: { handle: 'ann', name: 'Ann Example' }, url: 'https://forum.example/t/42', replyPrefix: '' });
    expect(social.visitor.name).toBe('Ann Example');
    const mention = await agent.socket.next((f) => f.type === 'event' && f.conversationId === social.id && eventOf(f).kind === 'message');
    expect(eventOf(mention)).toMatchObject({ text: 'My order #123 never arrived', author: { kind: 'visitor', name: 'Ann Example' } });

    // One queue: a fresh console gets both in its snapshot.
    const second = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const ids = (second.welcome.queue as Array<{ id: string; channel: string }>).map((c) => [c.channel, c.id]);
    expect(ids).toEqual(expect.arrayContaining([['web', web.id], ['webhook', social.id]]));
    // The directory tells the composer how replies here are counted.
    const directory = await second.socket.next((f) => f.type === 'directory');
    expect(directory.channels).toEqual([
      expect.objectContaining({ id: channel.id, kind: 'webhook', reply: { counting: 'plain', maxLength: 120, signature: ' ^{initials}' } }),
    ]);

    agent.socket.send({ type: 'send', conversationId: social.id, id: 'reply-1', text: 'Sorry about that, Ann! Checking now.' });
    const ack = await answerTo(agent.socket, 'reply-1');
    expect(ack.type).toBe('ack');
    const [posted] = await receiver.waitFor('POST', /^\/replies$/);
    expect(receiver.signatureValid(posted!)).toBe(true);
    expect(posted!.headers['idempotency-key']).toBeTruthy();
    expect(posted!.json).toMatchObject({ thread: { id: 'topic-42' }, inReplyTo: 'post-1', text: 'Sorry about that, Ann! Checking now. ^ab' });
    const outcome = await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(eventOf(outcome)).toMatchObject({ targetSeq: ack.seq, platformId: 'reply-1', url: 'https://forum.example/p/reply-1' });

    // Answering in the web chat posts nothing anywhere.
    agent.socket.send({ type: 'send', conversationId: web.id, id: 'web-reply', text: 'Hi!' });
    await answerTo(agent.socket, 'web-reply');
    expect(receiver.received('POST', /^\/replies$/)).toHaveLength(1);
  });

  it('refuses an over-long reply before anything is stored or posted', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await deliverSigned([event('post-1', 'question')]);
    const social = await conversationOn(agent.socket, 'webhook');
    // 117 characters + " ^ab" = 121 > 120.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'long', text: 'x'.repeat(117) });
    expect(await answerTo(agent.socket, 'long')).toMatchObject({ type: 'error', code: 'MESSAGE_TOO_LONG' });
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'fits', text: 'x'.repeat(116) });
    expect(await answerTo(agent.socket, 'fits')).toMatchObject({ type: 'ack' });
    await receiver.waitFor('POST', /^\/replies$/);
    expect(receiver.received('POST', /^\/replies$/)).toHaveLength(1);
    expect(await messages(social.id)).toHaveLength(2);
  });

  it('refuses unsigned, altered, wrongly sized, foreign and stale deliveries with 401 and stores nothing', async () => {
    const body = JSON.stringify({ events: [event('post-x', 'forged')] });
    const { timestamp, signature } = sign(body);
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    const altered = body.replace('forged', 'forgeD');
    const cases: Array<[string, string, Record<string, string>]> = [
      ['missing signature', body, { 'x-eyelevel-timestamp': timestamp }],
      ['missing timestamp', body, { 'x-eyelevel-signature': signature }],
      ['one byte of the body changed', altered, { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': signature }],
      ['one digit of the signature changed', body, { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': flipped }],
      ['signature of the wrong length', body, { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': signature.slice(0, -2) }],
      ['signed with another secret', body, { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': sign(body, Number(timestamp), 'another-secret-0123456789').signature }],
      ['timestamp changed after signing', body, { 'x-eyelevel-timestamp': String(Number(timestamp) + 1), 'x-eyelevel-signature': signature }],
    ];
    const stale = sign(body, Math.floor(Date.now() / 1000) - 301);
    cases.push(['outside the replay window', body, { 'x-eyelevel-timestamp': stale.timestamp, 'x-eyelevel-signature': stale.signature }]);
    for (const [name, sent, headers] of cases) {
      expect((await deliver(sent, headers)).status, name).toBe(401);
    }
    expect(await harness.storage.channels.findItem(channel.id, 'post-x', 'post')).toBeNull();
    expect(await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).toHaveLength(0);

    // A valid signature over a body that is not the documented format is a 400, still nothing stored.
    const bad = JSON.stringify({ events: [{ id: 'p' }] });
    const signed = sign(bad);
    expect((await deliver(bad, { 'x-eyelevel-timestamp': signed.timestamp, 'x-eyelevel-signature': signed.signature })).status).toBe(400);
    expect(await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).toHaveLength(0);

    // And an unknown channel is a 404.
    expect((await fetch(`${harness.url}/api/channels/nochannel/webhook`, { method: 'POST', body })).status).toBe(404);
  });

  it('stores a delivery sent five times once, and a replayed identical request too', async () => {
    const body = JSON.stringify({ events: [event('post-1', 'once please')] });
    const { timestamp, signature } = sign(body);
    const headers = { 'x-eyelevel-timestamp': timestamp, 'x-eyelevel-signature': signature };
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(body, headers)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const queue = await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10);
    expect(queue).toHaveLength(1);
    expect((await messages(queue[0]!.id)).map((m) => (m.kind === 'message' ? m.text : ''))).toEqual(['once please']);
  });

  it('does not queue our own reply when the source echoes it back', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await deliverSigned([event('post-1', 'hello?')]);
    const social = await conversationOn(agent.socket, 'webhook');
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Hello Ann' });
    await socialEntry(agent.socket, social.id, 'reply_posted');
    // The forum lists our reply as a new post in the thread, with the id it gave it.
    await deliverSigned([event('reply-1', 'Hello Ann ^ab', { author: { id: 'brand', name: 'Brand' }, inReplyTo: 'post-1' })]);
    await deliverSigned([event('post-2', 'thanks!', { inReplyTo: 'reply-1' })]);
    const texts = (await messages(social.id)).map((m) => [m.author.kind, m.kind === 'message' ? m.text : '']);
    expect(texts).toEqual([
      ['visitor', 'hello?'],
      ['agent', 'Hello Ann'],
      ['visitor', 'thanks!'],
    ]);
    expect(await harness.storage.channels.findItem(channel.id, 'reply-1', 'post')).toMatchObject({ status: 'echo' });
  });

  it('holds back a flood from one author and tells the agents once', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    for (let i = 1; i <= 6; i++) await deliverSigned([event(`flood-${i}`, `spam ${i}`)]);
    const social = await conversationOn(agent.socket, 'webhook');
    const held = await socialEntry(agent.socket, social.id, 'held_back');
    expect(eventOf(held)).toMatchObject({ text: expect.stringContaining('ann posted more than 3 times') });
    expect((await messages(social.id)).map((m) => (m.kind === 'message' ? m.text : ''))).toEqual(['spam 1', 'spam 2', 'spam 3']);
    const log = await harness.storage.events.read(harness.tenant.workspaceId, social.id, 0, 100);
    expect(log.filter((e) => e.kind === 'social' && e.action === 'held_back')).toHaveLength(1);
    // Another author in the same thread is not affected.
    await deliverSigned([event('other-1', 'me too', { author: { id: 'user-8', name: 'Bo' } })]);
    expect((await messages(social.id)).at(-1)).toMatchObject({ text: 'me too', author: { name: 'Bo' } });
  });

  it('shows a rejected reply as failed with the source’s error, and posts it once on retry', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await deliverSigned([event('post-1', 'help')]);
    const social = await conversationOn(agent.socket, 'webhook');
    receiver.failNext('POST', /^\/replies$/, { status: 422, json: { error: 'thread is locked' } });
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'On it' });
    const ack = await answerTo(agent.socket, 'r1');
    const failed = await socialEntry(agent.socket, social.id, 'reply_failed');
    expect(eventOf(failed)).toMatchObject({ targetSeq: ack.seq, error: '422: thread is locked' });

    agent.socket.send({ type: 'reply_retry', conversationId: social.id, id: 'retry-1', replySeq: ack.seq });
    const retried = await answerTo(agent.socket, 'retry-1');
    expect(retried.type).toBe('ack');
    const posted = await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(eventOf(posted)).toMatchObject({ targetSeq: ack.seq, seq: retried.seq });
    expect(receiver.received('POST', /^\/replies$/).map((r) => (r.json as { text: string }).text)).toEqual(['On it ^ab', 'On it ^ab']);

    // A posted reply is not posted again.
    agent.socket.send({ type: 'reply_retry', conversationId: social.id, id: 'retry-2', replySeq: ack.seq });
    expect(await answerTo(agent.socket, 'retry-2')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    // A resent send frame (outbox after reconnect) is stored and posted once.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'On it' });
    expect((await answerTo(agent.socket, 'r1', agent.socket.frames.indexOf(ack) + 1)).seq).toBe(ack.seq);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received('POST', /^\/replies$/)).toHaveLength(2);
  });

  it('never returns credentials, and stores them sealed', async () => {
    const list = await adminRequest(harness, admin, 'GET', '/channels');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(SECRET);
    expect((list.json as unknown as ChannelView[])[0]).toMatchObject({ id: channel.id, credentialsSet: ['signingSecret'], webhookPath: `/api/channels/${channel.id}/webhook` });
    const stored = await harness.storage.channels.get(harness.tenant.workspaceId, channel.id);
    expect(stored!.sealedCredentials).not.toContain(SECRET);
    expect(stored!.sealedCredentials).toMatch(/^v1\./);
    // Rotating the secret: the old one no longer verifies.
    const patched = await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { credentials: { signingSecret: 'rotated-secret-0123456789' } });
    expect(patched.status).toBe(200);
    expect(patched.text).not.toContain('rotated-secret');
    expect((await deliverSigned([event('post-9', 'old secret')])).status).toBe(401);
    // Agents cannot see or change channels.
    const asAgent = await adminRequest(harness, await harness.login(harness.tenant.agentEmail), 'GET', '/channels');
    expect(asAgent.status).toBe(403);
  });
});
