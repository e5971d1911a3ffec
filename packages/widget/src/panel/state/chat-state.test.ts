import { describe, expect, it } from 'vitest';
import type { Author, ConversationEvent } from '@eyelevel/shared';
import { ackPending, addEvent, addGap, addPending, initialState, unreadCount } from './chat-state.js';

const agent: Author = { kind: 'agent', id: 'a1', name: 'Anna Nowak', initials: 'an', avatarUrl: null, role: 'agent' };
const visitor: Author = { kind: 'visitor', id: 'v1', name: null, initials: null, avatarUrl: null, role: null };

const message = (seq: number, author: Author, text = `m${seq}`, clientId: string | null = null): ConversationEvent => ({
  kind: 'message',
  seq,
  at: 1000 + seq,
  author,
  text,
  clientId,
});

describe('chat state', () => {
  it('drops a seq it already has (replay after reconnect, another tab)', () => {
    const once = addEvent(initialState(), message(1, agent));
    expect(addEvent(once, message(1, agent, 'again'))).toBe(once);
  });

  it('advances lastSeq only over a gap-free run, so resuming from it never skips', () => {
    let state = addEvent(initialState(), message(1, agent));
    state = addEvent(state, message(3, agent));
    expect(state.lastSeq).toBe(1);
    state = addEvent(state, message(2, agent));
    expect(state.lastSeq).toBe(3);
    expect(state.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('advances over entries the visitor may not see (internal notes), so resume is not stuck', () => {
    let state = addEvent(initialState(), message(1, agent));
    state = addEvent(state, { kind: 'internal', seq: 2, at: 2, author: agent });
    state = addEvent(state, message(3, agent));
    expect(state.lastSeq).toBe(3);
    expect(unreadCount(state)).toBe(2);
  });

  it('treats a gap reported by the relay as complete, so resume does not ask again forever', () => {
    let state = addEvent(initialState(), message(1, agent));
    state = addEvent(state, message(5, agent));
    state = addGap(state, { from: 2, to: 4 });
    expect(state.lastSeq).toBe(5);
  });

  it('settles a pending message by its client id when its event arrives', () => {
    let state = addPending(initialState(), { id: 'c1', text: 'hi', at: 1 });
    state = ackPending(state, 'c1', 1);
    expect(state.pending).toMatchObject([{ id: 'c1', state: 'sent', seq: 1 }]);
    state = addEvent(state, message(1, visitor, 'hi', 'c1'));
    expect(state.pending).toEqual([]);
  });

  it('an event that overtakes its ack leaves nothing pending', () => {
    let state = addPending(initialState(), { id: 'c1', text: 'hi', at: 1 });
    state = addEvent(state, message(1, visitor, 'hi', 'c1'));
    state = ackPending(state, 'c1', 1);
    expect(state.pending).toEqual([]);
  });

  it('counts only agent messages after what the visitor has read as unread', () => {
    let state = initialState(1);
    for (const event of [message(1, agent), message(2, visitor), message(3, agent), message(4, agent)]) {
      state = addEvent(state, event);
    }
    expect(unreadCount(state)).toBe(2);
  });
});
