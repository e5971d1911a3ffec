/**
 * Contract: a workspace is a tenant (DESIGN.md section 6). Every read and write takes the
 * workspace id, and with the wrong one finds nothing, on every driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, visitorAuthorOf, type World } from './fixtures.js';

describe.each(DRIVERS)('workspace scoping ($name)', (driver) => {
  let database: DriverDatabase;
  let storage: Storage;
  let acme: World;
  let other: World;
  let conversationId: string;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('scoping');
    storage = await database.node();
    acme = await seedWorkspace(storage, 'Acme');
    other = await seedWorkspace(storage, 'Other');
    conversationId = await seedConversation(storage, acme);
    await storage.events.append([
      { workspaceId: acme.workspaceId, conversationId, author: visitorAuthorOf(acme.visitor), clientId: 'm1', body: { kind: 'message', text: 'secret' }, at: Date.now() },
    ]);
  });
  afterAll(async () => database?.close());

  it.skipIf(!driver.available)('reads of another workspace find nothing', async () => {
    expect(await storage.conversations.get(other.workspaceId, conversationId)).toBeNull();
    expect(await storage.events.read(other.workspaceId, conversationId, 0, 100)).toEqual([]);
    expect((await storage.conversations.listQueue(other.workspaceId, 100)).map((c) => c.id)).not.toContain(conversationId);
    expect(await storage.conversations.findLatestForVisitor(other.workspaceId, acme.visitor.id)).toBeNull();
    expect(await storage.conversations.markRead(other.workspaceId, conversationId, 'agent', 2)).toBeNull();
  });

  it.skipIf(!driver.available)('writes into another workspace are refused, and a retry id does not leak the stored copy', async () => {
    const [append] = await storage.events.append([
      { workspaceId: other.workspaceId, conversationId, author: visitorAuthorOf(other.visitor), clientId: 'x1', body: { kind: 'message', text: 'intruder' }, at: Date.now() },
    ]);
    expect(append).toEqual({ ok: false, reason: 'conversation-not-found' });
    // Same sender and client id as the stored message, but claimed under the other workspace.
    const [replay] = await storage.events.append([
      { workspaceId: other.workspaceId, conversationId, author: visitorAuthorOf(acme.visitor), clientId: 'm1', body: { kind: 'message', text: '?' }, at: Date.now() },
    ]);
    expect(replay).toEqual({ ok: false, reason: 'conversation-not-found' });
  });

  it.skipIf(!driver.available)('an agent of another workspace can neither claim nor be assigned', async () => {
    const stranger = await seedAgent(storage, other, 'zz');
    const result = await storage.routing.assign({
      workspaceId: other.workspaceId,
      conversationId,
      assignee: agentAuthorOf(stranger),
      actor: agentAuthorOf(stranger),
      change: 'assigned',
      expectedAssigneeId: null,
      clientId: null,
      at: Date.now(),
    });
    expect(result).toEqual({ ok: false, reason: 'conversation-not-found' });
    const cross = await storage.routing.assign({
      workspaceId: acme.workspaceId,
      conversationId,
      assignee: agentAuthorOf(stranger),
      actor: agentAuthorOf(stranger),
      change: 'assigned',
      expectedAssigneeId: null,
      clientId: null,
      at: Date.now(),
    });
    expect(cross).toEqual({ ok: false, reason: 'at-capacity' });
    expect((await storage.routing.candidates(acme.workspaceId, null, [], 50)).map((a) => a.id)).not.toContain(stranger.id);
  });

  it.skipIf(!driver.available)('sessions and sites are found only in their workspace', async () => {
    const visitor = await storage.sessions.createVisitor({ workspaceId: acme.workspaceId, siteId: acme.siteId, tokenHash: `scoped-${Date.now()}`, name: null, email: null });
    expect(await storage.sessions.findVisitorBySession(other.workspaceId, `scoped-${visitor.createdAt}`)).toBeNull();
    expect((await storage.tenants.listSites(other.workspaceId)).map((s) => s.id)).not.toContain(acme.siteId);
  });
});
