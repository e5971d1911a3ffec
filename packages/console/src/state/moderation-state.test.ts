import { describe, expect, it } from 'vitest';
import type { ConversationEvent, ModerationEvent } from '@eyelevel/shared';
import { moderationState } from './moderation-state.js';
import { agentAuthor, message } from '../test-support/fixtures.js';

const mod = (seq: number, action: ModerationEvent['action'], targetSeq: number | null, note = 'why'): ModerationEvent => ({
  kind: 'moderation', seq, at: 1000 + seq, author: agentAuthor, action, targetSeq, note, clientId: null,
});

describe('moderation state, read from the log', () => {
  it('marks hidden and deleted entries with who and why; unhiding lifts a hide, never a delete', () => {
    const log: ConversationEvent[] = [message(1, 'a'), message(2, 'b'), mod(3, 'hidden', 1, 'insult'), mod(4, 'deleted', 2, 'defamatory'), mod(5, 'unhidden', 1), mod(6, 'unhidden', 2)];
    const state = moderationState(log);
    expect(state.entries.has(1)).toBe(false);
    expect(state.entries.get(2)).toEqual({ state: 'deleted', by: 'Ana Nowak', reason: 'defamatory' });
  });

  it('follows blocks and unblocks in order', () => {
    expect(moderationState([mod(1, 'blocked', null)]).blocked).toBe(true);
    expect(moderationState([mod(1, 'blocked', null), mod(2, 'unblocked', null)]).blocked).toBe(false);
    expect(moderationState([]).blocked).toBe(false);
  });
});
