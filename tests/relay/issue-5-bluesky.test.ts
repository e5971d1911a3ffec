/**
 * Issue 5, the Bluesky connector against FakeBluesky (tests/support/fake-platforms/bluesky.ts
 * cites the lexicons each endpoint follows), over real sockets and a real SQLite file:
 * listNotifications (reasons mention and reply, cursor) then updateSeen; a mention queued beside
 * a web chat; the reply a post whose reply.root and reply.parent place it in the thread, signed
 * within 300 graphemes; one session for everything, refreshed rather than recreated, and kept
 * (sealed) across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, socialEntry } from '../support/channels.js';
import { BSKY_ANN, BSKY_BO, BSKY_BRAND, FakeBluesky } from '../support/fake-platforms/bluesky.js';

const KEY = randomBytes(32);
let dataDir: string;
let harness: RelayHarness;
let bluesky: FakeBluesky;
let admin: string;
let channel: { id: string };

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-bsky-'));
  harness = await startRelay({ dataDir, channels: { secretKey: KEY }, routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  bluesky = await new FakeBluesky().start();
  admin = await adminToken(harness);
  channel = await createChannel(harness, admin, {
    kind: 'bluesky',
    name: 'Bluesky',
    baseUrl: bluesky.url,
    pollSeconds: 3600,
    credentials: { identifier: BSKY_BRAND.handle, appPassword: bluesky.appPassword },
  });
});
afterEach(async () => {
  await harness?.close();
  await bluesky?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const poll = async () => (await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`)).json as unknown as ChannelView;
const texts = async (conversationId: string) =>
  (await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));

describe('Bluesky channel', () => {
  it('lists mentions and replies, marks them seen, and replies into the thread with root and parent', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'web-1', text: 'Hello from the website' });
    await conversationOn(agent.socket, 'web');

    // Bo started a thread; Ann mentions the brand in a reply to it. A like is not a conversation.
    const root = { uri: `at://${BSKY_BO.did}/app.bsky.feed.post/3kroot00000001`, cid: 'bafyreiroot' };
    const mention = bluesky.notify(BSKY_ANN, 'mention', '@brand.example.com the app logs me out 🙁', { root, parent: root });
    bluesky.notify(BSKY_ANN, 'like', 'liked your post');
    expect(await poll()).toMatchObject({ status: 'active', handle: `@${BSKY_BRAND.handle}`, lastError: null });
    const listed = bluesky.received('GET', /listNotifications$/)[0]!;
    expect(listed.query.getAll('reasons')).toEqual(['mention', 'reply']);
    expect(bluesky.seenAt).toBe(bluesky.notifications[0]!.indexedAt);

    const social = await conversationOn(agent.socket, 'bluesky');
    expect(social.social).toMatchObject({ author: { handle: '@ann.bsky.social', name: 'Ann' }, url: expect.stringContaining('https://bsky.app/profile/ann.bsky.social/post/') });
    expect(await texts(social.id)).toEqual(['@brand.example.com the app logs me out 🙁']);
    const queue = (await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).map((c) => c.channel).sort();
    expect(queue).toEqual(['bluesky', 'web']);

    // 300 graphemes: 296 emoji families plus " ^ab" fit; one more does not.
    const family = '👨‍👩‍👧‍👦';
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'long', text: family.repeat(297) });
    expect(await answerTo(agent.socket, 'long')).toMatchObject({ type: 'error', code: 'MESSAGE_TOO_LONG' });
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Sorry Ann! Update to 2.3 please.' });
    const ack = await answerTo(agent.socket, 'r1');
    const [created] = await bluesky.waitFor('POST', /createRecord$/);
    expect(created!.json).toMatchObject({
      repo: BSKY_BRAND.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'Sorry Ann! Update to 2.3 please. ^ab', reply: { root, parent: mention } },
    });
    expect(eventOf(await socialEntry(agent.socket, social.id, 'reply_posted'))).toMatchObject({
      targetSeq: ack.seq,
      url: expect.stringMatching(/^https:\/\/bsky\.app\/profile\/brand\.example\.com\/post\//),
    });

    // Ann answers our reply: same conversation, and the next reply keeps the thread's root.
    const ours = bluesky.records[0]!;
    bluesky.notify(BSKY_ANN, 'reply', 'that fixed it, thanks', { root, parent: { uri: ours.uri, cid: 'x' } });
    await poll();
    expect(await texts(social.id)).toEqual(['@brand.example.com the app logs me out 🙁', 'Sorry Ann! Update to 2.3 please.', 'that fixed it, thanks']);
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r2', text: 'Great!' });
    await bluesky.waitFor('POST', /createRecord$/, 2);
    expect((bluesky.records[1]!.record.reply as { root: unknown }).root).toEqual(root);
  });

  it('creates one session, refreshes it when it expires, and keeps it across a restart', async () => {
    bluesky.notify(BSKY_ANN, 'mention', 'one');
    await poll();
    await poll();
    expect(bluesky.createSessions).toBe(1);

    bluesky.expireAccessTokens();
    bluesky.notify(BSKY_ANN, 'mention', 'two');
    expect(await poll()).toMatchObject({ status: 'active', lastError: null });
    expect(bluesky.createSessions).toBe(1);
    expect(bluesky.received('POST', /refreshSession$/)).toHaveLength(1);

    // The stored session is sealed, not plain.
    const stored = await harness.storage.channels.get(harness.tenant.workspaceId, channel.id);
    expect(stored!.sealedSession).toMatch(/^v1\./);
    expect(stored!.sealedSession).not.toContain('access-');

    // A restart on the same database and key (the harness seeds another tenant; the channel stays in its own).
    const workspaceId = harness.tenant.workspaceId;
    await harness.close();
    harness = await startRelay({ dataDir, channels: { secretKey: KEY }, routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    bluesky.notify(BSKY_ANN, 'mention', 'three');
    await harness.relay.channels.runtime.pollNow(channel.id);
    expect(bluesky.createSessions).toBe(1);
    const conversations = await harness.storage.conversations.listQueue(workspaceId, 10);
    const all = (await Promise.all(conversations.map((c) => harness.storage.events.read(workspaceId, c.id, 0, 100))))
      .flat()
      .flatMap((e) => (e.kind === 'message' ? [e.text] : []))
      .sort();
    expect(all).toEqual(['one', 'three', 'two']);
  });

  it('listens to a tracked keyword with Bluesky search, flagging what it finds', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: ['brand router'] });
    bluesky.publicPost(BSKY_ANN, 'is anyone else’s Brand Router blinking red?');
    bluesky.publicPost(BSKY_BO, 'nice weather today');
    await poll();
    const social = await conversationOn(agent.socket, 'bluesky');
    expect(social.social).toMatchObject({ listening: 'brand router', author: { handle: '@ann.bsky.social' } });
    expect(await texts(social.id)).toEqual(['is anyone else’s Brand Router blinking red?']);
    await poll();
    expect((await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).length).toBe(1);
    const searched = bluesky.received('GET', /searchPosts$/);
    expect(searched.at(-1)!.query.get('q')).toBe('brand router');
    expect(searched.at(-1)!.query.get('since')).toBe(bluesky.publicPosts[0]!.indexedAt);
  });
});
