/**
 * Issue 3, offline mode over real sockets and a real SQLite file: `welcome` says whether agents
 * can answer live — business hours and agent presence (of the context's team) — and the relay
 * pushes `availability` when that changes. A message left while offline is a normal
 * conversation with the visitor's e-mail on it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@eyelevel/shared';
import { startRelay, TEST_ORIGIN, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
afterEach(async () => {
  await harness?.close();
});

const NO_AUTO = { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 };
const availabilityOf = (welcome: Record<string, unknown>) => (welcome.site as { availability: unknown }).availability;

describe('availability', () => {
  it('is offline while no agent is online, and pushed when one comes and goes', async () => {
    harness = await startRelay({ routing: NO_AUTO });
    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    expect(availabilityOf(welcome)).toEqual({ online: false });

    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    expect(await socket.next((f) => f.type === 'availability')).toEqual({ type: 'availability', online: true });
    agent.socket.send({ type: 'presence', status: 'away' });
    const away = await socket.next((f) => f.type === 'availability' && f.online === false);
    agent.socket.send({ type: 'presence', status: 'online' });
    await socket.next((f) => f.type === 'availability' && f.online === true, 5000, socket.frames.indexOf(away) + 1);
    agent.socket.close();
    const last = socket.frames.length;
    await socket.next((f) => f.type === 'availability' && f.online === false, 5000, last);
  });

  it('is offline outside business hours even with agents online, and says when it opens', async () => {
    harness = await startRelay({ routing: NO_AUTO });
    await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const weekday = day[inTwoDays.getUTCDay()]!;
    const opensAt = Date.UTC(inTwoDays.getUTCFullYear(), inTwoDays.getUTCMonth(), inTwoDays.getUTCDate(), 9, 0);
    const closed = await harness.storage.tenants.createSite({
      workspaceId: harness.tenant.workspaceId,
      name: 'Closed today',
      allowedOrigins: [TEST_ORIGIN],
      settings: { businessHours: { timeZone: 'UTC', weekly: [{ day: weekday, from: '09:00', to: '17:00' }] } },
    });
    const { welcome } = await connectVisitor(harness.wsUrl, closed.site.publicKey);
    expect(availabilityOf(welcome)).toEqual({ online: false, nextOpenAt: opensAt });

    const open = await harness.storage.tenants.createSite({
      workspaceId: harness.tenant.workspaceId,
      name: 'Open all week',
      allowedOrigins: [TEST_ORIGIN],
      settings: {
        businessHours: { timeZone: 'UTC', weekly: day.map((d) => ({ day: d, from: '00:00', to: '24:00' })) },
      },
    });
    expect(availabilityOf((await connectVisitor(harness.wsUrl, open.site.publicKey)).welcome)).toEqual({ online: true });
  });

  it("asks the context's team: a support agent online does not make recruiting available", async () => {
    harness = await startRelay({ routing: NO_AUTO });
    const team = await harness.storage.routing.createTeam(harness.tenant.workspaceId, 'recruiting', 'Recruiting');
    const recruiter = await harness.addAgent(harness.tenant, { initials: 'rk' });
    await harness.storage.routing.addTeamMember(harness.tenant.workspaceId, team.id, recruiter.id);
    await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, { hello: { context: { team: 'recruiting' } } });
    expect(availabilityOf(welcome)).toEqual({ online: false });
    await connectAgent(harness.wsUrl, recruiter.token);
    await socket.next((f) => f.type === 'availability' && f.online === true);
    // Switching the context to no team: the workspace's agents count again.
    socket.send({ type: 'context', jobTitle: 'Anything' });
    await socket.next((f) => f.type === 'availability', 5000, socket.frames.length);
  });

  it('a message left while offline is a normal conversation with the e-mail on the visitor', async () => {
    harness = await startRelay({ routing: NO_AUTO });
    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    expect(availabilityOf(welcome)).toEqual({ online: false });
    socket.send({ type: 'profile', id: 'offline-profile', email: 'late@example.com' });
    socket.send({ type: 'send', id: 'offline-message', text: 'Please write back about my invoice.' });
    const ack = await socket.next((f) => f.type === 'ack' && f.id === 'offline-message');
    const { welcome: agentWelcome } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const row = (agentWelcome.queue as ConversationSummary[]).find((c) => c.id === ack.conversationId)!;
    expect(row.visitor.email).toBe('late@example.com');
    expect(row.lastMessage?.text).toBe('Please write back about my invoice.');
    expect(row.status).toBe('open');
  });
});
