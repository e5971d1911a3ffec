/**
 * Contract: the other pieces of work several nodes may reach for at once are done once — waking
 * a snoozed case (every node runs the sweep), taking a callback task, and moving a public reply
 * to `sending` (the one node that wins posts it to the network).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, visitorAuthorOf, type World } from './fixtures.js';

const SYSTEM = { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null } as const;

describe.each(DRIVERS)('work done once across nodes ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('work_once');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  it.skipIf(!driver.available)('a due snooze is woken by one node only', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const now = Date.now();
    const snoozed = await nodes[0]!.queue.setState({
      workspaceId: world.workspaceId,
      conversationId: id,
      actor: SYSTEM,
      clientId: null,
      at: now,
      change: 'snoozed',
      status: 'snoozed',
      snoozedUntil: now + 1000,
      onlyIfStatusIn: ['open'],
    });
    expect(snoozed.ok).toBe(true);
    const later = now + 2000;
    const due = await nodes[1]!.queue.dueSnoozed(later, 100);
    expect(due.map((d) => d.conversationId)).toContain(id);
    const wake = (node: Storage) =>
      node.queue.setState({
        workspaceId: world.workspaceId,
        conversationId: id,
        actor: SYSTEM,
        clientId: null,
        at: later,
        change: 'woke',
        status: 'open',
        onlyIfStatusIn: ['snoozed'],
        onlyIfSnoozedBy: later,
      });
    const results = await Promise.all(nodes.flatMap((node) => [wake(node), wake(node)]));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const log = await nodes[2]!.events.read(world.workspaceId, id, 0, 100);
    expect(log.filter((event) => event.kind === 'status' && event.change === 'woke')).toHaveLength(1);
  });

  it.skipIf(!driver.available)('a callback task is taken by one agent, whatever node each is on', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const requested = await nodes[0]!.callbacks.request({
      workspaceId: world.workspaceId,
      conversationId: id,
      author: visitorAuthorOf(world.visitor),
      clientId: 'cb-1',
      phone: '+49 30 1234567',
      preferredTime: null,
      note: null,
      at: Date.now(),
    });
    if (!requested.ok) throw new Error('callback request refused');
    const agents = await Promise.all(Array.from({ length: 6 }, (_, i) => seedAgent(nodes[0]!, world, `k${i}`)));
    const results = await Promise.all(
      agents.map((agent, i) =>
        nodes[i % 3]!.callbacks.take({
          workspaceId: world.workspaceId,
          conversationId: id,
          requestSeq: requested.event.seq,
          agent: agentAuthorOf(agent),
          clientId: `take-${i}`,
          at: Date.now(),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(Array(5).fill('taken-by-someone-else'));
  });

  it.skipIf(!driver.available)('a queued public reply moves to sending on one node only', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const agent = await seedAgent(nodes[0]!, world, 'pr');
    const channel = await nodes[0]!.channels.create(
      {
        id: `ch${Date.now()}`,
        workspaceId: world.workspaceId,
        kind: 'webhook',
        name: 'Webhook',
        handle: null,
        accountId: null,
        baseUrl: null,
        teamId: null,
        settings: { signature: '^{initials}', floodCap: { perAuthor: 5, windowSeconds: 60 }, pollSeconds: 60, network: {} },
        sealedCredentials: 'sealed',
      },
      Date.now(),
    );
    const post = await nodes[0]!.channels.createPost({
      id: `post${Date.now()}`,
      workspaceId: world.workspaceId,
      channelId: channel.id,
      conversationId: id,
      agentId: agent.id,
      clientId: 'reply-1',
      replySeq: 2,
      text: 'Thanks! ^pr',
      replyTo: null,
      replyContext: null,
      status: 'queued',
      createdAt: Date.now(),
    });
    const moved = await Promise.all(nodes.flatMap((node) => [1, 2, 3].map(() => node.channels.transitionPost(post.id, ['queued'], 'sending', Date.now()))));
    expect(moved.filter(Boolean)).toHaveLength(1);
  });
});
