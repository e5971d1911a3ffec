import { describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '@eyelevel/shared';
import { consoleReducer } from './console-reducer.js';
import type { ConsoleAction } from './console-actions.js';
import { initialState, type ConsoleState } from './console-state.js';
import { planFrames } from './plan-frames.js';
import { newEntry } from './outbox.js';
import { agent, agentAuthor, message, otherAgentAuthor, summary, visitorAuthor } from '../test-support/fixtures.js';

const welcome = (queue = [summary('a', { lastSeq: 2 })]): AgentServerFrame => ({
  type: 'welcome',
  v: 1,
  agent,
  queue,
});

function run(...actions: ConsoleAction[]): ConsoleState {
  return actions.reduce(consoleReducer, initialState(agent));
}

const frame = (f: AgentServerFrame, now = 5000): ConsoleAction => ({ type: 'frame', frame: f, now });
const enqueueMessage = (id: string, text: string, conversationId = 'a'): ConsoleAction => ({
  type: 'enqueue',
  entry: newEntry({ type: 'send', conversationId, id, text }, 1),
});

/** Applies what the planner asks for as if the socket took every frame. */
function flush(state: ConsoleState): [ConsoleState, ReturnType<typeof planFrames>] {
  const frames = planFrames(state);
  return [frames.reduce((s, f) => consoleReducer(s, { type: 'sent', frame: f }), state), frames];
}

describe('console reducer', () => {
  it('goes online on welcome and takes the snapshot as the queue', () => {
    const state = run(frame(welcome([summary('a'), summary('b')])));
    expect(state.connection).toMatchObject({ status: 'online', epoch: 1 });
    expect(state.queue.order.length).toBe(2);
  });

  it('replaces the queue on a reconnect snapshot and resyncs open conversations from where they are complete', () => {
    let state = run(frame(welcome()), { type: 'open', conversationId: 'a' });
    let frames;
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'sync', conversationId: 'a', afterSeq: 0 });
    state = consoleReducer(state, frame({ type: 'events', conversationId: 'a', events: [message(1, 'x'), message(2, 'y')], more: false }));
    // Line drops, the relay has moved on to seq 4 meanwhile.
    state = consoleReducer(state, { type: 'connection', status: 'offline', retryAt: 9 });
    expect(planFrames(state)).toEqual([]);
    state = consoleReducer(state, frame(welcome([summary('a', { lastSeq: 4 }), summary('n')])));
    expect(state.queue.order).toContain('n');
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'sync', conversationId: 'a', afterSeq: 2 });
    expect(state.connection.epoch).toBe(2);
  });

  it('puts live events into the open log and the queue row, deduplicated', () => {
    let state = run(frame(welcome([summary('a')])), { type: 'open', conversationId: 'a' });
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'hello') }));
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'hello') }));
    expect(state.logs.get('a')?.events.length).toBe(1);
    expect(state.queue.rows.get('a')?.summary.lastMessage?.text).toBe('hello');
  });

  it('does not keep logs of conversations nobody opened', () => {
    const state = run(frame(welcome([summary('a')])), frame({ type: 'event', conversationId: 'a', event: message(1, 'x') }));
    expect(state.logs.size).toBe(0);
    expect(state.queue.rows.get('a')?.summary.lastSeq).toBe(1);
  });

  it('keeps syncing until the last page arrives, then asks for what is still missing', () => {
    let state = run(frame(welcome([summary('a', { lastSeq: 3 })])), { type: 'open', conversationId: 'a' });
    [state] = flush(state);
    state = consoleReducer(state, frame({ type: 'events', conversationId: 'a', events: [message(1, 'a')], more: true }));
    expect(planFrames(state).filter((f) => f.type === 'sync')).toEqual([]);
    state = consoleReducer(state, frame({ type: 'events', conversationId: 'a', events: [message(2, 'b')], more: false }));
    expect(planFrames(state).filter((f) => f.type === 'sync')).toEqual([{ type: 'sync', conversationId: 'a', afterSeq: 2 }]);
  });

  it('holds an out-of-order live event and syncs the hole before it', () => {
    let state = run(frame(welcome([summary('a', { lastSeq: 1 })])), { type: 'open', conversationId: 'a' });
    [state] = flush(state);
    state = consoleReducer(state, frame({ type: 'events', conversationId: 'a', events: [message(1, 'a')], more: false }));
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(3, 'c') }));
    expect(state.logs.get('a')?.events.map((e) => e.seq)).toEqual([1, 3]);
    const [, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'sync', conversationId: 'a', afterSeq: 1 });
  });

  it('sends a reply once per connection and resends it with the same id after a reconnect', () => {
    let state = run(frame(welcome()), { type: 'open', conversationId: 'a' }, enqueueMessage('m1', 'on it'));
    let frames;
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'send', conversationId: 'a', id: 'm1', text: 'on it' });
    [state, frames] = flush(state);
    expect(frames.filter((f) => f.type === 'send')).toEqual([]);
    state = consoleReducer(state, { type: 'connection', status: 'offline', retryAt: null });
    state = consoleReducer(state, frame(welcome()));
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'send', conversationId: 'a', id: 'm1', text: 'on it' });
  });

  it('keeps a reply pending until acked, then until its event is in the log', () => {
    let state = run(frame(welcome([summary('a')])), { type: 'open', conversationId: 'a' }, enqueueMessage('m1', 'hi'));
    [state] = flush(state);
    state = consoleReducer(state, frame({ type: 'ack', id: 'm1', seq: 1, at: 9, conversationId: 'a' }));
    expect(state.outbox.get('m1')).toMatchObject({ state: 'acked', seq: 1 });
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'hi', { author: agentAuthor, clientId: 'm1' }) }));
    expect(state.outbox.size).toBe(0);
  });

  it('drops the outbox entry at once when the event came before the ack', () => {
    let state = run(frame(welcome([summary('a')])), { type: 'open', conversationId: 'a' }, enqueueMessage('m1', 'hi'));
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'hi', { author: agentAuthor, clientId: 'm1' }) }));
    state = consoleReducer(state, frame({ type: 'ack', id: 'm1', seq: 1, at: 9, conversationId: 'a' }));
    expect(state.outbox.size).toBe(0);
  });

  it('marks a reply failed on an error frame that names it, and shows other errors as notices', () => {
    let state = run(frame(welcome()), enqueueMessage('m1', 'x'));
    state = consoleReducer(state, frame({ type: 'error', code: 'MESSAGE_TOO_LONG', message: 'too long', ref: 'm1' }));
    expect(state.outbox.get('m1')).toMatchObject({ state: 'failed', error: { code: 'MESSAGE_TOO_LONG' } });
    expect(planFrames(state).filter((f) => f.type === 'send')).toEqual([]);
    state = consoleReducer(state, { type: 'retry', id: 'm1' });
    expect(planFrames(state)).toContainEqual({ type: 'send', conversationId: 'a', id: 'm1', text: 'x' });
    state = consoleReducer(state, frame({ type: 'error', code: 'RATE_LIMITED', message: 'slow down', ref: null }));
    expect(state.notices).toEqual([{ id: expect.any(Number), code: 'RATE_LIMITED', message: 'slow down' }]);
    state = consoleReducer(state, { type: 'dismissNotice', id: state.notices[0]!.id });
    expect(state.notices).toEqual([]);
  });

  it('marks the open conversation read only while the tab is visible', () => {
    let state = run(frame(welcome([summary('a', { lastSeq: 1 })])), { type: 'open', conversationId: 'a' }, { type: 'visible', visible: false });
    state = consoleReducer(state, frame({ type: 'events', conversationId: 'a', events: [message(1, 'x')], more: false }));
    expect(planFrames(state).filter((f) => f.type === 'read')).toEqual([]);
    state = consoleReducer(state, { type: 'visible', visible: true });
    let frames;
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'read', conversationId: 'a', seq: 1 });
    expect(state.queue.rows.get('a')?.summary.agentReadSeq).toBe(1);
    [, frames] = flush(state);
    expect(frames).toEqual([]);
  });

  it('shows others typing, never the agent themself, and forgets typing on their message or after a while', () => {
    let state = run(frame(welcome([summary('a')])));
    state = consoleReducer(state, frame({ type: 'typing', conversationId: 'a', on: true, author: agentAuthor }));
    expect(state.typing.size).toBe(0);
    state = consoleReducer(state, frame({ type: 'typing', conversationId: 'a', on: true, author: visitorAuthor }, 1000));
    state = consoleReducer(state, frame({ type: 'typing', conversationId: 'a', on: true, author: otherAgentAuthor }, 1000));
    expect(state.typing.get('a')?.length).toBe(2);
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'x') }, 2000));
    expect(state.typing.get('a')?.map((t) => t.author.id)).toEqual(['agent_2']);
    state = consoleReducer(state, { type: 'tick', now: 60_000 });
    expect(state.typing.size).toBe(0);
  });

  it('records the visitor read mark and reported gaps', () => {
    let state = run(frame(welcome([summary('a', { lastSeq: 9 })])), { type: 'open', conversationId: 'a' });
    state = consoleReducer(state, frame({ type: 'read', conversationId: 'a', seq: 7 }));
    expect(state.queue.rows.get('a')?.summary.visitorReadSeq).toBe(7);
    state = consoleReducer(state, frame({ type: 'gap', conversationId: 'a', from: 1, to: 9 }));
    expect(state.logs.get('a')?.contiguousSeq).toBe(9);
  });

  it('announces messages from others in the open conversation and new conversations', () => {
    let state = run(frame(welcome([summary('a')])), { type: 'open', conversationId: 'a' });
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(1, 'Where is my order?') }));
    expect(state.announcement?.text).toBe('Visitor: Where is my order?');
    const before = state.announcement;
    state = consoleReducer(state, frame({ type: 'event', conversationId: 'a', event: message(2, 'mine', { author: agentAuthor }) }));
    expect(state.announcement).toBe(before);
    state = consoleReducer(state, frame({ type: 'conversation', conversation: summary('b', { visitor: { id: 'v', name: 'Kim', email: null } }) }));
    expect(state.announcement?.text).toBe('New conversation from Kim');
  });

  it('sends a status change and clears it on its ack', () => {
    let state = run(frame(welcome([summary('a')])), {
      type: 'enqueue',
      entry: newEntry({ type: 'status', conversationId: 'a', id: 's1', status: 'resolved' }, 1),
    });
    let frames;
    [state, frames] = flush(state);
    expect(frames).toContainEqual({ type: 'status', conversationId: 'a', id: 's1', status: 'resolved' });
    state = consoleReducer(state, frame({ type: 'ack', id: 's1', seq: 1, at: 1, conversationId: 'a' }));
    expect(state.outbox.size).toBe(0);
  });

  it('keeps the directory, follows colleagues\' presence and who is viewing, and expires viewers', () => {
    let state = run(frame(welcome()));
    state = consoleReducer(state, frame({
      type: 'directory',
      workspace: { id: 'ws_1', name: 'Acme', firstResponseTargetMs: 300_000 },
      teams: [{ id: 't1', slug: 'support', name: 'Support' }],
      agents: [{ id: 'agent_2', name: 'Ben Ortiz', initials: 'bo', avatarUrl: null, role: 'agent', presence: 'online', teamIds: ['t1'], capacity: 5 }],
      cannedReplies: [],
    }));
    expect(state.directory?.teams[0]?.name).toBe('Support');
    state = consoleReducer(state, frame({ type: 'presence', agentId: 'agent_2', status: 'away' }));
    expect(state.directory?.agents.get('agent_2')?.presence).toBe('away');
    state = consoleReducer(state, frame({ type: 'viewing', conversationId: 'a', author: otherAgentAuthor, on: true }, 1000));
    state = consoleReducer(state, frame({ type: 'viewing', conversationId: 'a', author: agentAuthor, on: true }, 1000));
    expect(state.viewers.get('a')?.map((v) => v.author.id)).toEqual(['agent_2']);
    state = consoleReducer(state, { type: 'tick', now: 1000 + 80_000 });
    expect(state.viewers.get('a')).toBeUndefined();
  });

  it('lists mentions until their conversation is opened, and files history rows into the queue', () => {
    let state = run(frame(welcome()));
    state = consoleReducer(state, frame({ type: 'notification', kind: 'mention', conversationId: 'a', seq: 3, from: otherAgentAuthor }));
    state = consoleReducer(state, frame({ type: 'notification', kind: 'mention', conversationId: 'a', seq: 3, from: otherAgentAuthor }));
    expect(state.mentions).toHaveLength(1);
    expect(state.announcement?.text).toBe('Ben Ortiz mentioned you in a note');
    state = consoleReducer(state, { type: 'open', conversationId: 'a' });
    expect(state.mentions[0]?.read).toBe(true);
    state = consoleReducer(state, frame({ type: 'history', conversationId: 'a', conversations: [summary('old', { status: 'resolved' })] }));
    expect(state.history.get('a')).toEqual(['old']);
    expect(state.queue.rows.get('old')?.summary.status).toBe('resolved');
  });
});
