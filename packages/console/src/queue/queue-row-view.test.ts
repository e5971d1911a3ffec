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
});
