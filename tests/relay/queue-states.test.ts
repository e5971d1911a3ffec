/**
 * Issue 4, the queue beyond assignment, over real sockets and a real SQLite file: pending and
 * snoozed conversations (a snooze wakes at its time, a visitor's message brings a parked case
 * back), priorities, how long a visitor has been waiting, and what a console learns besides the
 * log: the workspace directory, colleagues' presence, who else is viewing, and a visitor's
 * earlier conversations.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { Frame, TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
afterEach(async () => {
  await harness?.close();
});

const QUIET = { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 };

async function answer(socket: TestSocket, id: string) {
  return socket.next((f) => (f.type === 'ack' || f.type === 'error') && (f.id === id || f.ref === id), 10_000);
}

const log = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 1000);
const changes = (events: ConversationEvent[]) => events.flatMap((e) => (e.kind === 'status' ? [e.change] : []));
const row = (conversationId: string) => harness.storage.conversations.get(harness.tenant.workspaceId, conversationId);

describe('pending, snoozed and priority', () => {
  it('parks a case as pending until the visitor writes, and keeps that from the visitor', async () => {
    harness = await startRelay({ routing: QUIET });
    const agent = await harness.addAgent(harness.tenant, { initials: 'pe' });
    const socket = (await connectAgent(harness.wsUrl, agent.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'Can you check my order?' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;

    socket.send({ type: 'claim', conversationId, id: 'c1' });
    await answer(socket, 'c1');
    socket.send({ type: 'send', conversationId, id: 'r1', text: 'Which order number?' });
    await answer(socket, 'r1');
    socket.send({ type: 'status', conversationId, id: 'p1', status: 'pending' });
    expect((await answer(socket, 'p1')).type).toBe('ack');
    const pendingRow = await socket.next(
      (f) => f.type === 'conversation' && (f.conversation as { status: string }).status === 'pending',
    );
    expect(pendingRow.conversation).toMatchObject({ waitingSince: null });
    expect((await row(conversationId))!.status).toBe('pending');

    visitor.socket.send({ type: 'send', id: 'v2', text: 'It is 4711' });
    await visitor.socket.next((f) => f.type === 'ack' && f.id === 'v2');
    await expect.poll(async () => (await row(conversationId))!.status).toBe('open');
    const events = await log(conversationId);
    expect(changes(events)).toEqual(['opened', 'assigned', 'pending', 'woke']);
    // The visitor's message comes after the wake-up, and the case still belongs to its agent.
    expect(events.at(-1)).toMatchObject({ kind: 'message', text: 'It is 4711' });
    expect((await row(conversationId))!.assignee?.id).toBe(agent.id);
    const waking = await socket.next(
      (f) => f.type === 'conversation' && (f.conversation as { status: string }).status === 'open' && (f.conversation as { lastSeq: number }).lastSeq >= events.at(-2)!.seq,
    );
    expect(waking.type).toBe('conversation');

    // The visitor's log stays gap-free but shows nothing of the queue's states.
    const lastSeq = events.at(-1)!.seq;
    await visitor.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === lastSeq);
    const seen = visitor.socket.ofType('event').map((f) => f.event as ConversationEvent);
    expect(seen.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(seen.filter((e) => e.kind === 'internal')).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain('pending');
  });

  it('snoozes until a time, wakes then, and records when in the log', async () => {
    harness = await startRelay({ routing: { ...QUIET, sweepIntervalMs: 100 } });
    const agent = await harness.addAgent(harness.tenant, { initials: 'sn' });
    const socket = (await connectAgent(harness.wsUrl, agent.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'Call me next week' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;

    // Snoozing needs a time, in the future.
    socket.send({ type: 'status', conversationId, id: 's0', status: 'snoozed' });
    expect(await answer(socket, 's0')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    socket.send({ type: 'status', conversationId, id: 's1', status: 'snoozed', snoozedUntil: Date.now() - 1000 });
    expect(await answer(socket, 's1')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });

    const until = Date.now() + 1500;
    socket.send({ type: 'status', conversationId, id: 's2', status: 'snoozed', snoozedUntil: until });
    expect((await answer(socket, 's2')).type).toBe('ack');
    const snoozed = await socket.next(
      (f) => f.type === 'conversation' && (f.conversation as { status: string }).status === 'snoozed',
    );
    expect(snoozed.conversation).toMatchObject({ snoozedUntil: until });
    const event = (await log(conversationId)).at(-1)!;
    expect(event).toMatchObject({ kind: 'status', change: 'snoozed', status: 'snoozed', snoozedUntil: until });

    // A retry of the same frame is the same change, not a second one.
    socket.send({ type: 'status', conversationId, id: 's2', status: 'snoozed', snoozedUntil: until });
    expect(await answer(socket, 's2')).toMatchObject({ type: 'ack', seq: event.seq });

    await expect.poll(async () => (await row(conversationId))!.status, { timeout: 10_000 }).toBe('open');
    expect(changes(await log(conversationId))).toEqual(['opened', 'snoozed', 'woke']);
    expect((await row(conversationId))!.snoozedUntil).toBeNull();
    await socket.next((f) => f.type === 'event' && (f.event as { change?: string }).change === 'woke');
  });

  it('sets priorities, refuses a non-assignee, and asks for a reopen before parking a resolved case', async () => {
    harness = await startRelay({ routing: QUIET });
    const owner = await harness.addAgent(harness.tenant, { initials: 'ow' });
    const other = await harness.addAgent(harness.tenant, { initials: 'ot' });
    const ownerSocket = (await connectAgent(harness.wsUrl, owner.token)).socket;
    const otherSocket = (await connectAgent(harness.wsUrl, other.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'Urgent: I was charged twice' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;

    ownerSocket.send({ type: 'claim', conversationId, id: 'c' });
    await answer(ownerSocket, 'c');
    otherSocket.send({ type: 'priority', conversationId, id: 'x', priority: 'low' });
    expect(await answer(otherSocket, 'x')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    otherSocket.send({ type: 'status', conversationId, id: 'y', status: 'pending' });
    expect(await answer(otherSocket, 'y')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    otherSocket.send({ type: 'priority', conversationId, id: 'z', priority: 'highest' });
    expect(await answer(otherSocket, 'z')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });

    ownerSocket.send({ type: 'priority', conversationId, id: 'p', priority: 'urgent' });
    expect((await answer(ownerSocket, 'p')).type).toBe('ack');
    await otherSocket.next((f) => f.type === 'conversation' && (f.conversation as { priority: string }).priority === 'urgent');
    expect((await log(conversationId)).at(-1)).toMatchObject({ change: 'prioritized', priority: 'urgent', status: 'open' });

    ownerSocket.send({ type: 'status', conversationId, id: 'r', status: 'resolved' });
    await answer(ownerSocket, 'r');
    ownerSocket.send({ type: 'status', conversationId, id: 'q', status: 'snoozed', snoozedUntil: Date.now() + 60_000 });
    expect(await answer(ownerSocket, 'q')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    ownerSocket.send({ type: 'status', conversationId, id: 'o', status: 'open' });
    expect((await answer(ownerSocket, 'o')).type).toBe('ack');
    ownerSocket.send({ type: 'status', conversationId, id: 'o2', status: 'open' });
    expect(await answer(ownerSocket, 'o2')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    // (Issue 3 asks web visitors for a rating right after a resolution.)
    expect(changes(await log(conversationId))).toEqual(['opened', 'assigned', 'prioritized', 'resolved', 'csat_requested', 'reopened']);
  });
});

describe('waiting time', () => {
  it('reports since when the visitor has been waiting, until an agent answers', async () => {
    harness = await startRelay({ routing: QUIET });
    const agent = await harness.addAgent(harness.tenant, { initials: 'wa' });
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'first' });
    const first = await visitor.socket.next((f) => f.type === 'ack');
    const conversationId = first.conversationId as string;
    visitor.socket.send({ type: 'send', id: 'v2', text: 'second' });
    await visitor.socket.next((f) => f.type === 'ack' && f.id === 'v2');

    const { welcome, socket } = await connectAgent(harness.wsUrl, agent.token);
    const summary = (welcome.queue as Array<{ id: string; waitingSince: number | null; agentRepliedAt: number | null }>).find(
      (c) => c.id === conversationId,
    )!;
    expect(summary.waitingSince).toBe(first.at);
    expect(summary.agentRepliedAt).toBeNull();

    socket.send({ type: 'send', conversationId, id: 'a1', text: 'Hello!' });
    const reply = await answer(socket, 'a1');
    const after = await row(conversationId);
    expect(after!.waitingSince).toBeNull();
    expect(after!.agentRepliedAt).toBe(reply.at);
    visitor.socket.send({ type: 'send', id: 'v3', text: 'thanks, one more thing' });
    const third = await visitor.socket.next((f) => f.type === 'ack' && f.id === 'v3');
    expect((await row(conversationId))!.waitingSince).toBe(third.at);
  });
});

describe('what a console learns besides the log', () => {
  it('gets the directory after welcome: colleagues with presence and teams, teams, the target', async () => {
    harness = await startRelay({ routing: QUIET });
    const team = await harness.storage.routing.createTeam(harness.tenant.workspaceId, 'support', 'Support');
    const agent = await harness.addAgent(harness.tenant, { initials: 'di', role: 'lead' });
    await harness.storage.routing.addTeamMember(harness.tenant.workspaceId, team.id, agent.id);
    const { socket } = await connectAgent(harness.wsUrl, agent.token);
    const directory = await socket.next((f) => f.type === 'directory');
    expect(directory.workspace).toMatchObject({ id: harness.tenant.workspaceId, firstResponseTargetMs: 300_000 });
    expect(directory.teams).toEqual([{ id: team.id, slug: 'support', name: 'Support' }]);
    const me = (directory.agents as Array<{ id: string; presence: string; teamIds: string[] }>).find((a) => a.id === agent.id);
    expect(me).toMatchObject({ presence: 'online', teamIds: [team.id], role: 'lead' });
    expect(JSON.stringify(directory)).not.toContain('@example.com'); // no colleagues' e-mails
    // The frame follows welcome, so a console always has a queue to apply it to.
    expect(socket.frames.findIndex((f) => f.type === 'welcome')).toBeLessThan(socket.frames.indexOf(directory));
  });

  it('tells colleagues about presence switches and who else is viewing a conversation', async () => {
    harness = await startRelay({ routing: QUIET });
    const one = await harness.addAgent(harness.tenant, { initials: 'vo' });
    const two = await harness.addAgent(harness.tenant, { initials: 'vt' });
    const oneSocket = (await connectAgent(harness.wsUrl, one.token)).socket;
    const twoSocket = (await connectAgent(harness.wsUrl, two.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'who is there?' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;

    oneSocket.send({ type: 'presence', status: 'away' });
    await twoSocket.next((f) => f.type === 'presence' && f.agentId === one.id && f.status === 'away');
    expect((await harness.storage.routing.load(harness.tenant.workspaceId, one.id))!.presence).toBe('away');
    oneSocket.send({ type: 'presence', status: 'offline' });
    await twoSocket.next((f) => f.type === 'presence' && f.agentId === one.id && f.status === 'offline');

    const from = twoSocket.frames.length;
    oneSocket.send({ type: 'viewing', conversationId });
    const on = await twoSocket.next((f) => f.type === 'viewing', 5000, from);
    expect(on).toMatchObject({ conversationId, on: true, author: { id: one.id, initials: 'vo' } });
    oneSocket.send({ type: 'viewing', conversationId: null });
    await twoSocket.next((f) => f.type === 'viewing' && f.on === false, 5000, from);
    oneSocket.send({ type: 'viewing', conversationId });
    await twoSocket.next((f: Frame) => f.type === 'viewing' && f.on === true, 5000, twoSocket.frames.length);
    // Closing the console ends its viewing, and its presence.
    const before = twoSocket.frames.length;
    oneSocket.close();
    await twoSocket.next((f) => f.type === 'viewing' && f.on === false, 5000, before);
    await twoSocket.next((f) => f.type === 'presence' && f.agentId === one.id && f.status === 'offline', 5000, before);
    // Nobody is told about their own viewing.
    expect(oneSocket.ofType('viewing')).toEqual([]);
  });

  it("lists a visitor's earlier conversations, only within the workspace", async () => {
    harness = await startRelay({ routing: QUIET });
    const agent = await harness.addAgent(harness.tenant, { initials: 'hi' });
    const socket = (await connectAgent(harness.wsUrl, agent.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    const token = visitor.welcome.token as string;
    visitor.socket.send({ type: 'send', id: 'v1', text: 'first visit' });
    const firstId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;
    // The first case is done; the visitor's next conversation is a new one.
    const workspaceId = harness.tenant.workspaceId;
    const tokenHash = createHash('sha256').update(token).digest('base64url');
    const stored = (await harness.storage.sessions.findVisitorBySession(workspaceId, tokenHash))!;
    const { conversation: second } = await harness.storage.conversations.create({
      workspaceId,
      siteId: harness.tenant.siteId,
      visitor: stored,
      channel: 'web',
      page: null,
      at: Date.now() + 1,
    });

    socket.send({ type: 'history', conversationId: second.id });
    const history = await socket.next((f) => f.type === 'history');
    expect(history.conversationId).toBe(second.id);
    expect((history.conversations as Array<{ id: string }>).map((c) => c.id)).toEqual([firstId]);

    // Another workspace's agent asking about this conversation learns nothing.
    const other = await harness.addTenant('Elsewhere', ['https://else.example']);
    const stranger = await harness.addAgent(other, { initials: 'st' });
    const strangerSocket = (await connectAgent(harness.wsUrl, stranger.token)).socket;
    strangerSocket.send({ type: 'history', conversationId: second.id });
    const nothing = await strangerSocket.next((f) => f.type === 'history');
    expect(nothing.conversations).toEqual([]);
  });
});
