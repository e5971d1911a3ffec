/**
 * The one function that turns (state, action) into the next state. Frames are applied here so
 * the rules of the delivery contract — snapshot replaces, dedupe by seq, tolerate reordering,
 * resend by client id — live in one tested place rather than in components.
 */
import type { AgentServerFrame, ConversationEvent, MessageEvent, StatusEvent } from '@eyelevel/shared';
import type { ConsoleAction } from './console-actions.js';
import type { ConsoleState, Notice } from './console-state.js';
import {
  addEvents,
  addGap,
  emptyLog,
  hasSeq,
  noteKnownSeq,
  setSyncing,
  type ConversationLog,
} from './conversation-log.js';
import { ack, enqueue, fail, markSent, remove, retry, settleDelivered } from './outbox.js';
import {
  applyEventToQueue,
  applyReadToQueue,
  replaceQueue,
  upsertConversation,
  type QueueState,
} from './queue-state.js';
import { VIEWING_TTL_MS, expireTyping, setTyping } from './typing-state.js';
import { directoryFromFrame, withPresence } from './directory-state.js';
import { addMention, readMentionsOf } from './mention-state.js';
import { describeAuthor } from './describe-author.js';
import { addAlerts, describeAlert, dismissAlert } from './alert-state.js';

/** Notices beyond this many push the oldest out, so a misbehaving relay cannot flood the screen. */
const MAX_NOTICES = 5;

function withLog(
  state: ConsoleState,
  conversationId: string,
  change: (log: ConversationLog) => ConversationLog,
): ConsoleState {
  const log = state.logs.get(conversationId);
  if (!log) return state;
  const next = change(log);
  if (next === log) return state;
  const logs = new Map(state.logs);
  logs.set(conversationId, next);
  return { ...state, logs };
}

function addNotice(state: ConsoleState, code: Notice['code'], message: string): ConsoleState {
  const id = state.counter + 1;
  const notices = [...state.notices, { id, code, message }].slice(-MAX_NOTICES);
  return { ...state, notices, counter: id };
}

function announce(state: ConsoleState, text: string): ConsoleState {
  const id = state.counter + 1;
  return { ...state, announcement: { id, text }, counter: id };
}

function isSelf(state: ConsoleState, author: { kind: string; id: string | null }): boolean {
  return author.kind === 'agent' && author.id !== null && author.id === state.agent?.id;
}

/** The events of a page that could change its queue row: the newest message and status. */
function newestPerKind(events: readonly ConversationEvent[]): ConversationEvent[] {
  let message: MessageEvent | null = null;
  let status: StatusEvent | null = null;
  for (const event of events) {
    if (event.kind === 'message' && (!message || event.seq > message.seq)) message = event;
    if (event.kind === 'status' && (!status || event.seq > status.seq)) status = event;
  }
  return [message, status].filter((event): event is MessageEvent | StatusEvent => event !== null);
}

/** In a page: the oldest visitor message after the last agent message, if any. */
function oldestUnanswered(events: readonly ConversationEvent[]): number | undefined {
  let from: number | undefined;
  for (const event of events) {
    if (event.kind !== 'message') continue;
    if (event.author.kind === 'agent') from = undefined;
    else if (event.author.kind === 'visitor') from ??= event.at;
  }
  return from;
}

function applyEvents(
  state: ConsoleState,
  conversationId: string,
  events: readonly ConversationEvent[],
): ConsoleState {
  let queue: QueueState = state.queue;
  const waitingFrom = oldestUnanswered(events);
  for (const event of newestPerKind(events)) queue = applyEventToQueue(queue, conversationId, event, waitingFrom);
  const delivered = new Set<string>();
  for (const event of events) {
    // A reply a review policy held (issue 6) arrives as a draft under the send's client id.
    if ((event.kind === 'message' || event.kind === 'note' || event.kind === 'draft') && event.clientId !== null) {
      delivered.add(event.clientId);
    }
  }
  const next = withLog({ ...state, queue }, conversationId, (log) => addEvents(log, events));
  return { ...next, outbox: settleDelivered(next.outbox, delivered) };
}

function onWelcome(state: ConsoleState, frame: Extract<AgentServerFrame, { type: 'welcome' }>) {
  const queue = replaceQueue(frame.queue, frame.agent.role);
  // Whatever was in flight on the old socket is gone: every open log syncs again from where it
  // is complete, up to what the snapshot says exists.
  const logs = new Map<string, ConversationLog>();
  for (const [id, log] of state.logs) {
    logs.set(id, noteKnownSeq(setSyncing(log, false), queue.rows.get(id)?.summary.lastSeq ?? 0));
  }
  return {
    ...state,
    agent: frame.agent,
    queue,
    logs,
    typing: new Map(),
    viewers: new Map(),
    connection: { status: 'online' as const, epoch: state.connection.epoch + 1, retryAt: null },
  };
}

function onFrame(state: ConsoleState, frame: AgentServerFrame, now: number): ConsoleState {
  switch (frame.type) {
    case 'welcome':
      return onWelcome(state, frame);
    case 'event': {
      const { conversationId, event } = frame;
      let next = applyEvents(state, conversationId, [event]);
      if (event.kind === 'message') {
        next = { ...next, typing: setTyping(next.typing, conversationId, event.author, false, now) };
        if (conversationId === state.openId && !isSelf(state, event.author)) {
          next = announce(next, `${describeAuthor(event.author)}: ${event.text}`);
        }
      }
      return next;
    }
    case 'events': {
      const next = applyEvents(state, frame.conversationId, frame.events);
      return frame.more ? next : withLog(next, frame.conversationId, (log) => setSyncing(log, false));
    }
    case 'conversation': {
      const summary = frame.conversation;
      const isNew = !state.queue.rows.has(summary.id);
      let next: ConsoleState = { ...state, queue: upsertConversation(state.queue, summary) };
      next = withLog(next, summary.id, (log) => noteKnownSeq(log, summary.lastSeq));
      if (isNew) next = announce(next, `New conversation from ${summary.visitor.name ?? 'a visitor'}`);
      return next;
    }
    case 'ack': {
      const log = state.logs.get(frame.conversationId);
      const outbox = ack(state.outbox, frame.id, frame.seq, log ? hasSeq(log, frame.seq) : false);
      const next = { ...state, outbox };
      return withLog(next, frame.conversationId, (l) => noteKnownSeq(l, frame.seq));
    }
    case 'typing':
      if (isSelf(state, frame.author)) return state;
      return { ...state, typing: setTyping(state.typing, frame.conversationId, frame.author, frame.on, now) };
    case 'read':
      return { ...state, queue: applyReadToQueue(state.queue, frame.conversationId, 'visitor', frame.seq) };
    case 'gap':
      return withLog(state, frame.conversationId, (log) => addGap(log, frame.from, frame.to));
    case 'error': {
      const error = { code: frame.code, message: frame.message };
      const refused = frame.ref !== null ? state.outbox.get(frame.ref) : undefined;
      // A refused review (another reviewer won, the draft was superseded) is final, not retried:
      // the decision is dropped and the reason shown with the other notices.
      if (refused?.frame.type === 'review') {
        return addNotice({ ...state, outbox: remove(state.outbox, refused.id) }, frame.code, `Could not review the draft: ${frame.message}`);
      }
      if (refused?.frame.type === 'draft_resend') {
        return addNotice({ ...state, outbox: remove(state.outbox, refused.id) }, frame.code, `Could not answer for the draft: ${frame.message}`);
      }
      if (refused) {
        return { ...state, outbox: fail(state.outbox, refused.id, error) };
      }
      return addNotice(state, frame.code, frame.message);
    }
    case 'notification': {
      const next = { ...state, mentions: addMention(state.mentions, frame, now) };
      return announce(next, `${describeAuthor(frame.from)} mentioned you in a note`);
    }
    case 'directory':
      return { ...state, directory: directoryFromFrame(frame) };
    case 'review_settings': {
      const { type: _type, ...settings } = frame;
      const switched = state.reviewSettings !== null && state.reviewSettings.crisis.on !== settings.crisis.on;
      const next = { ...state, reviewSettings: settings };
      if (!switched) return next;
      return announce(next, settings.crisis.on ? 'Crisis mode is on: every public reply waits for a lead' : 'Crisis mode is off');
    }
    case 'presence': {
      const directory = state.directory && withPresence(state.directory, frame.agentId, frame.status);
      return directory === state.directory ? state : { ...state, directory };
    }
    case 'viewing':
      if (isSelf(state, frame.author)) return state;
      return { ...state, viewers: setTyping(state.viewers, frame.conversationId, frame.author, frame.on, now, VIEWING_TTL_MS) };
    case 'history': {
      let queue = state.queue;
      for (const summary of frame.conversations) queue = upsertConversation(queue, summary);
      const history = new Map(state.history);
      history.set(frame.conversationId, frame.conversations.map((summary) => summary.id));
      return { ...state, queue, history };
    }
    case 'alert': {
      const alerts = addAlerts(state.alerts, [frame.alert]);
      return alerts === state.alerts ? state : announce({ ...state, alerts }, describeAlert(frame.alert));
    }
    case 'alerts':
      return { ...state, alerts: addAlerts(state.alerts, frame.alerts) };
    case 'pong':
      return state;
  }
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'connection':
      return {
        ...state,
        connection: { ...state.connection, status: action.status, retryAt: action.retryAt },
      };
    case 'frame':
      return onFrame(state, action.frame, action.now);
    case 'badFrame':
      return addNotice(state, 'PROTOCOL', action.message);
    case 'sent': {
      const frame = action.frame;
      const epoch = state.connection.epoch;
      if (frame.type === 'sync') {
        return withLog(state, frame.conversationId, (log) => setSyncing(log, true));
      }
      if (frame.type === 'read') {
        return { ...state, queue: applyReadToQueue(state.queue, frame.conversationId, 'agent', frame.seq) };
      }
      if ('id' in frame) return { ...state, outbox: markSent(state.outbox, frame.id, epoch) };
      return state;
    }
    case 'open': {
      const id = action.conversationId;
      if (id === null) return { ...state, openId: id };
      const mentions = readMentionsOf(state.mentions, id);
      if (state.logs.has(id)) return { ...state, openId: id, mentions };
      const logs = new Map(state.logs);
      logs.set(id, noteKnownSeq(emptyLog, state.queue.rows.get(id)?.summary.lastSeq ?? 0));
      return { ...state, openId: id, logs, mentions };
    }
    case 'presence':
      return state.presence === action.status ? state : { ...state, presence: action.status };
    case 'enqueue':
      return { ...state, outbox: enqueue(state.outbox, action.entry) };
    case 'retry':
      return { ...state, outbox: retry(state.outbox, action.id) };
    case 'discard':
      return { ...state, outbox: remove(state.outbox, action.id) };
    case 'visible':
      return state.visible === action.visible ? state : { ...state, visible: action.visible };
    case 'tick': {
      const typing = expireTyping(state.typing, action.now);
      const viewers = expireTyping(state.viewers, action.now);
      return typing === state.typing && viewers === state.viewers ? state : { ...state, typing, viewers };
    }
    case 'dismissNotice':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'dismissAlert':
      return { ...state, alerts: dismissAlert(state.alerts, action.id) };
  }
}
