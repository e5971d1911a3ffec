/**
 * Contract: each conversation's log has one gap-free, increasing sequence (DESIGN.md section 4),
 * also when several nodes append to the same conversations at once and their batches cross.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendInput, Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { seedConversation, seedWorkspace, visitorAuthorOf, type World } from './fixtures.js';

describe.each(DRIVERS)('sequences ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('sequences');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  const message = (conversationId: string, text: string, clientId: string | null = null): AppendInput => ({
    workspaceId: world.workspaceId,
    conversationId,
    author: visitorAuthorOf(world.visitor),
    clientId,
    body: { kind: 'message', text },
    at: Date.now(),
  });

  it.skipIf(!driver.available)('gives a batch consecutive seqs after the opened event, in array order', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const results = await nodes[0]!.events.append([message(id, 'a'), message(id, 'b'), message(id, 'c')]);
    expect(results.map((r) => (r.ok ? r.event.seq : -1))).toEqual([2, 3, 4]);
    const log = await nodes[1]!.events.read(world.workspaceId, id, 0, 100);
    expect(log.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(log.slice(1).map((event) => (event.kind === 'message' ? event.text : ''))).toEqual(['a', 'b', 'c']);
  });

  it.skipIf(!driver.available)('keeps seqs gap-free and unique when three nodes append crossing batches', async () => {
    const conversations = await Promise.all(Array.from({ length: 4 }, () => seedConversation(nodes[0]!, world)));
    const rounds = 12;
    // Each node writes batches that touch every conversation, in a different order per node,
    // which is what deadlocks naive row locking.
    await Promise.all(
      nodes.map(async (node, n) => {
        for (let round = 0; round < rounds; round += 1) {
          const order = n % 2 === 0 ? conversations : [...conversations].reverse();
          const batch = order.flatMap((id) => [message(id, `n${n}-r${round}-1`), message(id, `n${n}-r${round}-2`)]);
          const results = await node.events.append(batch);
          expect(results.every((r) => r.ok && !r.duplicate)).toBe(true);
        }
      }),
    );
    for (const id of conversations) {
      const log = await nodes[0]!.events.read(world.workspaceId, id, 0, 1000);
      expect(log.map((event) => event.seq)).toEqual(Array.from({ length: 1 + nodes.length * rounds * 2 }, (_, i) => i + 1));
      // One node's two entries of a round stay in order, whatever the interleaving with others.
      const texts = log.flatMap((event) => (event.kind === 'message' ? [event.text] : []));
      for (let n = 0; n < nodes.length; n += 1) {
        for (let round = 0; round < rounds; round += 1) {
          expect(texts.indexOf(`n${n}-r${round}-1`)).toBeLessThan(texts.indexOf(`n${n}-r${round}-2`));
        }
      }
      const conversation = await nodes[1]!.conversations.get(world.workspaceId, id);
      expect(conversation?.lastSeq).toBe(log.length);
    }
  });

  it.skipIf(!driver.available)('reads a page after a seq, oldest first', async () => {
    const id = await seedConversation(nodes[0]!, world);
    await nodes[0]!.events.append(Array.from({ length: 10 }, (_, i) => message(id, `m${i}`)));
    const page = await nodes[2]!.events.read(world.workspaceId, id, 4, 3);
    expect(page.map((event) => event.seq)).toEqual([5, 6, 7]);
  });
});
