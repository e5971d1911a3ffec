/**
 * Contract: presence across nodes (issue 7). An agent is online while any live node has a
 * console of theirs open; closing the last one anywhere, or the death of the node that had it,
 * takes them offline — and a console closing on one node never does while another is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { seedAgent, seedWorkspace, type World } from './fixtures.js';

const TTL = 10_000;

describe.each(DRIVERS)('presence across nodes ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('presence');
    nodes = [await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  const presenceOf = async (agentId: string) => (await nodes[0]!.routing.load(world.workspaceId, agentId))?.presence;

  it.skipIf(!driver.available)('stays online while another node has a console open', async () => {
    const agent = await seedAgent(nodes[0]!, world, 'pa');
    await nodes[0]!.routing.setPresence(world.workspaceId, agent.id, 'offline');
    const ref = { workspaceId: world.workspaceId, agentId: agent.id };
    const now = Date.now();
    await nodes[0]!.consoles.opened('node-a', ref, now);
    await nodes[1]!.consoles.opened('node-b', ref, now);
    await nodes[1]!.consoles.opened('node-b', ref, now); // a second tab on b
    expect(await presenceOf(agent.id)).toBe('online');
    expect(await nodes[0]!.consoles.closed('node-a', ref, now - TTL)).toBe(false);
    expect(await nodes[1]!.consoles.closed('node-b', ref, now - TTL)).toBe(false);
    expect(await presenceOf(agent.id)).toBe('online');
    expect(await nodes[1]!.consoles.closed('node-b', ref, now - TTL)).toBe(true);
    expect(await presenceOf(agent.id)).toBe('offline');
  });

  it.skipIf(!driver.available)('a dead node’s consoles are swept once; its agents go offline unless open elsewhere', async () => {
    const [lone, shared] = await Promise.all([seedAgent(nodes[0]!, world, 'pb'), seedAgent(nodes[0]!, world, 'pc')]);
    const t0 = Date.now();
    await nodes[0]!.consoles.opened('dead-node', { workspaceId: world.workspaceId, agentId: lone!.id }, t0);
    await nodes[0]!.consoles.opened('dead-node', { workspaceId: world.workspaceId, agentId: shared!.id }, t0);
    await nodes[1]!.consoles.opened('live-node', { workspaceId: world.workspaceId, agentId: shared!.id }, t0);
    // Later: the live node kept its rows fresh, the dead one did not.
    const later = t0 + 2 * TTL;
    await nodes[1]!.consoles.heartbeat('live-node', later);
    const [first, second] = await Promise.all([nodes[0]!.consoles.sweep(later - TTL), nodes[1]!.consoles.sweep(later - TTL)]);
    const offline = [...first, ...second].map((a) => a.agentId);
    expect(offline).toEqual([lone!.id]);
    expect(await presenceOf(lone!.id)).toBe('offline');
    expect(await presenceOf(shared!.id)).toBe('online');
  });

  it.skipIf(!driver.available)('consoles opening and closing on two nodes at once end with the right presence', async () => {
    const agent = await seedAgent(nodes[0]!, world, 'pd');
    const ref = { workspaceId: world.workspaceId, agentId: agent.id };
    const now = Date.now();
    // Node b opens a console for good while node a opens and closes twenty.
    await Promise.all([
      (async () => {
        for (let i = 0; i < 20; i += 1) {
          await nodes[0]!.consoles.opened('node-a', ref, now);
          await nodes[0]!.consoles.closed('node-a', ref, now - TTL);
        }
      })(),
      nodes[1]!.consoles.opened('node-b', ref, now),
    ]);
    expect(await presenceOf(agent.id)).toBe('online');
    await nodes[1]!.consoles.closed('node-b', ref, now - TTL);
    expect(await presenceOf(agent.id)).toBe('offline');
  });

  it.skipIf(!driver.available)('a node shutting down closes its consoles', async () => {
    const agent = await seedAgent(nodes[0]!, world, 'pe');
    const ref = { workspaceId: world.workspaceId, agentId: agent.id };
    await nodes[0]!.consoles.opened('leaving-node', ref, Date.now());
    expect((await nodes[0]!.consoles.closeNode('leaving-node', Date.now() - TTL)).map((a) => a.agentId)).toEqual([agent.id]);
    expect(await presenceOf(agent.id)).toBe('offline');
  });
});
