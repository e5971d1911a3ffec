import { describe, expect, it } from 'vitest';
import { replaceQueue, applyEventToQueue } from './queue-state.js';
import { waitingSinceOf } from './queue-order.js';
import { agentAuthor, message, statusEvent, summary } from '../test-support/fixtures.js';

const waiting = (at: number) => ({ waitingSince: at, lastMessage: { text: 'q', at, authorKind: 'visitor' } });

describe('queue order: what needs an answer first', () => {
  it('puts waiting visitors first (urgent before normal, longest wait first), then the rest by state', () => {
    const queue = replaceQueue([
      summary('resolved', { status: 'resolved', updatedAt: 9000 }),
      summary('answered', { updatedAt: 8000, waitingSince: null }),
      summary('pending', { status: 'pending', updatedAt: 9500 }),
      summary('snoozed-late', { status: 'snoozed', snoozedUntil: 7000 }),
      summary('snoozed-soon', { status: 'snoozed', snoozedUntil: 6000 }),
      summary('waiting-new', { updatedAt: 5000, ...waiting(5000) }),
      summary('waiting-old', { updatedAt: 4000, ...waiting(1000) }),
      summary('urgent-new', { updatedAt: 5500, priority: 'urgent', ...waiting(5500) }),
      summary('low-old', { updatedAt: 100, priority: 'low', ...waiting(100) }),
    ]);
    expect(queue.order).toEqual([
      'urgent-new',
      'waiting-old',
      'waiting-new',
      'low-old',
      'answered',
      'pending',
      'snoozed-soon',
      'snoozed-late',
      'resolved',
    ]);
  });

  it('falls back to the last message when a relay sends no waitingSince', () => {
    const old = summary('x', { lastMessage: { text: 'q', at: 42, authorKind: 'visitor' } });
    delete (old as { waitingSince?: unknown }).waitingSince;
    expect(waitingSinceOf(old)).toBe(42);
    expect(waitingSinceOf({ ...old, status: 'resolved' })).toBeNull();
  });

  it('starts the wait at the first unanswered message and ends it with a reply', () => {
    let queue = replaceQueue([summary('a', { lastSeq: 1 }), summary('b', { lastSeq: 1, updatedAt: 1, ...waiting(500) })]);
    queue = applyEventToQueue(queue, 'a', message(2, 'hello', { at: 1000 }));
    queue = applyEventToQueue(queue, 'a', message(3, 'anyone?', { at: 2000 }));
    expect(queue.rows.get('a')?.summary.waitingSince).toBe(1000);
    expect(queue.order).toEqual(['b', 'a']);
    queue = applyEventToQueue(queue, 'a', message(4, 'Yes!', { at: 3000, author: agentAuthor }));
    expect(queue.rows.get('a')?.summary).toMatchObject({ waitingSince: null, agentRepliedAt: 3000 });
    queue = applyEventToQueue(queue, 'b', statusEvent(2, { change: 'prioritized', status: 'open', priority: 'low' }));
    expect(queue.rows.get('b')?.summary.priority).toBe('low');
    queue = applyEventToQueue(queue, 'b', statusEvent(3, { change: 'snoozed', status: 'snoozed', snoozedUntil: 9999 }));
    expect(queue.rows.get('b')?.summary).toMatchObject({ status: 'snoozed', snoozedUntil: 9999 });
    expect(queue.order).toEqual(['a', 'b']);
    queue = applyEventToQueue(queue, 'b', statusEvent(4, { change: 'woke', status: 'open' }));
    expect(queue.rows.get('b')?.summary).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(queue.order).toEqual(['b', 'a']);
  });
});

describe('queue order for leads: escalations first (issue 6)', () => {
  const rows = () => [
    summary('waiting', { updatedAt: 4000, ...waiting(1000) }),
    summary('escalated-late', { updatedAt: 3000, escalatedAt: 3000 }),
    summary('escalated-early', { updatedAt: 2000, escalatedAt: 2000, status: 'pending' }),
    summary('decided', { updatedAt: 2500, escalatedAt: 1500, escalationDecidedAt: 1800 }),
    summary('escalated-resolved', { status: 'resolved', updatedAt: 9000, escalatedAt: 900 }),
  ];

  it('pins undecided escalations on top for leads and admins, longest waiting first', () => {
    for (const role of ['lead', 'admin'] as const) {
      expect(replaceQueue(rows(), role).order).toEqual(['escalated-early', 'escalated-late', 'waiting', 'decided', 'escalated-resolved']);
    }
  });

  it('keeps them in their usual place for agents', () => {
    expect(replaceQueue(rows(), 'agent').order).toEqual(['waiting', 'escalated-late', 'decided', 'escalated-early', 'escalated-resolved']);
  });

  it('moves a row up when it is escalated and back down once a lead decides it', () => {
    let queue = replaceQueue([summary('waiting', { updatedAt: 4000, ...waiting(1000) }), summary('quiet', { updatedAt: 3000 })], 'lead');
    queue = applyEventToQueue(queue, 'quiet', statusEvent(2, { at: 5000, change: 'escalated', status: 'open', note: 'help' }));
    expect(queue.order).toEqual(['quiet', 'waiting']);
    queue = applyEventToQueue(queue, 'quiet', statusEvent(3, { at: 6000, change: 'decided', status: 'open', note: 'ok', decisionMs: 1000 }));
    expect(queue.rows.get('quiet')!.summary.escalationDecidedAt).toBe(6000);
    expect(queue.order).toEqual(['waiting', 'quiet']);
  });
});
