/**
 * The conversation as the panel shows it, and the pure functions that change it. Events are
 * kept by sequence number: a seq seen twice (replay after reconnect, a second tab) is dropped,
 * and `lastSeq` only advances over a gap-free run, so it is always safe to resume from.
 */
import type { Author, ConversationEvent, VisitorServerFrame } from '@eyelevel/shared';
import type { OutboxEntry } from '../transport/session-store.js';

export type Connection = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'failed';

export interface PendingMessage extends OutboxEntry {
  state: 'sending' | 'sent' | 'failed';
  /** Set by the ack; the event with this seq replaces the pending entry. */
  seq?: number;
  error?: string;
}

/** An action other than a message on its way (or refused): pre-chat answers, callback, rating. */
export interface PendingAction {
  id: string;
  frame: NonNullable<OutboxEntry['frame']>;
  state: 'sending' | 'failed';
  error?: string;
}

export interface Gap {
  from: number;
  to: number;
}

export interface ChatState {
  connection: Connection;
  siteName: string;
  conversationId: string | null;
  events: ConversationEvent[];
  pending: PendingMessage[];
  actions: PendingAction[];
  /** Highest seq up to which the log is complete (events or reported gaps). */
  lastSeq: number;
  /** Highest seq the agents have read (read receipts for the visitor's messages). */
  agentReadSeq: number;
  /** Highest seq the visitor has seen with the panel open. */
  readSeq: number;
  typing: Author | null;
  gaps: Gap[];
  error: { code: string; message: string } | null;
  /** The team the page's context named (careers: the recruiters), to show who answers. */
  team: { name: string; members: Author[] } | null;
  /** Whether the relay verified the host site's identity; null before welcome or from old relays. */
  verified: boolean | null;
  /** The site's pre-chat form, from welcome; null when it has none. */
  prechat: PrechatConfig | null;
  /** Can agents answer live (business hours, presence)? Null until the relay said so. */
  availability: { online: boolean; nextOpenAt?: number } | null;
}

export type PrechatConfig = NonNullable<Extract<VisitorServerFrame, { type: 'welcome' }>['site']['prechat']>;

export const initialState = (readSeq = 0): ChatState => ({
  connection: 'idle',
  siteName: '',
  conversationId: null,
  events: [],
  pending: [],
  actions: [],
  lastSeq: 0,
  agentReadSeq: 0,
  readSeq,
  typing: null,
  gaps: [],
  error: null,
  team: null,
  verified: null,
  prechat: null,
  availability: null,
});

function advance(state: ChatState): number {
  let last = state.lastSeq;
  const seqs = new Set(state.events.map((e) => e.seq));
  for (;;) {
    if (seqs.has(last + 1)) last++;
    else {
      const gap = state.gaps.find((g) => g.from <= last + 1 && g.to > last);
      if (!gap) return last;
      last = gap.to;
    }
  }
}

/** Add an event unless its seq is already known; a message event settles its pending entry. */
export function addEvent(state: ChatState, event: ConversationEvent): ChatState {
  if (state.events.some((e) => e.seq === event.seq)) return state;
  const events = [...state.events, event].sort((a, b) => a.seq - b.seq);
  const clientId = event.kind === 'message' ? event.clientId : null;
  const pending = state.pending.filter((p) => p.id !== clientId && p.seq !== event.seq);
  const actionId = event.author.kind === 'visitor' && 'clientId' in event ? event.clientId : null;
  const actions = actionId ? state.actions.filter((a) => a.id !== actionId) : state.actions;
  // An agent who writes has stopped typing.
  const typing = event.author.kind !== 'visitor' && event.kind === 'message' ? null : state.typing;
  const next = { ...state, events, pending, actions, typing };
  return { ...next, lastSeq: advance(next) };
}

export function addGap(state: ChatState, gap: Gap): ChatState {
  const next = { ...state, gaps: [...state.gaps, gap] };
  return { ...next, lastSeq: advance(next) };
}

export function addPending(state: ChatState, entry: OutboxEntry): ChatState {
  if (entry.frame) {
    if (state.actions.some((a) => a.id === entry.id)) return state;
    return { ...state, actions: [...state.actions, { id: entry.id, frame: entry.frame, state: 'sending' }] };
  }
  if (state.pending.some((p) => p.id === entry.id)) return state;
  return { ...state, pending: [...state.pending, { ...entry, state: 'sending' }] };
}

export function ackPending(state: ChatState, id: string, seq: number): ChatState {
  if (state.actions.some((a) => a.id === id)) return { ...state, actions: state.actions.filter((a) => a.id !== id) };
  // The event may already be here (it can overtake the ack); then there is nothing pending.
  if (state.events.some((e) => e.seq === seq)) {
    return { ...state, pending: state.pending.filter((p) => p.id !== id) };
  }
  return {
    ...state,
    pending: state.pending.map((p) => (p.id === id ? { ...p, state: 'sent', seq } : p)),
  };
}

export function failPending(state: ChatState, id: string, error: string): ChatState {
  return {
    ...state,
    actions: state.actions.map((a) => (a.id === id ? { ...a, state: 'failed', error } : a)),
    pending: state.pending.map((p) => (p.id === id ? { ...p, state: 'failed', error } : p)),
  };
}

export function retryPending(state: ChatState, id: string): ChatState {
  return {
    ...state,
    pending: state.pending.map((p) => (p.id === id ? { id: p.id, text: p.text, at: p.at, state: 'sending' } : p)),
  };
}

/** Agent-written messages the visitor has not seen yet. */
export function unreadCount(state: ChatState): number {
  return state.events.filter(
    (e) => e.kind === 'message' && e.author.kind !== 'visitor' && e.seq > state.readSeq,
  ).length;
}

export function highestSeq(state: ChatState): number {
  return state.events.length ? state.events[state.events.length - 1]!.seq : 0;
}
