/**
 * Issue 3, careers pages over real sockets and a real SQLite file: a hello with the recruiting
 * team and a job shows the recruiters in `welcome`, and the conversation it starts lands in the
 * recruiting team's queue, goes to a recruiter, and carries the job to the agents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
afterEach(async () => {
  await harness?.close();
});

const CONTEXT = { team: 'recruiting', jobId: 'BE-2026-07', jobTitle: 'Backend engineer (m/f/d)' };

describe('careers context', () => {
  it('routes to the recruiting team with the job attached and shows the recruiters', async () => {
    harness = await startRelay({ routing: { autoAssign: true, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const { workspaceId } = harness.tenant;
    const team = await harness.storage.routing.createTeam(workspaceId, 'recruiting', 'Recruiting');
    const recruiter = await harness.addAgent(harness.tenant, { initials: 'rk' });
    await harness.storage.routing.addTeamMember(workspaceId, team.id, recruiter.id);
    // The support agent is online too, and less loaded: only the team decides who gets it.
    const support = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const recruiterConsole = await connectAgent(harness.wsUrl, recruiter.token);

    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { context: CONTEXT } });
    expect(welcome.site).toMatchObject({
      team: { name: 'Recruiting', members: [{ kind: 'agent', id: recruiter.id, name: 'Agent RK', initials: 'rk' }] },
    });
    socket.send({ type: 'send', id: 'q1', text: 'Is the role open to juniors?' });
    const ack = await socket.next((f) => f.type === 'ack');
    const conversationId = String(ack.conversationId);

    const assigned = await socket.next((f) => f.type === 'event' && (f.event as { change?: string }).change === 'assigned');
    expect((assigned.event as { assignee: { id: string } }).assignee.id).toBe(recruiter.id);
    const row = await recruiterConsole.socket.next(
      (f) => f.type === 'conversation' && (f.conversation as ConversationSummary).id === conversationId,
    );
    expect(row.conversation).toMatchObject({ teamId: team.id, job: { id: 'BE-2026-07', title: 'Backend engineer (m/f/d)' } });
    const stored = await harness.storage.conversations.get(workspaceId, conversationId);
    expect(stored).toMatchObject({ teamId: team.id, job: { id: 'BE-2026-07', title: 'Backend engineer (m/f/d)' } });
    expect(stored!.assignee?.id).toBe(recruiter.id);
    support.socket.close();
  });

  it('context after hello applies to the next conversation; an unknown team falls back to the default queue', async () => {
    harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
    const team = await harness.storage.routing.createTeam(harness.tenant.workspaceId, 'recruiting', 'Recruiting');
    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { context: { team: 'nope' } } });
    expect((welcome.site as { team?: unknown }).team).toBeUndefined();
    socket.send({ type: 'context', team: 'recruiting', jobTitle: 'Designer' });
    socket.send({ type: 'send', id: 'q1', text: 'Hi' });
    const ack = await socket.next((f) => f.type === 'ack');
    const stored = await harness.storage.conversations.get(harness.tenant.workspaceId, String(ack.conversationId));
    expect(stored).toMatchObject({ teamId: team.id, job: { id: null, title: 'Designer' } });

    const other = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { context: { team: 'nope', jobId: 'X1' } } });
    other.socket.send({ type: 'send', id: 'q1', text: 'Hi' });
    const otherAck = await other.socket.next((f) => f.type === 'ack');
    const fallback = await harness.storage.conversations.get(harness.tenant.workspaceId, String(otherAck.conversationId));
    expect(fallback).toMatchObject({ teamId: null, job: { id: 'X1', title: null } });
  });
});
