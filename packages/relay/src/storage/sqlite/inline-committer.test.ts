/**
 * Small batches commit on the event loop (inline-committer.ts). That is only safe if it never
 * waits there for SQLite's write lock, writes nothing when it declines, and leaves the batch to
 * the append worker, which commits it exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { planAppend } from '../kysely/append-plan.js';
import { openVisitorStorage, type VisitorStorage } from '../../test-support/visitor-storage.js';
import { InlineCommitter, INLINE_MAX_ENTRIES } from './inline-committer.js';

let world: VisitorStorage;
let inline: InlineCommitter;
let other: BetterSqlite3.Database;

beforeEach(async () => {
  world = await openVisitorStorage('inline');
  inline = new InlineCommitter(world.file);
  other = new BetterSqlite3(world.file);
});
afterEach(async () => {
  if (other.inTransaction) other.exec('rollback');
  other.close();
  inline.close();
  await world.close();
});

const message = (conversationId: string, clientId: string) => world.message(conversationId, clientId);

const storedClientIds = (conversationId: string) =>
  (other.prepare('select client_id from events where conversation_id = ? and client_id is not null order by seq').all(conversationId) as Array<{ client_id: string }>).map(
    (row) => row.client_id,
  );

describe('the inline committer', () => {
  it('commits a small batch before it answers, at the seqs it reports', async () => {
    const conversation = await world.newConversation();
    const results = inline.tryCommit([message(conversation.id, 'a'), message(conversation.id, 'b')].map((input) => planAppend(input)));
    expect(results).toEqual([
      { ok: true, seq: 2, duplicate: false },
      { ok: true, seq: 3, duplicate: false },
    ]);
    // Another connection sees both at once: the transaction had committed when tryCommit returned.
    expect(other.prepare('select seq, client_id from events where conversation_id = ? and seq > 1 order by seq').all(conversation.id)).toEqual([
      { seq: 2, client_id: 'a' },
      { seq: 3, client_id: 'b' },
    ]);
  });

  it('declines, writing nothing, while another connection holds the write lock', async () => {
    const conversation = await world.newConversation();
    other.exec('begin immediate');
    expect(inline.tryCommit([planAppend(message(conversation.id, 'held'))])).toBeNull();
    other.exec('commit');
    expect(storedClientIds(conversation.id)).toEqual([]);
    // Once the lock is free it commits again.
    expect(inline.tryCommit([planAppend(message(conversation.id, 'held'))])).toEqual([{ ok: true, seq: 2, duplicate: false }]);
  });

  it('leaves a batch larger than it takes to the worker', async () => {
    const conversation = await world.newConversation();
    const plans = Array.from({ length: INLINE_MAX_ENTRIES + 1 }, (_, i) => planAppend(message(conversation.id, `m${i}`)));
    expect(inline.tryCommit(plans)).toBeNull();
    expect(storedClientIds(conversation.id)).toEqual([]);
  });

  it('through the event store: a batch it declined is committed once by the worker after the lock is released', async () => {
    const conversation = await world.newConversation();
    other.exec('begin immediate');
    let settled = false;
    const appended = world.storage.events.append([message(conversation.id, 'late')]).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    other.exec('commit');
    expect(await appended).toEqual([expect.objectContaining({ ok: true, duplicate: false, event: expect.objectContaining({ seq: 2 }) })]);
    expect(storedClientIds(conversation.id)).toEqual(['late']);
  });
});
