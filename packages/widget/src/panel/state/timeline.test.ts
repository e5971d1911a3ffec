import { describe, expect, it } from 'vitest';
import type { Author, ConversationEvent } from '@eyelevel/shared';
import { addEvent, initialState } from './chat-state.js';
import { buildTimeline } from './timeline.js';
import { en } from '../../i18n/strings.js';

const team: Author = { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null };
const visitor: Author = { kind: 'visitor', id: 'v1', name: null, initials: null, avatarUrl: null, role: null };
const message = (seq: number, text: string): ConversationEvent => ({ kind: 'message', seq, at: seq, author: visitor, text, clientId: null });
const moderation = (seq: number, action: 'hidden' | 'unhidden' | 'deleted', targetSeq: number): ConversationEvent => ({
  kind: 'moderation', seq, at: seq, author: team, action, targetSeq, note: null, clientId: null,
});

describe('timeline: messages the team removed (issue 6)', () => {
  it('replaces a hidden or deleted message with a line saying so, and brings back an unhidden one', () => {
    let state = initialState();
    for (const event of [message(1, 'first'), message(2, 'rude'), message(3, 'worse'), moderation(4, 'hidden', 2), moderation(5, 'deleted', 3)]) state = addEvent(state, event);
    const texts = () => buildTimeline(state, en).map((row) => row.text);
    expect(texts()).toEqual(['first', en.removed, en.removed]);
    state = addEvent(state, moderation(6, 'unhidden', 2));
    // A deletion is for good, even if an unhide follows it.
    state = addEvent(state, moderation(7, 'unhidden', 3));
    expect(texts()).toEqual(['first', 'rude', en.removed]);
  });
});
