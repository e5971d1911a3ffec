/**
 * Contract: a send retried with the same client id is stored once and answered with the first
 * copy's seq (DESIGN.md section 4), also when the retry reaches another node while the first
 * copy is still being committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendInput, Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, visitorAuthorOf, type World } from './fixtures.js';

describe.each(DRIVERS)('dedupe ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('dedupe');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  const send = (conversationId: string, clientId: string, text = 'hello'): AppendInput => ({
    workspaceId: world.workspaceId,
    conversationId,
    author: visitorAuthorOf(world.visitor),
    clientId,
    body: { kind: 'message', text },
    at: Date.now(),
  });

  it.skipIf(!driver.available)('answers a retry with the first copy', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const [first] = await nodes[0]!.events.append([send(id, 'c1')]);
    const [retry] = await nodes[1]!.events.append([send(id, 'c1', 'hello (resent)')]);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(retry).toMatchObject({ ok: true, duplicate: true });
    if (!first?.ok || !retry?.ok) throw new Error('unreachable');
    expect(retry.event).toEqual(first.event);
  });

  it.skipIf(!driver.available)('stores a send once when copies race on three nodes', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const clientIds = Array.from({ length: 30 }, (_, i) => `race-${i}`);
    // Every node gets every send, each inside a batch with other sends of its own.
    const results = await Promise.all(
      nodes.map((node, n) => node.events.append(clientIds.map((clientId) => send(id, clientId, `${clientId} via ${n}`)))),
    );
    const log = await nodes[0]!.events.read(world.workspaceId, id, 0, 1000);
    const messages = log.filter((event) => event.kind === 'message');
    expect(messages).toHaveLength(clientIds.length);
    expect(log.map((event) => event.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    for (const [index, clientId] of clientIds.entries()) {
      const answers = results.map((batch) => batch[index]!);
      expect(answers.every((answer) => answer.ok)).toBe(true);
      const seqs = new Set(answers.map((answer) => (answer.ok ? answer.event.seq : -1)));
      expect(seqs.size, `${clientId} got one seq on every node`).toBe(1);
      expect(answers.filter((answer) => answer.ok && !answer.duplicate)).toHaveLength(1);
    }
  });

  it.skipIf(!driver.available)('answers a stored copy inside a batch of new sends, and numbers the new ones after it', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const [first] = await nodes[0]!.events.append([send(id, 'old')]);
    if (!first?.ok) throw new Error('first send not stored');
    const results = await nodes[1]!.events.append([send(id, 'new-1'), send(id, 'old', 'resent'), send(id, 'new-2')]);
    expect(results.map((r) => r.ok && r.duplicate)).toEqual([false, true, false]);
    expect(results.map((r) => (r.ok ? r.event.seq : null))).toEqual([first.event.seq + 1, first.event.seq, first.event.seq + 2]);
    const log = await nodes[2]!.events.read(world.workspaceId, id, 0, 100);
    expect(log.filter((event) => event.kind === 'message').map((event) => event.kind === 'message' && event.text)).toEqual(['hello', 'hello', 'hello']);
    expect(log.map((event) => event.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
  });

  it.skipIf(!driver.available)('stores a client id sent twice within one batch once', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const [first, second] = await nodes[0]!.events.append([send(id, 'twice'), send(id, 'twice', 'hello again')]);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(second).toMatchObject({ ok: true, duplicate: true });
    if (!first?.ok || !second?.ok) throw new Error('unreachable');
    expect(second.event.seq).toBe(first.event.seq);
    const log = await nodes[1]!.events.read(world.workspaceId, id, 0, 100);
    expect(log.filter((event) => event.kind === 'message')).toHaveLength(1);
  });

  it.skipIf(!driver.available)('keys dedupe by sender: the same client id from two senders is two messages', async () => {
    const id = await seedConversation(nodes[0]!, world);
    const agent = await seedAgent(nodes[0]!, world, `d${Math.floor(Math.random() * 90 + 10)}`);
    const [fromVisitor] = await nodes[0]!.events.append([send(id, 'same')]);
    const [fromAgent] = await nodes[1]!.events.append([{ ...send(id, 'same'), author: agentAuthorOf(agent) }]);
    expect(fromVisitor).toMatchObject({ ok: true, duplicate: false });
    expect(fromAgent).toMatchObject({ ok: true, duplicate: false });
  });
});
