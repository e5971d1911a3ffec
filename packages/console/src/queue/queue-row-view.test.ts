import { describe, expect, it } from 'vitest';
import { queueRowView } from './queue-row-view.js';
import { formatDuration } from './format-time.js';
import { agentAuthor, summary } from '../test-support/fixtures.js';

const MIN = 60_000;

describe('queue row view', () => {
  it('names anonymous visitors "Visitor" and shows how long a visitor has waited for an answer', () => {
    const view = queueRowView(
      summary('a', { lastSeq: 3, agentReadSeq: 1, lastMessage: { text: 'hello\n\nanyone?', at: 0, authorKind: 'visitor' } }),
      7 * MIN,
    );
    expect(view).toMatchObject({
      title: 'Visitor',
      channel: 'Web chat',
      preview: 'hello anyone?',
      timing: 'waiting 7 min',
      waiting: true,
      unread: true,
    });
  });

  it('does not call a conversation waiting when the agent had the last word or it is resolved', () => {
    const answered = queueRowView(
      summary('a', {
        visitor: { id: 'v', name: ' Kim ', email: null },
        assignee: agentAuthor,
        lastMessage: { text: 'done', at: 0, authorKind: 'agent' },
      }),
      2 * 60 * MIN,
    );
    expect(answered).toMatchObject({ title: 'Kim', timing: '2 h ago', waiting: false, unread: false, assignee: 'an' });
    const resolved = queueRowView(
      summary('a', { status: 'resolved', lastMessage: { text: 'thanks', at: 0, authorKind: 'visitor' } }),
      30_000,
    );
    expect(resolved).toMatchObject({ waiting: false, timing: 'just now' });
    expect(queueRowView(summary('b'), 0).preview).toBe('No messages yet');
  });

  it('formats durations compactly and never negative', () => {
    expect(formatDuration(-5000)).toBe('just now');
    expect(formatDuration(59 * MIN)).toBe('59 min');
    expect(formatDuration(26 * 60 * MIN)).toBe('1 d');
  });

  it('shows when an answer is due against the workspace target, and when it is overdue', () => {
    const waiting = summary('a', { waitingSince: 0, agentRepliedAt: null, lastMessage: { text: 'q', at: 0, authorKind: 'visitor' } });
    expect(queueRowView(waiting, 2 * MIN, { targetMs: 5 * MIN })).toMatchObject({ due: 'first reply due in 3 min', overdue: false });
    expect(queueRowView(waiting, 9 * MIN, { targetMs: 5 * MIN })).toMatchObject({ due: 'first reply overdue by 4 min', overdue: true });
    const again = { ...waiting, agentRepliedAt: -1 };
    expect(queueRowView(again, 1 * MIN, { targetMs: 5 * MIN }).due).toBe('reply due in 4 min');
    expect(queueRowView(waiting, MIN).due).toBeNull(); // no target known yet
    expect(queueRowView({ ...waiting, status: 'pending' }, MIN, { targetMs: 5 * MIN }).due).toBeNull();
  });

  it('names priority, team, escalation and the snooze time', () => {
    const view = queueRowView(
      summary('a', { priority: 'urgent', escalatedAt: 5, status: 'snoozed', snoozedUntil: 0, waitingSince: null }),
      0,
      { teamName: 'Recruiting' },
    );
    expect(view).toMatchObject({ priority: 'urgent', team: 'Recruiting', escalated: true, waiting: false });
    expect(view.timing).toMatch(/^until /);
    expect(queueRowView(summary('b'), 0).priority).toBeNull();
  });
});
