import { describe, expect, it } from 'vitest';
import { describeStatusEvent } from './describe-status.js';
import { authorInitials, describeAuthor } from '../state/describe-author.js';
import { agentAuthor, otherAgentAuthor, statusEvent, visitorAuthor } from '../test-support/fixtures.js';

describe('status lines and author names', () => {
  it('says who did what', () => {
    expect(describeStatusEvent(statusEvent(1, { change: 'assigned', assignee: agentAuthor }))).toBe('Ana Nowak took the conversation');
    expect(describeStatusEvent(statusEvent(1, { change: 'assigned', assignee: otherAgentAuthor }))).toBe('Ana Nowak assigned it to Ben Ortiz');
    expect(describeStatusEvent(statusEvent(1, { change: 'resolved' }))).toBe('Ana Nowak resolved the conversation');
    expect(describeStatusEvent(statusEvent(1, { change: 'reopened', status: 'open' }))).toBe('Ana Nowak reopened the conversation');
    expect(describeStatusEvent(statusEvent(1, { change: 'opened', status: 'open', author: visitorAuthor }))).toBe('Conversation started');
  });

  it('falls back to a role name and derives initials when the relay has none', () => {
    expect(describeAuthor(visitorAuthor)).toBe('Visitor');
    expect(authorInitials(visitorAuthor)).toBe('V');
    expect(authorInitials({ kind: 'visitor', name: 'maria de la cruz', initials: null })).toBe('MC');
    expect(authorInitials(agentAuthor)).toBe('an');
  });
});
