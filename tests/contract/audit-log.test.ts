/**
 * Contract: the moderation store (issue 6) on every driver. An action's log entry and its audit
 * row commit together or not at all; a block, an unblock and an escalation decision happen once
 * however many nodes try at the same moment; the audit search filters, pages and stays inside
 * its workspace; and the database itself refuses to update, delete (or, on Postgres, truncate)
 * audit rows. The relay-level rules are shown over real sockets in
 * tests/relay/issue-6-moderation.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Storage } from '@eyelevel/relay';
import type { AuditAction } from '@eyelevel/shared';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, type World } from './fixtures.js';

/** The storage's own query builder, reached past its interface to try what no API offers. */
interface RawDb {
  updateTable(table: 'audit_log'): { set(values: { reason: string }): { where(column: 'id', op: '=', value: string): { execute(): Promise<unknown> } } };
  deleteFrom(table: 'audit_log'): { where(column: 'id', op: '=', value: string): { execute(): Promise<unknown> } };
  executeQuery(query: { sql: string; parameters: unknown[]; query: unknown; queryId: { queryId: string } }): Promise<unknown>;
}
const rawDb = (storage: Storage) => (storage as unknown as { db: RawDb }).db;
const rawSql = (text: string) => ({ sql: text, parameters: [], query: { kind: 'RawNode', sqlFragments: [text], parameters: [] }, queryId: { queryId: 'contract' } });

describe.each(DRIVERS)('audit log and moderation store ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;
  let lead: Agent;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('audit_log');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
    lead = await seedAgent(nodes[0]!, world, 'ld', 5, 'lead');
  });
  afterAll(async () => database?.close());

  // Each action a millisecond apart at least: entries of the same millisecond have no defined
  // order, and the search test checks the order.
  let lastAt = 0;
  function action(node: Storage, conversationId: string, clientId: string, act: AuditAction, reason: string, extra: object = {}) {
    const at = (lastAt = Math.max(Date.now(), lastAt + 1));
    return node.moderation.record({
      entry: {
        workspaceId: world.workspaceId,
        conversationId,
        author: agentAuthorOf(lead),
        clientId,
        body: { kind: 'moderation', action: act === 'block' ? 'blocked' : act === 'unblock' ? 'unblocked' : 'hidden', targetSeq: null, note: reason },
        at,
      },
      audit: {
        workspaceId: world.workspaceId,
        at,
        actor: { id: lead.id, name: lead.name, initials: lead.initials, role: lead.role },
        action: act,
        target: { kind: 'visitor', id: world.visitor.id, seq: null },
        conversationId,
        reason,
      },
      ...extra,
    });
  }

  it.skipIf(!driver.available)('writes the entry and its audit row together; a retry writes neither again', async () => {
    const conversationId = await seedConversation(nodes[0]!, world);
    const first = await action(nodes[0]!, conversationId, 'h1', 'hide', 'insult');
    const again = await action(nodes[1]!, conversationId, 'h1', 'hide', 'insult');
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    const rows = (await nodes[2]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId })).entries;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'hide', reason: 'insult', actor: { id: lead.id, role: 'lead' }, entrySeq: first.ok ? first.event!.seq : -1 });
  });

  it.skipIf(!driver.available)('blocks once across nodes; a refused block leaves no entry and no audit row', async () => {
    const conversationId = await seedConversation(nodes[0]!, world);
    const block = (node: Storage, i: number) =>
      action(node, conversationId, `b${i}`, 'block', `reason ${i}`, {
        block: { set: { workspaceId: world.workspaceId, subjectKind: 'visitor', subjectId: world.visitor.id, conversationId, reason: `reason ${i}`, actorId: lead.id, createdAt: Date.now() } },
      });
    const outcomes = await Promise.all(nodes.map((node, i) => block(node, i)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'already-blocked' }, { ok: false, reason: 'already-blocked' }]);
    const log = await nodes[0]!.events.read(world.workspaceId, conversationId, 0, 50);
    expect(log.filter((e) => e.kind === 'moderation')).toHaveLength(1);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId })).entries).toHaveLength(1);
    expect(await nodes[2]!.moderation.blockOf(world.workspaceId, 'visitor', world.visitor.id)).toMatchObject({ conversationId });
    expect(await nodes[2]!.moderation.blockedIds(world.workspaceId)).toEqual([world.visitor.id]);

    const unblock = (node: Storage, i: number) => action(node, conversationId, `u${i}`, 'unblock', 'lifted', { block: { clear: { kind: 'visitor', id: world.visitor.id } } });
    const lifted = await Promise.all(nodes.map((node, i) => unblock(node, i)));
    expect(lifted.filter((o) => o.ok)).toHaveLength(1);
    expect(await nodes[0]!.moderation.blockOf(world.workspaceId, 'visitor', world.visitor.id)).toBeNull();
  });

  it.skipIf(!driver.available)('decides an escalation once across nodes and records when', async () => {
    const conversationId = await seedConversation(nodes[0]!, world);
    const escalatedAt = Date.now();
    await nodes[0]!.events.append([
      { workspaceId: world.workspaceId, conversationId, author: agentAuthorOf(lead), clientId: 'e1', at: escalatedAt, body: { kind: 'status', change: 'escalated', status: 'open', assignee: null, note: 'help' } },
    ]);
    const decide = (node: Storage, i: number) => {
      const at = Date.now();
      return node.moderation.record({
        entry: { workspaceId: world.workspaceId, conversationId, author: agentAuthorOf(lead), clientId: `d${i}`, at, body: { kind: 'status', change: 'decided', status: 'open', assignee: null, note: `n${i}`, decisionMs: at - escalatedAt } },
        audit: { workspaceId: world.workspaceId, at, actor: { id: lead.id, name: lead.name, initials: lead.initials, role: lead.role }, action: 'decide', target: { kind: 'conversation', id: conversationId, seq: null }, conversationId, reason: `n${i}` },
        decide: true,
      });
    };
    const outcomes = await Promise.all(nodes.map((node, i) => decide(node, i)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const conversation = await nodes[1]!.conversations.get(world.workspaceId, conversationId);
    expect(conversation!.escalatedAt).toBe(escalatedAt);
    expect(conversation!.escalationDecidedAt).toBeGreaterThanOrEqual(escalatedAt);
    const log = await nodes[2]!.events.read(world.workspaceId, conversationId, 0, 50);
    expect(log.filter((e) => e.kind === 'status' && e.change === 'decided')).toHaveLength(1);
    expect((await nodes[0]!.moderation.searchAudit(world.workspaceId, { action: 'decide', conversation: conversationId })).entries).toHaveLength(1);
  });

  it.skipIf(!driver.available)('searches by actor, action, reason text and time, newest first, in pages, within its workspace', async () => {
    const other = await seedWorkspace(nodes[0]!, 'Other');
    const conversationId = await seedConversation(nodes[0]!, world);
    for (let i = 0; i < 5; i += 1) await action(nodes[i % 3]!, conversationId, `p${i}`, 'hide', i % 2 ? `Spam_${i}` : `insult 100%`);
    const all = (await nodes[0]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId })).entries;
    expect(all.map((e) => e.reason)).toEqual(['insult 100%', 'Spam_3', 'insult 100%', 'Spam_1', 'insult 100%']);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, q: 'spam_' })).entries).toHaveLength(2);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, q: '0%' })).entries).toHaveLength(3);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, q: 'm_' })).entries).toHaveLength(2);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, actor: 'nobody' })).entries).toEqual([]);
    expect((await nodes[1]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, from: all[0]!.at + 1 })).entries).toEqual([]);
    const paged = [];
    let cursor: string | undefined;
    do {
      const page = await nodes[2]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId, limit: 2, ...(cursor ? { cursor } : {}) });
      paged.push(...page.entries);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await nodes[0]!.moderation.searchAudit(other.workspaceId, {})).entries).toEqual([]);
  });

  it.skipIf(!driver.available)('refuses UPDATE and DELETE of audit rows in the database itself', async () => {
    const conversationId = await seedConversation(nodes[0]!, world);
    await action(nodes[0]!, conversationId, 'g1', 'hide', 'kept forever');
    const [row] = (await nodes[0]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId })).entries;
    const db = rawDb(nodes[1]!);
    await expect(db.updateTable('audit_log').set({ reason: 'rewritten' }).where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/);
    if (driver.name === 'postgres') await expect(db.executeQuery(rawSql('truncate audit_log'))).rejects.toThrow(/append-only/);
    expect((await nodes[2]!.moderation.searchAudit(world.workspaceId, { conversation: conversationId })).entries).toEqual([row]);
  });
});
