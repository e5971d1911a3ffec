/**
 * Issue 2: the basic promises of the relay over real sockets and a real SQLite file — a visitor
 * reaches an agent and back, retries are stored once, resume replays exactly what was missed,
 * and one workspace's session token gets nothing from another.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor, messagesOf } from '../support/clients.js';
import { TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;

beforeEach(async () => {
  harness = await startRelay();
});
afterEach(async () => {
  await harness.close();
});

describe('origin allowlist', () => {
  it('refuses an origin that is not on the site allowlist before the upgrade', async () => {
    const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`, {
      origin: 'https://evil.example',
    });
    await expect(socket.opened).rejects.toThrow('upgrade refused: 403');
  });

  it('refuses a missing origin and near-miss origins', async () => {
    for (const origin of ['https://shop.example.evil.com', 'http://shop.example', 'https://shop.example:8443']) {
      const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`, { origin });
      await expect(socket.opened).rejects.toThrow('upgrade refused: 403');
    }
    const noOrigin = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`);
    await expect(noOrigin.opened).rejects.toThrow('upgrade refused: 403');
  });

  it('refuses an unknown site key in the URL with 404', async () => {
    const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=pk_nope`, { origin: 'https://shop.example' });
    await expect(socket.opened).rejects.toThrow('upgrade refused: 404');
  });
});

describe('a conversation end to end', () => {
  it('delivers a visitor message to the agent and the reply to the visitor', async () => {
    const token = await harness.login(harness.tenant.agentEmail);
    const agent = await connectAgent(harness.wsUrl, token);
    expect(agent.welcome.type).toBe('welcome');

    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    expect(visitor.welcome).toMatchObject({ type: 'welcome', conversationId: null, lastSeq: 0 });
    expect(visitor.welcome.token).toMatch(/^vt_/);

    visitor.socket.send({ type: 'send', id: 'm1', text: 'Hello, is my order shipped?' });
    const ack = await visitor.socket.next((f) => f.type === 'ack' && f.id === 'm1');
    expect(ack.seq).toBe(2); // seq 1 is the "opened" status event

    const conversation = await agent.socket.next((f) => f.type === 'conversation');
    const conversationId = (conversation.conversation as { id: string }).id;
    await agent.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === 2);
    expect(messagesOf(agent.socket.frames)).toEqual([[2, 'Hello, is my order shipped?']]);

    agent.socket.send({ type: 'send', conversationId, id: 'r1', text: 'Yes, it left today.' });
    const replyAck = await agent.socket.next((f) => f.type === 'ack' && f.id === 'r1');
    const reply = await visitor.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === replyAck.seq);
    expect(reply.event).toMatchObject({
      kind: 'message',
      text: 'Yes, it left today.',
      author: { kind: 'agent', name: 'Agent Acme', initials: 'ab' },
    });
  });

  it('stores a retried send once and acks it with the same seq', async () => {
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'same', text: 'once' });
    const first = await visitor.socket.next((f) => f.type === 'ack' && f.id === 'same');
    // The retry after a reconnect, as a widget whose ack got lost would send it.
    visitor.socket.close();
    const again = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, {
      token: visitor.welcome.token as string,
      lastSeq: 0,
    });
    again.socket.send({ type: 'send', id: 'same', text: 'once' });
    again.socket.send({ type: 'send', id: 'same', text: 'once' });
    const acks = [
      await again.socket.next((f) => f.type === 'ack' && f.id === 'same'),
      await again.socket.next((f, ) => f.type === 'ack' && f.id === 'same', 5000, again.socket.frames.findIndex((f) => f.type === 'ack') + 1),
    ];
    expect(acks.map((a) => a.seq)).toEqual([first.seq, first.seq]);

    const events = await harness.storage.events.read(harness.tenant.workspaceId, first.conversationId as string, 0, 100);
    expect(events.filter((e) => e.kind === 'message')).toHaveLength(1);
  });

  it('replays exactly the missed agent messages, in order, when a visitor resumes', async () => {
    const token = await harness.login(harness.tenant.agentEmail);
    const agent = await connectAgent(harness.wsUrl, token);
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'hi' });
    const ack = await visitor.socket.next((f) => f.type === 'ack');
    const conversationId = ack.conversationId as string;
    // The online agent is assigned automatically (seq 3); wait until the visitor has it.
    await visitor.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === 3);
    visitor.socket.close();
    await visitor.socket.closedPromise;

    for (let i = 1; i <= 5; i++) {
      agent.socket.send({ type: 'send', conversationId, id: `a${i}`, text: `answer ${i}` });
      await agent.socket.next((f) => f.type === 'ack' && f.id === `a${i}`);
    }

    const stored = await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);
    const last = stored.at(-1)!.seq;
    const back = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, {
      token: visitor.welcome.token as string,
      lastSeq: 3,
    });
    expect(back.welcome).toMatchObject({ conversationId, lastSeq: last, token: null });
    await back.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === last);
    const seqs = back.socket.ofType('event').map((f) => (f.event as { seq: number }).seq);
    expect(seqs).toEqual(stored.filter((e) => e.seq > 3).map((e) => e.seq));
    expect(seqs).toHaveLength(5);
    expect(messagesOf(back.socket.frames).map(([, text]) => text)).toEqual([
      'answer 1',
      'answer 2',
      'answer 3',
      'answer 4',
      'answer 5',
    ]);
  });
});

describe('workspace isolation', () => {
  it('gives a session token from another workspace nothing', async () => {
    const other = await harness.addTenant('Globex');
    const visitor = await connectVisitor(harness.wsUrl, other.siteKey);
    visitor.socket.send({ type: 'send', id: 'secret', text: 'my account number is 42' });
    await visitor.socket.next((f) => f.type === 'ack');

    const intruder = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, {
      token: visitor.welcome.token as string,
      lastSeq: 0,
    });
    expect(intruder.welcome).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect(await intruder.socket.closedPromise).toBe(4001);
    expect(intruder.socket.ofType('event')).toEqual([]);
  });

  it('gives a forged session token nothing', async () => {
    const forged = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { token: 'vt_forged' });
    expect(forged.welcome).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect(await forged.socket.closedPromise).toBe(4001);
  });

  it('does not show one workspace the conversations of another', async () => {
    const other = await harness.addTenant('Initech');
    const visitor = await connectVisitor(harness.wsUrl, other.siteKey);
    visitor.socket.send({ type: 'send', id: 'x', text: 'initech only' });
    const ack = await visitor.socket.next((f) => f.type === 'ack');

    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    expect(agent.welcome.queue).toEqual([]);
    agent.socket.send({ type: 'sync', conversationId: ack.conversationId, afterSeq: 0 });
    agent.socket.send({ type: 'send', conversationId: ack.conversationId, id: 'y', text: 'sneaky' });
    const error = await agent.socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'NOT_FOUND', ref: 'y' });
    const synced = await agent.socket.next((f) => f.type === 'events');
    expect(synced.events).toEqual([]);
  });
});
