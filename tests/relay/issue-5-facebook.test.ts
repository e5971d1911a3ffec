/**
 * Issue 5, the Facebook pages connector against FakeFacebook (tests/support/fake-platforms/
 * facebook.ts cites the Meta documentation each payload follows), over real sockets and a
 * real SQLite file: subscription verification with hub.* parameters, X-Hub-Signature-256 over
 * the raw bytes, batched entries and changes, the page's own echoes dropped, comment chains as
 * conversations, replies as comments, edits, removals and hides in the log, and moderation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminToken, answerTo, conversationOn, createChannel, eventOf, socialEntry } from '../support/channels.js';
import { FB_ANN, FB_BO, FakeFacebook, PAGE, commentChange } from '../support/fake-platforms/facebook.js';

let harness: RelayHarness;
let facebook: FakeFacebook;
let channel: { id: string; webhookPath: string | null };
const VERIFY_TOKEN = 'verify-me-please';

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  facebook = await new FakeFacebook().start();
  channel = await createChannel(harness, await adminToken(harness), {
    kind: 'facebook',
    name: 'Facebook page',
    baseUrl: facebook.url,
    pageId: PAGE.id,
    handle: PAGE.name,
    credentials: { pageAccessToken: facebook.pageToken, appSecret: facebook.appSecret, verifyToken: VERIFY_TOKEN },
  });
});
afterEach(async () => {
  await harness?.close();
  await facebook?.close();
});

async function deliver(body: string, headers: Record<string, string>) {
  const response = await fetch(`${harness.url}${channel.webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.status;
}
const send = (d: { body: string; signature: string }) => deliver(d.body, { 'x-hub-signature-256': d.signature });
const log = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200);
const texts = async (conversationId: string) => (await log(conversationId)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));

describe('Facebook page channel', () => {
  it('verifies the subscription only with the right verify token', async () => {
    const verify = (token: string, mode = 'subscribe') =>
      fetch(`${harness.url}${channel.webhookPath}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`);
    const ok = await verify(VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await verify('verify-me-pleasE')).status).toBe(403);
    expect((await verify('')).status).toBe(403);
    expect((await verify(VERIFY_TOKEN, 'unsubscribe')).status).toBe(403);
  });

  it('queues a comment from a batched delivery beside a web chat; the reply is a comment in its chain', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'web-1', text: 'Hello from the website' });
    await conversationOn(agent.socket, 'web');

    const delivery = facebook.delivery([
      {
        values: [
          { item: 'reaction', verb: 'add', reaction_type: 'like', post_id: `${PAGE.id}_1`, parent_id: `${PAGE.id}_1`, from: FB_BO, created_time: 1714557600 },
          commentChange(FB_ANN, '1164870100259578_111', 'Where is my refund?'),
          commentChange(PAGE, '1164870100259578_112', 'Our own comment on the post'),
        ],
      },
      { pageId: '999999999', values: [commentChange(FB_BO, '555_1', 'a comment on another page')] },
      { values: [commentChange(FB_BO, '1164870100259578_113', 'Same here!')] },
    ]);
    expect(await send(delivery)).toBe(200);
    const first = await conversationOn(agent.socket, 'facebook');
    const queue = await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10);
    expect(queue.map((c) => c.channel).sort()).toEqual(['facebook', 'facebook', 'web']);
    const ann = queue.find((c) => c.social?.author.name === 'Ann Example')!;
    expect(await texts(ann.id)).toEqual(['Where is my refund?']);
    expect(first.channel).toBe('facebook');

    agent.socket.send({ type: 'send', conversationId: ann.id, id: 'r1', text: 'Hi Ann, we sent it today.' });
    const ack = await answerTo(agent.socket, 'r1');
    const [comment] = await facebook.waitFor('POST', /^\/1164870100259578_111\/comments$/);
    expect(comment!.json).toEqual({ message: 'Hi Ann, we sent it today. ^ab' });
    expect(comment!.headers.authorization).toBe(`Bearer ${facebook.pageToken}`);
    expect(eventOf(await socialEntry(agent.socket, ann.id, 'reply_posted'))).toMatchObject({ targetSeq: ack.seq, platformId: '1164870100259578_100' });

    // Facebook delivers the page's reply too: an echo. Ann answers under her comment: same chain.
    expect(await send(facebook.delivery([{ values: [commentChange(PAGE, '1164870100259578_100', 'Hi Ann, we sent it today. ^ab', { parentId: '1164870100259578_111' })] }]))).toBe(200);
    expect(await send(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_114', 'Got it, thanks', { parentId: '1164870100259578_111' })] }]))).toBe(200);
    expect(await texts(ann.id)).toEqual(['Where is my refund?', 'Hi Ann, we sent it today.', 'Got it, thanks']);
    // The next reply goes on the top-level comment again (Facebook nests one level).
    agent.socket.send({ type: 'send', conversationId: ann.id, id: 'r2', text: 'Glad to help!' });
    await socialEntry(agent.socket, ann.id, 'reply_posted', agent.socket.frames.length);
    expect(facebook.comments.map((c) => c.on)).toEqual(['1164870100259578_111', '1164870100259578_111']);
  });

  it('refuses deliveries whose X-Hub-Signature-256 is missing, altered or of the wrong length; stores nothing', async () => {
    const delivery = facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'forged?')] }]);
    const digest = delivery.signature.slice('sha256='.length);
    const flipped = `sha256=${digest.slice(0, -1)}${digest.endsWith('0') ? '1' : '0'}`;
    expect(await deliver(delivery.body, {})).toBe(401);
    expect(await deliver(delivery.body.replace('forged?', 'forged!'), { 'x-hub-signature-256': delivery.signature })).toBe(401);
    expect(await deliver(delivery.body, { 'x-hub-signature-256': flipped })).toBe(401);
    expect(await deliver(delivery.body, { 'x-hub-signature-256': delivery.signature.slice(0, -2) })).toBe(401);
    expect(await deliver(delivery.body, { 'x-hub-signature-256': facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'forged?')] }], 'other-secret').signature })).toBe(401);
    // The old SHA-1 header alone is not enough.
    expect(await deliver(delivery.body, { 'x-hub-signature': `sha1=${digest.slice(0, 40)}` })).toBe(401);
    expect(await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).toHaveLength(0);
    expect(await harness.storage.channels.findItem(channel.id, '1164870100259578_111', 'post')).toBeNull();
  });

  it('records edits, removals and hides; hides and (as a lead) deletes comments with a reason', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const leadSocket = (await connectAgent(harness.wsUrl, lead.token)).socket;
    await send(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'first version')] }]));
    const social = await conversationOn(agent.socket, 'facebook');
    await send(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'second version', { verb: 'edited' })] }]));
    const edited = await socialEntry(agent.socket, social.id, 'edited');
    expect(eventOf(edited)).toMatchObject({ text: 'second version', targetSeq: 2, platformId: '1164870100259578_111' });

    await send(facebook.delivery([{ values: [commentChange(FB_BO, '1164870100259578_120', 'spam spam', { parentId: '1164870100259578_111' })] }]));
    const spam = await agent.socket.next((f) => f.type === 'event' && f.conversationId === social.id && eventOf(f).kind === 'message' && (eventOf(f) as { text: string }).text === 'spam spam');
    agent.socket.send({ type: 'moderate', conversationId: social.id, id: 'h1', action: 'hide', targetSeq: eventOf(spam).seq, reason: 'spam' });
    expect((await answerTo(agent.socket, 'h1')).type).toBe('ack');
    expect(facebook.hidden.get('1164870100259578_120')).toBe(true);
    // Facebook reports the hide back: not a second line.
    await send(facebook.delivery([{ values: [commentChange(PAGE, '1164870100259578_120', 'spam spam', { verb: 'hide', parentId: '1164870100259578_111' })] }]));

    agent.socket.send({ type: 'moderate', conversationId: social.id, id: 'd1', action: 'delete', targetSeq: eventOf(spam).seq, reason: 'spam' });
    expect(await answerTo(agent.socket, 'd1')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    leadSocket.send({ type: 'moderate', conversationId: social.id, id: 'd2', action: 'delete', targetSeq: eventOf(spam).seq, reason: 'repeated spam' });
    expect((await answerTo(leadSocket, 'd2')).type).toBe('ack');
    expect(facebook.deleted).toEqual(['1164870100259578_120']);
    await send(facebook.delivery([{ values: [commentChange(PAGE, '1164870100259578_120', '', { verb: 'remove', parentId: '1164870100259578_111' })] }]));

    // Ann removes her own comment on Facebook.
    await send(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', '', { verb: 'remove' })] }]));
    await socialEntry(agent.socket, social.id, 'removed');
    const lines = (await log(social.id)).flatMap((e) => (e.kind === 'social' ? [[e.action, e.author.kind, e.note]] : []));
    expect(lines).toEqual([
      ['edited', 'system', null],
      ['hidden', 'agent', 'spam'],
      ['deleted', 'agent', 'repeated spam'],
      ['removed', 'system', null],
    ]);
  });

  it('shows Facebook’s error when it refuses a reply', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await send(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'hello?')] }]));
    const social = await conversationOn(agent.socket, 'facebook');
    facebook.failNext('POST', /\/comments$/, {
      status: 400,
      json: { error: { message: '(#100) The comment has been deleted', type: 'OAuthException', code: 100, fbtrace_id: 'Ab2' } },
    });
    agent.socket.send({ type: 'send', conversationId: social.id, id: 'r1', text: 'Hi!' });
    const ack = await answerTo(agent.socket, 'r1');
    expect(eventOf(await socialEntry(agent.socket, social.id, 'reply_failed'))).toMatchObject({ targetSeq: ack.seq, error: '400: (#100) The comment has been deleted' });
    agent.socket.send({ type: 'reply_retry', conversationId: social.id, id: 'again', replySeq: ack.seq });
    expect((await answerTo(agent.socket, 'again')).type).toBe('ack');
    await socialEntry(agent.socket, social.id, 'reply_posted');
    expect(facebook.comments).toHaveLength(1);
  });
});
