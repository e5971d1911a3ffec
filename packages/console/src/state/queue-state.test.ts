import { describe, expect, it } from 'vitest';
import {
  applyEventToQueue,
  applyReadToQueue,
  emptyQueue,
  replaceQueue,
  upsertConversation,
  type QueueState,
} from './queue-state.js';
import { sortsBefore } from './queue-order.js';
import { agentAuthor, message, statusEvent, summary } from '../test-support/fixtures.js';

const ids = (queue: QueueState) => [...queue.order];
const row = (queue: QueueState, id: string) => queue.rows.get(id)?.summary;

describe('queue state', () => {
  it('sorts a snapshot newest-updated first, with the id breaking ties', () => {
    const queue = replaceQueue([
      summary('a', { updatedAt: 10 }),
      summary('c', { updatedAt: 30 }),
      summary('b', { updatedAt: 30 }),
    ]);
    expect(ids(queue)).toEqual(['b', 'c', 'a']);
  });

  it('replaces everything with a snapshot, dropping rows the relay no longer lists', () => {
    let queue = replaceQueue([summary('a'), summary('b')]);
    queue = applyEventToQueue(queue, 'a', message(1, 'hi'));
    queue = replaceQueue([summary('b', { updatedAt: 5 }), summary('z')]);
    expect(ids(queue).sort()).toEqual(['b', 'z']);
    expect(queue.rows.has('a')).toBe(false);
  });

  it('moves a row to the top when a live event updates it', () => {
    let queue = replaceQueue([
      summary('a', { updatedAt: 300 }),
      summary('b', { updatedAt: 200 }),
      summary('c', { updatedAt: 100 }),
    ]);
    queue = applyEventToQueue(queue, 'c', message(1, 'new question', { at: 400 }));
    expect(ids(queue)).toEqual(['c', 'a', 'b']);
    expect(row(queue, 'c')).toMatchObject({
      lastSeq: 1,
      updatedAt: 400,
      lastMessage: { text: 'new question', at: 400, authorKind: 'visitor' },
    });
  });

  it('ignores a duplicate event and returns the same state', () => {
    let queue = replaceQueue([summary('a')]);
    queue = applyEventToQueue(queue, 'a', message(1, 'hi'));
    expect(applyEventToQueue(queue, 'a', message(1, 'hi'))).toBe(queue);
  });

  it('keeps the newest message when events arrive out of order', () => {
    let queue = replaceQueue([summary('a')]);
    queue = applyEventToQueue(queue, 'a', message(3, 'third'));
    queue = applyEventToQueue(queue, 'a', message(2, 'second'));
    expect(row(queue, 'a')).toMatchObject({ lastSeq: 3, lastMessage: { text: 'third' } });
  });

  it('takes a late message that is older than a status but newer than the last message', () => {
    let queue = replaceQueue([summary('a', { lastSeq: 1, lastMessage: { text: 'first', at: 1, authorKind: 'visitor' } })]);
    queue = applyEventToQueue(queue, 'a', statusEvent(3, { change: 'resolved', status: 'resolved' }));
    queue = applyEventToQueue(queue, 'a', message(2, 'second'));
    expect(row(queue, 'a')).toMatchObject({ lastSeq: 3, status: 'resolved', lastMessage: { text: 'second' } });
  });

  it('does not let a message older than the snapshot overwrite its last message', () => {
    let queue = replaceQueue([summary('a', { lastSeq: 5, lastMessage: { text: 'five', at: 5, authorKind: 'visitor' } })]);
    queue = applyEventToQueue(queue, 'a', message(4, 'four'));
    expect(row(queue, 'a')?.lastMessage?.text).toBe('five');
  });

  it('applies status events: status and assignee', () => {
    let queue = replaceQueue([summary('a')]);
    queue = applyEventToQueue(queue, 'a', statusEvent(1, { change: 'assigned', status: 'open', assignee: agentAuthor }));
    expect(row(queue, 'a')).toMatchObject({ status: 'open', assignee: { id: 'agent_1' } });
    queue = applyEventToQueue(queue, 'a', statusEvent(2, { change: 'resolved', status: 'resolved' }));
    expect(row(queue, 'a')).toMatchObject({ status: 'resolved', assignee: { id: 'agent_1' } });
    queue = applyEventToQueue(queue, 'a', statusEvent(3, { change: 'unassigned', status: 'open' }));
    expect(row(queue, 'a')).toMatchObject({ status: 'open', assignee: null });
  });

  it('follows transfers and escalations, and moves a row on a private note without showing it', () => {
    let queue = replaceQueue([
      summary('a', { updatedAt: 10, lastSeq: 1, lastMessage: { text: 'hi', at: 10, authorKind: 'visitor' } }),
      summary('b', { updatedAt: 20 }),
    ]);
    queue = applyEventToQueue(
      queue,
      'a',
      statusEvent(2, { change: 'transferred', status: 'open', assignee: null, team: { id: 'team_sales', name: 'Sales' }, note: 'pricing' }),
    );
    expect(row(queue, 'a')).toMatchObject({ teamId: 'team_sales', assignee: null });
    queue = applyEventToQueue(queue, 'a', statusEvent(3, { change: 'escalated', status: 'open', at: 5000 }));
    expect(row(queue, 'a')?.escalatedAt).toBe(5000);
    queue = applyEventToQueue(queue, 'a', {
      kind: 'note',
      seq: 4,
      at: 6000,
      author: agentAuthor,
      text: 'private: check the invoice',
      mentions: [],
      clientId: null,
    });
    expect(row(queue, 'a')).toMatchObject({ lastSeq: 4, updatedAt: 6000, lastMessage: { text: 'hi' } });
    expect(ids(queue)[0]).toBe('a');
  });

  it('leaves the queue alone for events of conversations it does not list', () => {
    const queue = replaceQueue([summary('a')]);
    expect(applyEventToQueue(queue, 'zzz', message(1, 'x'))).toBe(queue);
  });

  it('adds a new conversation in its sorted place', () => {
    let queue = replaceQueue([summary('a', { updatedAt: 300 }), summary('b', { updatedAt: 100 })]);
    queue = upsertConversation(queue, summary('n', { updatedAt: 200 }));
    expect(ids(queue)).toEqual(['a', 'n', 'b']);
    expect(upsertConversation(emptyQueue, summary('x')).order).toEqual(['x']);
  });

  it('keeps live fields newer than a late conversation frame', () => {
    let queue = replaceQueue([summary('a', { updatedAt: 100 })]);
    queue = applyEventToQueue(queue, 'a', message(2, 'newest', { at: 500 }));
    queue = upsertConversation(
      queue,
      summary('a', {
        lastSeq: 1,
        updatedAt: 200,
        lastMessage: { text: 'older', at: 200, authorKind: 'visitor' },
        visitor: { id: 'v_a', name: 'Kim', email: null },
      }),
    );
    expect(row(queue, 'a')).toMatchObject({
      lastSeq: 2,
      updatedAt: 500,
      lastMessage: { text: 'newest' },
      visitor: { name: 'Kim' },
    });
  });

  it('only raises read marks', () => {
    let queue = replaceQueue([summary('a', { lastSeq: 4 })]);
    queue = applyReadToQueue(queue, 'a', 'visitor', 3);
    const same = applyReadToQueue(queue, 'a', 'visitor', 2);
    expect(same).toBe(queue);
    queue = applyReadToQueue(queue, 'a', 'agent', 4);
    expect(row(queue, 'a')).toMatchObject({ visitorReadSeq: 3, agentReadSeq: 4 });
  });

  it('keeps order and rows consistent over many random updates', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let queue = replaceQueue(Array.from({ length: 50 }, (_, i) => summary(`c${i}`, { updatedAt: i })));
    const seqs = new Map<string, number>();
    for (let step = 0; step < 500; step++) {
      const id = `c${Math.floor(random() * 50)}`;
      const seq = (seqs.get(id) ?? 0) + 1;
      seqs.set(id, seq);
      const at = 100 + Math.floor(random() * 1000);
      const pick = random();
      // Visitor and agent messages, priorities, pending and snoozes: every kind of move.
      const event =
        pick < 0.4
          ? message(seq, `m${step}`, { at })
          : pick < 0.6
            ? message(seq, `r${step}`, { at, author: agentAuthor })
            : pick < 0.75
              ? statusEvent(seq, { at, change: 'prioritized', status: 'open', priority: (['low', 'normal', 'high', 'urgent'] as const)[step % 4]! })
              : pick < 0.9
                ? statusEvent(seq, { at, change: 'snoozed', status: 'snoozed', snoozedUntil: 5000 + step })
                : statusEvent(seq, { at, change: 'pending', status: 'pending' });
      queue = applyEventToQueue(queue, id, event);
    }
    expect(new Set(queue.order).size).toBe(50);
    const sorted = [...queue.order].sort((a, b) =>
      sortsBefore(queue.rows.get(a)!.summary, queue.rows.get(b)!.summary) ? -1 : 1,
    );
    expect(queue.order).toEqual(sorted);
  });
});
