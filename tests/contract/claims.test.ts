/**
 * Contract: claims, auto-assignment and quotas hold across nodes (DESIGN.md section 5). However
 * many claims race on however many nodes, a conversation is assigned once, no agent goes past
 * their capacity, and each agent's open count is exactly the cases they hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AssignResult, Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, type World } from './fixtures.js';

const SYSTEM = { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null } as const;

describe.each(DRIVERS)('claims and quotas ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('claims');
    nodes = [await database.node(), await database.node(), await database.node()];
  });
  afterAll(async () => database?.close());

  const claim = (node: Storage, world: World, agent: Agent, conversationId: string, clientId: string | null = null) =>
    node.routing.assign({
      workspaceId: world.workspaceId,
      conversationId,
      assignee: agentAuthorOf(agent),
      actor: agentAuthorOf(agent),
      change: 'assigned',
      expectedAssigneeId: null,
      clientId,
      at: Date.now(),
    });

  /** Each agent's held cases, from the log (assigned minus taken away), checked against the counter. */
  async function expectConsistent(world: World, agents: Agent[], conversations: string[]) {
    const holders = new Map<string, number>();
    for (const id of conversations) {
      const conversation = await nodes[0]!.conversations.get(world.workspaceId, id);
      const assignee = conversation?.assignee?.id;
      if (assignee) holders.set(assignee, (holders.get(assignee) ?? 0) + 1);
    }
    for (const agent of agents) {
      const load = await nodes[0]!.routing.load(world.workspaceId, agent.id);
      expect(load?.openCount, `open count of ${agent.initials}`).toBe(holders.get(agent.id) ?? 0);
      expect(load!.openCount).toBeLessThanOrEqual(agent.capacity);
    }
  }

  it.skipIf(!driver.available)('100 concurrent claims on three nodes: one owner per case, no agent over capacity', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => seedAgent(nodes[0]!, world, `c${i}`, 3)));
    const conversations = await Promise.all(Array.from({ length: 40 }, () => seedConversation(nodes[0]!, world)));
    // 100 claims: every agent goes for cases others go for too, through all three nodes.
    const attempts = Array.from({ length: 100 }, (_, i) => ({
      node: nodes[i % 3]!,
      agent: agents[i % agents.length]!,
      conversationId: conversations[(i * 7) % conversations.length]!,
    }));
    const results = await Promise.all(attempts.map((a) => claim(a.node, world, a.agent, a.conversationId)));

    const won = results.filter((r): r is Extract<AssignResult, { ok: true }> => r.ok);
    expect(won.length).toBeGreaterThan(0);
    const refused = new Set(results.flatMap((r) => (r.ok ? [] : [r.reason])));
    for (const reason of refused) expect(['already-assigned', 'at-capacity']).toContain(reason);

    for (const id of conversations) {
      const log = await nodes[1]!.events.read(world.workspaceId, id, 0, 100);
      const assignments = log.filter((event) => event.kind === 'status' && event.change === 'assigned');
      expect(assignments.length, `assignments of ${id}`).toBeLessThanOrEqual(1);
    }
    const assignedTotal = (
      await Promise.all(conversations.map((id) => nodes[2]!.conversations.get(world.workspaceId, id)))
    ).filter((c) => c?.assignee).length;
    expect(assignedTotal).toBe(won.length);
    await expectConsistent(world, agents, conversations);
  });

  it.skipIf(!driver.available)('auto-assignment racing on three nodes assigns a case once', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const agents = await Promise.all(Array.from({ length: 3 }, (_, i) => seedAgent(nodes[0]!, world, `a${i}`, 2)));
    const conversations = await Promise.all(Array.from({ length: 10 }, () => seedConversation(nodes[0]!, world)));
    // What Router.autoAssign does, on every node for every case at once.
    const autoAssign = async (node: Storage, conversationId: string) => {
      for (const agent of await node.routing.candidates(world.workspaceId, null, [], 5)) {
        const result = await node.routing.assign({
          workspaceId: world.workspaceId,
          conversationId,
          assignee: agentAuthorOf(agent),
          actor: SYSTEM,
          change: 'assigned',
          expectedAssigneeId: null,
          clientId: null,
          at: Date.now(),
        });
        if (result.ok || result.reason !== 'at-capacity') return result;
      }
      return null;
    };
    const results = await Promise.all(conversations.flatMap((id) => nodes.map((node) => autoAssign(node, id))));
    const assigned = results.filter((r) => r?.ok).length;
    expect(assigned).toBe(6); // three agents, two slots each
    await expectConsistent(world, agents, conversations);
  });

  it.skipIf(!driver.available)('while assigned, only the assignee writes through a guarded append; the conversation row follows the log', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const [owner, other] = await Promise.all([seedAgent(nodes[0]!, world, 'go', 5), seedAgent(nodes[0]!, world, 'gx', 5)]);
    const id = await seedConversation(nodes[0]!, world);
    expect((await claim(nodes[0]!, world, owner!, id)).ok).toBe(true);
    const reply = (agent: Agent, text: string) => ({
      workspaceId: world.workspaceId,
      conversationId: id,
      author: agentAuthorOf(agent),
      clientId: `${agent.initials}-${text}`,
      body: { kind: 'message' as const, text },
      at: Date.now(),
      onlyIfAssigneeIs: agent.id,
    });
    const results = await nodes[1]!.events.append([reply(owner!, 'mine'), reply(other!, 'not mine')]);
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toEqual({ ok: false, reason: 'not-assignee' });
    const conversation = await nodes[2]!.conversations.get(world.workspaceId, id);
    expect(conversation?.lastSeq).toBe(3);
    expect(conversation?.lastMessage?.text).toBe('mine');
    expect(conversation?.agentRepliedAt).not.toBeNull();
  });

  it.skipIf(!driver.available)('a retried claim is answered with its first result', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const agent = await seedAgent(nodes[0]!, world, 'rt', 5);
    const id = await seedConversation(nodes[0]!, world);
    const first = await claim(nodes[0]!, world, agent, id, 'claim-1');
    const again = await claim(nodes[1]!, world, agent, id, 'claim-1');
    expect(first.ok).toBe(true);
    expect(again).toEqual({ ok: false, reason: 'already-assigned' });
    expect((await nodes[2]!.routing.load(world.workspaceId, agent.id))?.openCount).toBe(1);
  });

  it.skipIf(!driver.available)('transfers crossing between two agents on two nodes all complete, counters exact', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const [ann, ben] = await Promise.all([seedAgent(nodes[0]!, world, 'tA', 20), seedAgent(nodes[0]!, world, 'tB', 20)]);
    const toAnn = await Promise.all(Array.from({ length: 8 }, () => seedConversation(nodes[0]!, world)));
    const toBen = await Promise.all(Array.from({ length: 8 }, () => seedConversation(nodes[0]!, world)));
    for (const id of toAnn) expect((await claim(nodes[0]!, world, ann!, id)).ok).toBe(true);
    for (const id of toBen) expect((await claim(nodes[0]!, world, ben!, id)).ok).toBe(true);
    const transfer = (node: Storage, id: string, from: Agent, to: Agent) =>
      node.routing.assign({
        workspaceId: world.workspaceId,
        conversationId: id,
        assignee: agentAuthorOf(to),
        actor: agentAuthorOf(from),
        change: 'transferred',
        expectedAssigneeId: from.id,
        clientId: null,
        at: Date.now(),
      });
    // Ann's cases go to Ben on one node while Ben's go to Ann on another: opposite lock orders.
    const results = await Promise.all([
      ...toAnn.map((id) => transfer(nodes[0]!, id, ann!, ben!)),
      ...toBen.map((id) => transfer(nodes[1]!, id, ben!, ann!)),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    await expectConsistent(world, [ann!, ben!], [...toAnn, ...toBen]);
    expect((await nodes[2]!.routing.load(world.workspaceId, ann!.id))?.openCount).toBe(8);
  });

  it.skipIf(!driver.available)('resolving gives the slot back exactly once, even when resolved on two nodes at once', async () => {
    const world = await seedWorkspace(nodes[0]!);
    const agent = await seedAgent(nodes[0]!, world, 'rs', 1);
    const id = await seedConversation(nodes[0]!, world);
    expect((await claim(nodes[0]!, world, agent, id)).ok).toBe(true);
    const resolve = (node: Storage) =>
      node.routing.unassign({
        workspaceId: world.workspaceId,
        conversationId: id,
        actor: agentAuthorOf(agent),
        change: 'resolved',
        expectedAssigneeId: agent.id,
        clientId: null,
        at: Date.now(),
      });
    const results = await Promise.all([resolve(nodes[0]!), resolve(nodes[1]!), resolve(nodes[2]!)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await nodes[0]!.routing.load(world.workspaceId, agent.id))?.openCount).toBe(0);
  });
});
