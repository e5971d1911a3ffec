/**
 * Issue 4: routing over real sockets and a real SQLite file — quotas hold and no case is taken
 * twice under concurrent claims, auto-assignment picks the least-loaded online agent, ignored
 * cases are reassigned, transfers and escalations land in the log in order, and only the
 * assignee (or a lead) can write to an assigned case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@eyelevel/shared';
import { TenantAdmin } from '@eyelevel/relay';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
afterEach(async () => {
  await harness?.close();
});

/** A visitor who writes once, returning the new conversation's id. */
async function newConversation(text = 'hello'): Promise<string> {
  const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
  visitor.socket.send({ type: 'send', id: 'first', text });
  const ack = await visitor.socket.next((f) => f.type === 'ack');
  visitor.socket.close();
  return ack.conversationId as string;
}

const log = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 1000);
const changes = (events: ConversationEvent[]) =>
  events.flatMap((e) => (e.kind === 'status' ? [`${e.change}${e.assignee ? `:${e.assignee.initials}` : ''}`] : []));

async function answer(socket: TestSocket, id: string) {
  return socket.next((f) => (f.type === 'ack' || f.type === 'error') && (f.id === id || f.ref === id), 10_000);
}

describe('claims under concurrency', () => {
  it('never exceeds capacity nor assigns a case twice: 50 simultaneous claims on 10 cases, capacity 3', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const conversations: string[] = [];
    for (let i = 0; i < 10; i++) conversations.push(await newConversation(`case ${i}`));
    const agents = [];
    for (const initials of ['ca', 'cb', 'cc', 'cd', 'ce']) {
      const agent = await harness.addAgent(harness.tenant, { initials, capacity: 3 });
      agents.push({ ...agent, socket: (await connectAgent(harness.wsUrl, agent.token)).socket });
    }
    // Every agent claims every case at once: 50 claims in flight together.
    for (const agent of agents) {
      for (const conversationId of conversations) agent.socket.send({ type: 'claim', conversationId, id: `claim-${conversationId}` });
    }
    const outcomes = await Promise.all(
      agents.flatMap((agent) => conversations.map((conversationId) => answer(agent.socket, `claim-${conversationId}`))),
    );
    const wins = outcomes.filter((f) => f.type === 'ack');
    expect(outcomes).toHaveLength(50);
    expect(wins).toHaveLength(10);
    expect(outcomes.filter((f) => f.type === 'error').every((f) => f.code === 'CONFLICT')).toBe(true);

    for (const conversationId of conversations) {
      const assigned = (await log(conversationId)).filter((e) => e.kind === 'status' && e.change === 'assigned');
      expect(assigned).toHaveLength(1);
    }
    for (const agent of agents) {
      const load = await harness.storage.routing.load(harness.tenant.workspaceId, agent.id);
      expect(load!.openCount).toBeLessThanOrEqual(3);
      const held = (await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 100)).filter(
        (c) => c.assignee?.id === agent.id,
      );
      expect(held.length).toBe(load!.openCount);
    }
  });
});

describe('auto-assignment', () => {
  it('gives a new case to the least-loaded online agent of the team', async () => {
    harness = await startRelay({ routing: { autoAssign: true, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const busy = await harness.addAgent(harness.tenant, { initials: 'bu', capacity: 5 });
    const busySocket = (await connectAgent(harness.wsUrl, busy.token)).socket;
    // `busy` is alone online, so it gets the first two cases.
    const first = await newConversation('one');
    const second = await newConversation('two');
    await busySocket.next((f) => f.type === 'conversation' && (f.conversation as { id: string; assignee: unknown }).id === second && (f.conversation as { assignee: unknown }).assignee !== null);
    expect(changes(await log(first))).toContain('assigned:bu');

    const idle = await harness.addAgent(harness.tenant, { initials: 'id', capacity: 5 });
    await connectAgent(harness.wsUrl, idle.token);
    await harness.addAgent(harness.tenant, { initials: 'of', capacity: 5 }); // offline: never chosen
    const third = await newConversation('three');
    await expect.poll(async () => changes(await log(third)), { timeout: 5000 }).toContain('assigned:id');
  });

  it('reassigns a case its assignee did not answer in time, to someone else', async () => {
    harness = await startRelay({ routing: { autoAssign: true, reassignAfterMs: 300, sweepIntervalMs: 100 } });
    const slow = await harness.addAgent(harness.tenant, { initials: 'sl', capacity: 5 });
    await connectAgent(harness.wsUrl, slow.token);
    const conversationId = await newConversation('anyone there?');
    await expect.poll(async () => changes(await log(conversationId))).toContain('assigned:sl');

    const quick = await harness.addAgent(harness.tenant, { initials: 'qu', capacity: 5 });
    await connectAgent(harness.wsUrl, quick.token);
    await expect.poll(async () => changes(await log(conversationId)), { timeout: 5000 }).toEqual([
      'opened',
      'assigned:sl',
      'unassigned',
      'assigned:qu',
    ]);
    expect((await harness.storage.routing.load(harness.tenant.workspaceId, slow.id))!.openCount).toBe(0);
  });
});

describe('transfer, escalation and collision', () => {
  it('records a transfer to a team and an escalation in the log, in order, and notes stay private', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const recruiting = await harness.storage.routing.createTeam(harness.tenant.workspaceId, 'recruiting', 'Recruiting');
    const agent = await harness.addAgent(harness.tenant, { initials: 'tr' });
    const socket = (await connectAgent(harness.wsUrl, agent.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'q', text: 'Is the backend job still open?' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;

    socket.send({ type: 'claim', conversationId, id: 'c1' });
    expect((await answer(socket, 'c1')).type).toBe('ack');
    socket.send({ type: 'note', conversationId, id: 'n1', text: 'Applicant for J-42, @tr please check' });
    expect((await answer(socket, 'n1')).type).toBe('ack');
    socket.send({ type: 'escalate', conversationId, id: 'e1', reason: 'salary question' });
    expect((await answer(socket, 'e1')).type).toBe('ack');
    socket.send({ type: 'transfer', conversationId, id: 't1', to: { teamId: recruiting.id }, note: 'job question' });
    expect((await answer(socket, 't1')).type).toBe('ack');

    const events = await log(conversationId);
    expect(events.map((e) => e.kind === 'status' ? e.change : e.kind)).toEqual([
      'opened', 'message', 'assigned', 'note', 'escalated', 'transferred',
    ]);
    const transfer = events.at(-1)!;
    expect(transfer).toMatchObject({ kind: 'status', team: { id: recruiting.id, name: 'Recruiting' }, note: 'job question', assignee: null });
    const conversation = await harness.storage.conversations.get(harness.tenant.workspaceId, conversationId);
    expect(conversation).toMatchObject({ teamId: recruiting.id, assignee: null });
    expect(conversation!.escalatedAt).not.toBeNull();
    // The agent mentioned in the note was notified.
    await socket.next((f) => f.type === 'notification' && f.conversationId === conversationId);

    // The visitor sees a gap-free log without the note's text or the internal reasons.
    const lastSeq = events.at(-1)!.seq;
    await visitor.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === lastSeq);
    const seen = visitor.socket.ofType('event').map((f) => f.event as ConversationEvent);
    expect(seen.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(JSON.stringify(seen)).not.toContain('J-42');
    expect(JSON.stringify(seen)).not.toContain('salary');
    expect(JSON.stringify(seen)).not.toContain('job question');
  });

  it('transfers to a colleague only while they have room, and the new assignee then owns the case', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const from = await harness.addAgent(harness.tenant, { initials: 'fr' });
    const full = await harness.addAgent(harness.tenant, { initials: 'fu', capacity: 0 });
    const to = await harness.addAgent(harness.tenant, { initials: 'to', capacity: 1 });
    const fromSocket = (await connectAgent(harness.wsUrl, from.token)).socket;
    const toSocket = (await connectAgent(harness.wsUrl, to.token)).socket;
    const conversationId = await newConversation('please forward me');
    fromSocket.send({ type: 'claim', conversationId, id: 'c' });
    await answer(fromSocket, 'c');

    fromSocket.send({ type: 'transfer', conversationId, id: 't0', to: { agentId: full.id }, note: 'for you' });
    expect(await answer(fromSocket, 't0')).toMatchObject({ type: 'error', code: 'CONFLICT', message: 'the agent is at capacity' });
    fromSocket.send({ type: 'transfer', conversationId, id: 't1', to: { agentId: to.id }, note: 'billing question' });
    expect((await answer(fromSocket, 't1')).type).toBe('ack');
    expect((await log(conversationId)).at(-1)).toMatchObject({
      kind: 'status',
      change: 'transferred',
      assignee: { id: to.id, initials: 'to' },
      note: 'billing question',
    });
    // Slots moved with the case, and the old assignee can no longer write to it.
    expect((await harness.storage.routing.load(harness.tenant.workspaceId, from.id))!.openCount).toBe(0);
    expect((await harness.storage.routing.load(harness.tenant.workspaceId, to.id))!.openCount).toBe(1);
    fromSocket.send({ type: 'send', conversationId, id: 'late', text: 'one more thing' });
    expect(await answer(fromSocket, 'late')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    toSocket.send({ type: 'send', conversationId, id: 'mine', text: 'Hi, billing here' });
    expect((await answer(toSocket, 'mine')).type).toBe('ack');
  });

  it('lets only the assignee (or a lead) write to an assigned case', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const owner = await harness.addAgent(harness.tenant, { initials: 'ow' });
    const other = await harness.addAgent(harness.tenant, { initials: 'ot' });
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const ownerSocket = (await connectAgent(harness.wsUrl, owner.token)).socket;
    const otherSocket = (await connectAgent(harness.wsUrl, other.token)).socket;
    const leadSocket = (await connectAgent(harness.wsUrl, lead.token)).socket;
    const conversationId = await newConversation('help');

    // Unassigned: anyone may answer.
    otherSocket.send({ type: 'send', conversationId, id: 'u1', text: 'Hi, one moment' });
    expect((await answer(otherSocket, 'u1')).type).toBe('ack');

    ownerSocket.send({ type: 'claim', conversationId, id: 'claim' });
    expect((await answer(ownerSocket, 'claim')).type).toBe('ack');
    otherSocket.send({ type: 'send', conversationId, id: 'x1', text: 'butting in' });
    expect(await answer(otherSocket, 'x1')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    otherSocket.send({ type: 'claim', conversationId, id: 'steal' });
    expect(await answer(otherSocket, 'steal')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    ownerSocket.send({ type: 'send', conversationId, id: 'o1', text: 'I am on it' });
    expect((await answer(ownerSocket, 'o1')).type).toBe('ack');
    leadSocket.send({ type: 'send', conversationId, id: 'l1', text: 'Lead here' });
    expect((await answer(leadSocket, 'l1')).type).toBe('ack');

    const texts = (await log(conversationId)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));
    expect(texts).toEqual(['help', 'Hi, one moment', 'I am on it', 'Lead here']);
  });
});

describe('named identities', () => {
  it('keeps initials unique within a workspace (case-insensitively), not across workspaces', async () => {
    harness = await startRelay();
    const admin = new TenantAdmin(harness.storage);
    const input = { email: 'x1@example.com', name: 'X', initials: 'ab', password: 'long enough password' };
    // The harness created an agent with initials "ab" in the first tenant.
    await expect(admin.createAgent(harness.tenant.workspaceId, input)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.createAgent(harness.tenant.workspaceId, { ...input, initials: 'AB' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const other = await harness.addTenant('Other Co', ['https://other.example']);
    const otherWorkspace = await harness.storage.tenants.findAgentsByInitials(other.workspaceId, ['ab']);
    expect(otherWorkspace).toHaveLength(1); // another workspace may use "ab" too
    await expect(admin.createAgent(harness.tenant.workspaceId, { ...input, initials: 'xy' })).resolves.toMatchObject({ initials: 'xy' });
  });
});

describe('collision', () => {
  it('shows an agent who else is typing in a conversation, but not their own typing', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const one = await harness.addAgent(harness.tenant, { initials: 'on' });
    const two = await harness.addAgent(harness.tenant, { initials: 'tw' });
    const oneSocket = (await connectAgent(harness.wsUrl, one.token)).socket;
    const twoSocket = (await connectAgent(harness.wsUrl, two.token)).socket;
    const conversationId = await newConversation('typing test');
    oneSocket.send({ type: 'typing', conversationId, on: true });
    const seen = await twoSocket.next((f) => f.type === 'typing');
    expect(seen).toMatchObject({ conversationId, on: true, author: { kind: 'agent', initials: 'on' } });
    oneSocket.send({ type: 'ping' });
    await oneSocket.next((f) => f.type === 'pong');
    expect(oneSocket.ofType('typing')).toEqual([]);
  });
});
