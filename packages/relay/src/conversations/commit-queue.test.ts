import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyStorage } from '../storage/kysely/kysely-storage.js';
import type { AppendInput, Visitor } from '../storage/records.js';
import { CommitQueue } from './commit-queue.js';
import { visitorAuthor } from './authors.js';
import { openVisitorStorage, type VisitorStorage } from '../test-support/visitor-storage.js';

let world: VisitorStorage;
let storage: KyselyStorage;
let visitor: Visitor;
let conversationId: string;

beforeEach(async () => {
  world = await openVisitorStorage('commit');
  ({ storage, visitor } = world);
  conversationId = (await world.newConversation()).id;
});
afterEach(() => world.close());

const input = (clientId: string | null, text: string, conversation = conversationId): AppendInput => ({
  workspaceId: visitor.workspaceId,
  conversationId: conversation,
  author: visitorAuthor(visitor),
  clientId,
  body: { kind: 'message', text },
  at: Date.now(),
});

describe('CommitQueue', () => {
  it('commits sends of one turn together and gives them seqs in arrival order', async () => {
    const queue = new CommitQueue(storage.events);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => queue.append(input(id, id))));
    expect(results.map((r) => (r.ok ? r.event.seq : -1))).toEqual([2, 3, 4, 5]);
  });

  it('returns the first copy for a retry within the same batch', async () => {
    const queue = new CommitQueue(storage.events);
    const [first, retry] = await Promise.all([queue.append(input('same', 'x')), queue.append(input('same', 'x'))]);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(retry).toMatchObject({ ok: true, duplicate: true });
    expect(first.ok && retry.ok && first.event.seq === retry.event.seq).toBe(true);
  });

  it('does not let one failing entry fail the others in its batch', async () => {
    const queue = new CommitQueue(storage.events);
    const [good, missing] = await Promise.all([
      queue.append(input('g', 'good')),
      queue.append(input('m', 'lost', 'no-such-conversation')),
    ]);
    expect(good).toMatchObject({ ok: true });
    expect(missing).toEqual({ ok: false, reason: 'conversation-not-found' });
  });

  it('commits another conversation while a batch is still committing, and keeps each conversation in arrival order', async () => {
    const other = (await world.newConversation()).id;
    // The real store, with its first append held back until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const events = {
      ...storage.events,
      append: async (batch: AppendInput[]) => {
        if ((calls += 1) === 1) await held;
        return storage.events.append(batch);
      },
    };
    const queue = new CommitQueue(events, 500, 2);
    const first = queue.append(input('a1', 'first in this conversation'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = queue.append(input('a2', 'second in this conversation'));
    const elsewhere = await queue.append(input('b1', 'meanwhile in another', other));
    expect(elsewhere).toMatchObject({ ok: true });
    let secondSettled = false;
    void second.then(() => (secondSettled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondSettled).toBe(false);
    release();
    const [a1, a2] = await Promise.all([first, second]);
    expect(a1.ok && a2.ok && [a1.event.seq, a2.event.seq]).toEqual([2, 3]);
    await queue.drain();
  });

  it('drains: everything queued is committed when drain resolves', async () => {
    const queue = new CommitQueue(storage.events);
    const pending = Array.from({ length: 20 }, (_, i) => queue.append(input(`d${i}`, `m${i}`)));
    await queue.drain();
    const events = await storage.events.read(visitor.workspaceId, conversationId, 0, 100);
    expect(events).toHaveLength(21);
    await Promise.all(pending);
  });
});
