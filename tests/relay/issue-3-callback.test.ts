/**
 * Issue 3, callback requests over real sockets and a real SQLite file: the visitor's request is
 * stored once (log entry and task) however often it is retried, agents see it and the open task
 * on the queue row, one agent takes it, records the outcome, and both steps land in the log the
 * visitor sees (without the agents' note).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, ConversationSummary } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { Frame, TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
});
afterEach(async () => {
  await harness?.close();
});

const answer = (socket: TestSocket, id: string, from = 0) =>
  socket.next((f) => (f.type === 'ack' && f.id === id) || (f.type === 'error' && f.ref === id), 5000, from);
const eventOf = (frame: Frame) => frame.event as ConversationEvent;
const log = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);

describe('callback requests', () => {
  it('are stored once on retry, shown to agents as a task, taken and finished in the log', async () => {
    const agentA = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const b = await harness.addAgent(harness.tenant, { initials: 'bb' });
    const agentB = await connectAgent(harness.wsUrl, b.token);

    const { socket: visitor, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    const request = { type: 'callback', id: 'cb-1', phone: '+49 30 1234-567', preferredTime: 'tomorrow after 3 pm', note: 'About my return' };
    visitor.send(request);
    visitor.send(request);
    const first = await answer(visitor, 'cb-1');
    const second = await answer(visitor, 'cb-1', visitor.frames.indexOf(first) + 1);
    expect(second.seq).toBe(first.seq);
    const conversationId = String(first.conversationId);
    const requestSeq = Number(first.seq);

    // The widget resends its outbox after a reconnect: still one request, one task.
    visitor.close();
    const again = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { token: String(welcome.token), lastSeq: 0 });
    again.socket.send(request);
    expect((await answer(again.socket, 'cb-1')).seq).toBe(requestSeq);
    expect((await log(conversationId)).filter((e) => e.kind === 'callback')).toHaveLength(1);

    const seen = await agentA.socket.next((f) => f.type === 'event' && eventOf(f).kind === 'callback');
    expect(eventOf(seen)).toMatchObject({ phone: '+49 30 1234-567', preferredTime: 'tomorrow after 3 pm', note: 'About my return' });
    const row = await agentA.socket.next(
      (f) => f.type === 'conversation' && (f.conversation as ConversationSummary).openCallbacks === 1,
    );
    expect((row.conversation as ConversationSummary).id).toBe(conversationId);

    agentA.socket.send({ type: 'callback_take', conversationId, id: 'take-a', requestSeq });
    const taken = await answer(agentA.socket, 'take-a');
    expect(taken.type).toBe('ack');
    agentB.socket.send({ type: 'callback_take', conversationId, id: 'take-b', requestSeq });
    expect(await answer(agentB.socket, 'take-b')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    agentB.socket.send({ type: 'callback_done', conversationId, id: 'done-b', requestSeq, outcome: 'reached' });
    expect(await answer(agentB.socket, 'done-b')).toMatchObject({ type: 'error', code: 'CONFLICT' });

    const done = { type: 'callback_done', conversationId, id: 'done-a', requestSeq, outcome: 'no_answer', note: 'tried twice, mailbox full' };
    agentA.socket.send(done);
    const finished = await answer(agentA.socket, 'done-a');
    agentA.socket.send(done);
    const retried = await answer(agentA.socket, 'done-a', agentA.socket.frames.indexOf(finished) + 1);
    expect(retried.seq).toBe(finished.seq);
    agentA.socket.send({ ...done, id: 'done-a2' });
    expect(await answer(agentA.socket, 'done-a2')).toMatchObject({ type: 'error', code: 'CONFLICT' });

    const entries = (await log(conversationId)).filter((e) => e.kind === 'status' && e.change.startsWith('callback'));
    expect(entries.map((e) => (e.kind === 'status' ? [e.change, e.callback, e.author.initials] : []))).toEqual([
      ['callback_taken', { requestSeq, outcome: null }, 'ab'],
      ['callback_done', { requestSeq, outcome: 'no_answer' }, 'ab'],
    ]);
    const visitorSees = await again.socket.next((f) => f.type === 'event' && (eventOf(f) as { change?: string }).change === 'callback_done');
    expect(eventOf(visitorSees)).toMatchObject({ callback: { requestSeq, outcome: 'no_answer' }, note: null });
    const closed = await agentA.socket.next(
      (f) => f.type === 'conversation' && (f.conversation as ConversationSummary).openCallbacks === 0,
    );
    expect((closed.conversation as ConversationSummary).id).toBe(conversationId);
    // Taking or finishing does not change the case's own status.
    expect((await harness.storage.conversations.get(harness.tenant.workspaceId, conversationId))!.status).toBe('open');
  });

  it('refuses phone numbers that are not phone numbers and tasks that do not exist', async () => {
    const { socket } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    socket.send({ type: 'callback', id: 'x1', phone: 'javascript:alert(1)' });
    expect(await answer(socket, 'x1')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    socket.send({ type: 'callback', id: 'x2', phone: '12' });
    expect(await answer(socket, 'x2')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    socket.send({ type: 'send', id: 'm1', text: 'hi' });
    const ack = await answer(socket, 'm1');
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    agent.socket.send({ type: 'callback_take', conversationId: ack.conversationId, id: 't1', requestSeq: ack.seq });
    expect(await answer(agent.socket, 't1')).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
  });

  it('a lead may finish a callback someone else took', async () => {
    const { socket } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    socket.send({ type: 'callback', id: 'cb', phone: '030 123456' });
    const ack = await answer(socket, 'cb');
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    agent.socket.send({ type: 'callback_take', conversationId: ack.conversationId, id: 't', requestSeq: ack.seq });
    await answer(agent.socket, 't');
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const leadSocket = (await connectAgent(harness.wsUrl, lead.token)).socket;
    leadSocket.send({ type: 'callback_done', conversationId: ack.conversationId, id: 'd', requestSeq: ack.seq, outcome: 'reached' });
    expect((await answer(leadSocket, 'd')).type).toBe('ack');
  });
});
