/**
 * Issue 3, CSAT over real sockets and a real SQLite file: resolving a web conversation appends a
 * `csat_requested` status change to the log right after `resolved`, the visitor's rating of it
 * is acked like a send and stored once, and agents see it in the log and on the queue row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, ConversationSummary } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { Frame, TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
afterEach(async () => {
  await harness?.close();
});

const answer = (socket: TestSocket, id: string, from = 0) =>
  socket.next((f) => (f.type === 'ack' && f.id === id) || (f.type === 'error' && f.ref === id), 5000, from);
const eventOf = (frame: Frame) => frame.event as ConversationEvent;

describe('CSAT', () => {
  it('is requested in the log after resolve, and the rating is stored once and shown to agents', async () => {
    harness = await startRelay({ routing: { autoAssign: true, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'm1', text: 'Where is my parcel?' });
    const conversationId = String((await answer(visitor, 'm1')).conversationId);
    agent.socket.send({ type: 'send', conversationId, id: 'r1', text: 'It arrives tomorrow.' });
    await answer(agent.socket, 'r1');
    agent.socket.send({ type: 'status', conversationId, id: 'done', status: 'resolved' });
    const resolved = await answer(agent.socket, 'done');

    const request = await visitor.next((f) => f.type === 'event' && (eventOf(f) as { change?: string }).change === 'csat_requested');
    const requestSeq = eventOf(request).seq;
    expect(requestSeq).toBe(Number(resolved.seq) + 1);
    expect(eventOf(request)).toMatchObject({ kind: 'status', status: 'resolved', author: { kind: 'system' } });

    const rating = { type: 'csat', id: 'rate-1', seq: requestSeq, rating: 4, comment: 'Quick and friendly' };
    visitor.send(rating);
    visitor.send(rating);
    const first = await answer(visitor, 'rate-1');
    const second = await answer(visitor, 'rate-1', visitor.frames.indexOf(first) + 1);
    expect(first.type).toBe('ack');
    expect(second.seq).toBe(first.seq);
    visitor.send({ ...rating, id: 'rate-2', rating: 1 });
    expect(await answer(visitor, 'rate-2')).toMatchObject({ type: 'error', code: 'CONFLICT' });

    const log = await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);
    expect(log.filter((e) => e.kind === 'csat')).toEqual([
      expect.objectContaining({ rating: 4, comment: 'Quick and friendly', requestSeq, clientId: 'rate-1' }),
    ]);
    const seen = await agent.socket.next((f) => f.type === 'event' && eventOf(f).kind === 'csat');
    expect(eventOf(seen)).toMatchObject({ rating: 4, requestSeq });
    const row = await agent.socket.next((f) => f.type === 'conversation' && (f.conversation as ConversationSummary).csat != null);
    expect((row.conversation as ConversationSummary).csat).toMatchObject({ rating: 4, comment: 'Quick and friendly', requestSeq });
    // Rating a resolved case does not reopen it.
    expect((await harness.storage.conversations.get(harness.tenant.workspaceId, conversationId))!.status).toBe('resolved');
  });

  it('refuses ratings of anything but a rating request, and ratings out of range', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const { socket } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    socket.send({ type: 'csat', id: 'r0', seq: 1, rating: 5 });
    expect(await answer(socket, 'r0')).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    socket.send({ type: 'send', id: 'm1', text: 'hi' });
    const ack = await answer(socket, 'm1');
    socket.send({ type: 'csat', id: 'r1', seq: ack.seq, rating: 5 });
    expect(await answer(socket, 'r1')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    socket.send({ type: 'csat', id: 'r2', seq: 1, rating: 6 });
    expect(await answer(socket, 'r2')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
  });
});
