/**
 * The append worker writes through its own connection while the main connection keeps writing
 * (assignments, read markers). Both must take turns on SQLite's write lock without errors, and
 * every conversation's log must stay gap-free, whoever wrote each entry. Run twice: as the relay
 * runs (small batches commit inline) and with every batch through the worker.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyStorage } from '../kysely/kysely-storage.js';
import type { AppendResult, Visitor } from '../records.js';
import { CommitQueue } from '../../conversations/commit-queue.js';
import { agentAuthor } from '../../conversations/authors.js';
import { openVisitorStorage, type VisitorStorage } from '../../test-support/visitor-storage.js';

let world: VisitorStorage;
let storage: KyselyStorage;
let visitor: Visitor;

const newConversation = () => world.newConversation();

const message = (conversationId: string, clientId: string) => world.message(conversationId, clientId);

describe.each([
  { paths: 'inline commits and the worker', inlineCommits: true },
  { paths: 'the worker only', inlineCommits: false },
])('the SQLite event store, $paths', ({ inlineCommits }) => {
  beforeEach(async () => {
    world = await openVisitorStorage('worker', { inlineCommits });
    ({ storage, visitor } = world);
  });
  afterEach(() => world.close());

  it('takes turns with writes on the main connection; logs stay gap-free', async () => {
    const conversations = await Promise.all(Array.from({ length: 5 }, () => newConversation()));
    const agent = await storage.tenants.createAgent({
      workspaceId: visitor.workspaceId,
      email: 'a@example.test',
      passwordHash: 'x',
      name: 'A',
      initials: 'AA',
      role: 'agent',
      capacity: 100,
    });
    const appends: Promise<unknown>[] = [];
    const mainWrites: Promise<unknown>[] = [];
    for (let round = 0; round < 40; round++) {
      appends.push(storage.events.append(conversations.map((c) => message(c.id, `m-${round}`))));
      const conversation = conversations[round % conversations.length]!;
      mainWrites.push(storage.conversations.markRead(visitor.workspaceId, conversation.id, 'agent', round));
      if (round % 8 === 0) {
        mainWrites.push(
          storage.routing.assign({
            workspaceId: visitor.workspaceId,
            conversationId: conversation.id,
            assignee: { ...agentAuthor(agent), id: agent.id },
            actor: agentAuthor(agent),
            change: 'assigned',
            expectedAssigneeId: 'any',
            clientId: null,
            at: Date.now(),
          }),
        );
      }
    }
    await Promise.all([...appends, ...mainWrites]);

    for (const conversation of conversations) {
      const log = await storage.events.read(visitor.workspaceId, conversation.id, 0, 1000);
      expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
      expect(log.filter((event) => event.kind === 'message')).toHaveLength(40);
    }
  });

  it('keeps each conversation in send order with two batches in flight through the commit queue', async () => {
    const queue = new CommitQueue(storage.events);
    expect(storage.events.concurrentBatches).toBe(2);
    const conversations = await Promise.all(Array.from({ length: 3 }, () => newConversation()));
    const sends: Promise<AppendResult>[] = [];
    // Sends over several turns, so later ones queue while earlier batches are committing.
    for (let turn = 0; turn < 20; turn++) {
      for (const conversation of conversations) sends.push(queue.append(message(conversation.id, `t-${turn}`)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(sends);
    for (const conversation of conversations) {
      const log = await storage.events.read(visitor.workspaceId, conversation.id, 0, 1000);
      const texts = log.filter((event) => event.kind === 'message').map((event) => (event.kind === 'message' ? event.text : ''));
      expect(texts).toEqual(Array.from({ length: 20 }, (_, turn) => `t-${turn}`));
      expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    }
  });

  it('stores a retried client id once and returns the first copy', async () => {
    const conversation = await newConversation();
    const [first] = await storage.events.append([message(conversation.id, 'same')]);
    const [retry] = await storage.events.append([message(conversation.id, 'same')]);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(retry).toMatchObject({ ok: true, duplicate: true });
    if (!first?.ok || !retry?.ok) throw new Error('both copies were stored');
    expect(retry.event.seq).toBe(first.event.seq);
  });

  it('refuses an entry for a conversation of another workspace without failing its batch', async () => {
    const conversation = await newConversation();
    const other = await storage.tenants.createWorkspace('Other');
    const results = await storage.events.append([
      message(conversation.id, 'ok'),
      { ...message(conversation.id, 'foreign'), workspaceId: other.id },
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false]);
  });

  it('opens conversations asked for in the same turn, each with its opening event, and reads them back at once', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, () => newConversation()));
    expect(new Set(opened.map((c) => c.id)).size).toBe(20);
    for (const conversation of opened) {
      const log = await storage.events.read(visitor.workspaceId, conversation.id, 0, 10);
      expect(log).toEqual([expect.objectContaining({ seq: 1, kind: 'status', change: 'opened' })]);
      const [appended] = await storage.events.append([message(conversation.id, 'first')]);
      expect(appended).toMatchObject({ ok: true, event: { seq: 2 } });
    }
  });

  it('fails a conversation that breaks a reference alone; the others of its turn are opened', async () => {
    const stranger = { ...visitor, id: 'no-such-visitor' };
    const attempts = await Promise.allSettled([
      newConversation(),
      storage.conversations.create({ workspaceId: visitor.workspaceId, siteId: null, visitor: stranger, channel: 'web', page: null, at: Date.now() }),
      newConversation(),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((attempts[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    const mine = await storage.conversations.findLatestForVisitor(visitor.workspaceId, 'no-such-visitor');
    expect(mine).toBeNull();
  });
});
