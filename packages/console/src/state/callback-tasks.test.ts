import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@eyelevel/shared';
import { callbackTasks } from './callback-tasks.js';
import { agentAuthor, statusEvent, visitorAuthor } from '../test-support/fixtures.js';

const request = (seq: number, phone: string): ConversationEvent => ({
  kind: 'callback',
  seq,
  at: 1000 + seq,
  author: visitorAuthor,
  phone,
  preferredTime: 'after 5 pm',
  note: null,
  clientId: `cb-${seq}`,
});

describe('callback tasks from the log', () => {
  it('follows each request from open to taken to done, by its seq', () => {
    const events: ConversationEvent[] = [
      request(2, '+49 30 1234567'),
      request(3, '+43 1 7654321'),
      statusEvent(4, { change: 'callback_taken', status: 'open', callback: { requestSeq: 2, outcome: null } }),
      statusEvent(5, { change: 'callback_done', status: 'open', callback: { requestSeq: 2, outcome: 'reached' } }),
      statusEvent(6, { change: 'callback_taken', status: 'open', callback: { requestSeq: 99, outcome: null } }),
    ];
    const [first, second] = callbackTasks(events);
    expect(first).toMatchObject({ requestSeq: 2, phone: '+49 30 1234567', state: 'done', outcome: 'reached', takenBy: agentAuthor, doneBy: agentAuthor });
    expect(second).toMatchObject({ requestSeq: 3, preferredTime: 'after 5 pm', state: 'open', takenBy: null });
    expect(callbackTasks(events)).toHaveLength(2);
  });
});
