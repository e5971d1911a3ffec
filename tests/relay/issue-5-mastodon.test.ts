/**
 * Issue 5, the Mastodon connector against FakeMastodon (tests/support/fake-platforms/mastodon.ts,
 * which cites the documentation each endpoint and payload follows), over real sockets and a
 * real SQLite file: a mention arrives by polling (since_id) or by the streaming API, is queued
 * beside a web chat, and the agent's reply becomes a status answering it (`in_reply_to_id`),
 * with the original's visibility, an Idempotency-Key, the author's handle first and the
 * signature last, within the instance's own character limit read from /api/v2/instance.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, socialEntry } from '../support/channels.js';
import { ANN, BRAND, FakeMastodon } from '../support/fake-platforms/mastodon.js';

let harness: RelayHarness;
let mastodon: FakeMastodon;
let admin: string;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  mastodon = await new FakeMastodon().start();
  admin = await adminToken(harness);
});
afterEach(async () => {
  await harness?.close();
  await mastodon?.close();
});

async function connect(options: { streaming?: boolean } = {}) {
  return createChannel(harness, admin, {
    kind: 'mastodon',
    name: 'Mastodon @brand',
    baseUrl: mastodon.url,
    streaming: options.streaming ?? false,
    pollSeconds: 3600,
    credentials: { accessToken: mastodon.token },
  });
}

const poll = async (channelId: string) => (await adminRequest(harness, admin, 'POST', `/channels/${channelId}/poll`)).json as unknown as ChannelView;
const texts = async (conversationId: string) =>
  (await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));

describe('Mastodon channel', () => {
  it('polls a mention into the queue beside a web chat; the reply is a status in the thread', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'web-1', text: 'Hello from the website' });
    await conversationOn(agent.socket, 'web');

    const channel = await connect();
    const { status } = mastodon.mention(
      ANN,
      '<p><span class="h-card" translate="no"><a href="https://social.example/@brand" class="u-url mention">@<span>brand</span></a></span> my parcel &amp; invoice are missing</p>',
      { visibility: 'unlisted' },
    );
    const view = await poll(channel.id);
    expect(view).toMatchObject({ status: 'active', handle: '@brand', lastError: null });

    const social = await conversationOn(agent.socket, 'mastodon');
    expect(social.social).toMatchObject({ author: { handle: '@ann@other.example', name: 'Ann' }, replyPrefix: '@ann@other.example ', url: status.url });
    expect(await texts(social.id)).toEqual(['@brand my parcel & invoice are missing']);
    const queue = (await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).map((c) => c.channel).sort();
    expect(queue).toEqual(['mastodon', 'web']);

    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Sorry Ann, we are on it.' });
    const ack = await answerTo(agent.socket, 'r1');
    const [post] = await mastodon.waitFor('POST', /^\/api\/v1\/statuses$/);
    expect(post!.json).toEqual({ status: '@ann@other.example Sorry Ann, we are on it. ^ab', in_reply_to_id: status.id, visibility: 'unlisted' });
    expect(post!.headers['idempotency-key']).toMatch(/^[A-Za-z0-9]+$/);
    const posted = await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(eventOf(posted)).toMatchObject({ targetSeq: ack.seq, url: expect.stringContaining('https://social.example/@brand/') });

    // The next poll asks only for what is newer than what it has.
    await poll(channel.id);
    const polls = mastodon.received('GET', /^\/api\/v1\/notifications$/);
    expect(polls.at(-1)!.query.get('since_id')).toBe(mastodon.notifications.at(-1)!.id);
    expect(polls.at(-1)!.query.getAll('types[]')).toEqual(['mention']);

    // Ann answers our reply: same conversation.
    const ours = [...mastodon.statuses.values()].find((s) => (s.account as { id: string }).id === BRAND.id)!;
    mastodon.mention(ANN, '<p>@brand thanks, it arrived!</p>', { inReplyToId: String(ours.id) });
    await poll(channel.id);
    expect(await texts(social.id)).toEqual(['@brand my parcel & invoice are missing', 'Sorry Ann, we are on it.', '@brand thanks, it arrived!']);
  });

  it('counts replies against the instance’s own limit, signature and handle included', async () => {
    mastodon.maxCharacters = 60;
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const channel = await connect();
    mastodon.mention(ANN, '<p>@brand hi</p>');
    await poll(channel.id);
    const social = await conversationOn(agent.socket, 'mastodon');
    const directory = await agent.socket.next((f) => f.type === 'directory' && (f.channels as unknown[] | undefined)?.some((c) => (c as { reply: { maxLength: number } }).reply.maxLength === 60) === true);
    expect((directory.channels as Array<{ reply: unknown }>)[0]!.reply).toEqual({ counting: 'mastodon', maxLength: 60, urlLength: 23, signature: ' ^{initials}' });

    // "@ann " counts 5 (the domain is not counted), " ^ab" 4: 51 characters of text fit, 52 do not.
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'long', text: 'y'.repeat(52) });
    expect(await answerTo(agent.socket, 'long')).toMatchObject({ type: 'error', code: 'MESSAGE_TOO_LONG' });
    expect(mastodon.received('POST', /statuses/)).toHaveLength(0);
    // Links count 23 whatever their length.
    const withLink = `see https://help.example/articles/${'x'.repeat(60)}`;
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'link', text: withLink });
    expect(await answerTo(agent.socket, 'link')).toMatchObject({ type: 'ack' });
    await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(mastodon.received('POST', /statuses/)).toHaveLength(1);
  });

  it('receives mentions from the streaming API, and a mention seen by stream and poll is stored once', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await connect({ streaming: true });
    for (let i = 0; i < 100 && mastodon.streamListeners === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(mastodon.streamListeners).toBe(1);
    const { notification } = mastodon.mention(ANN, '<p>@brand streaming works?</p>', { stream: true });
    const social = await conversationOn(agent.socket, 'mastodon');
    expect(await texts(social.id)).toEqual(['@brand streaming works?']);
    mastodon.restream(notification);
    const channelId = social.social!.channelId;
    await poll(channelId);
    expect(await texts(social.id)).toEqual(['@brand streaming works?']);
  });

  it('ignores our own posts and backs off when rate-limited', async () => {
    const channel = await connect();
    await poll(channel.id);
    mastodon.mention(BRAND, '<p>@brand a note to self</p>');
    await poll(channel.id);
    expect(await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).toHaveLength(0);

    const reset = new Date(Date.now() + 120_000).toISOString();
    mastodon.failNext('GET', /^\/api\/v1\/notifications$/, {
      status: 429,
      json: { error: 'Too many requests' },
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const failing = await poll(channel.id);
    expect(failing).toMatchObject({ status: 'failing', lastError: '429: Too many requests' });
    // Until the reset, the relay does not call again.
    const before = mastodon.received('GET', /^\/api\/v1\/notifications$/).length;
    const waiting = await poll(channel.id);
    expect(waiting.lastError).toMatch(/rate limited by the platform until/);
    expect(mastodon.received('GET', /^\/api\/v1\/notifications$/)).toHaveLength(before);
  });

  it('listens to a tracked hashtag: its posts open conversations flagged as listening results', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const channel = await createChannel(harness, admin, {
      kind: 'mastodon',
      name: 'Mastodon @brand',
      baseUrl: mastodon.url,
      streaming: false,
      pollSeconds: 3600,
      listen: ['#BrandRouter'],
      credentials: { accessToken: mastodon.token },
    });
    await poll(channel.id);
    mastodon.publicPost(ANN, '<p>my <a href="https://social.example/tags/brandrouter" class="mention hashtag">#<span>BrandRouter</span></a> keeps rebooting</p>');
    mastodon.publicPost(ANN, '<p>unrelated</p>');
    await poll(channel.id);
    const social = await conversationOn(agent.socket, 'mastodon');
    expect(social.social).toMatchObject({ listening: '#BrandRouter', author: { handle: '@ann@other.example' } });
    expect(await texts(social.id)).toEqual(['my #BrandRouter keeps rebooting']);
    await poll(channel.id);
    expect(await texts(social.id)).toEqual(['my #BrandRouter keeps rebooting']);
    const asked = mastodon.received('GET', /^\/api\/v1\/timelines\/tag\/BrandRouter$/);
    expect(asked.at(-1)!.query.get('since_id')).toBe(social.social!.url!.split('/').at(-1));
  });
});
