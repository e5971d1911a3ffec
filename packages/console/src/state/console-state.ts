/**
 * The whole client-side state of a signed-in console, as one immutable value. Components read
 * it; only the reducer makes a new one. Keeping it plain data (no sockets, no timers) is what
 * lets the frame logic be tested without a browser or a relay.
 */
import type { AgentProfile, ErrorCode, PresenceStatus, ReviewSettingsFrame } from '@eyelevel/shared';
import type { Directory } from './directory-state.js';
import type { Mention } from './mention-state.js';
import type { ConversationLog } from './conversation-log.js';
import { emptyOutbox, type Outbox } from './outbox.js';
import { emptyQueue, type QueueState } from './queue-state.js';
import { emptyTyping, type TypingState } from './typing-state.js';
import { emptyAlerts, type AlertState } from './alert-state.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionInfo {
  readonly status: ConnectionStatus;
  /** Incremented on every welcome; outbox entries sent on an older epoch are sent again. */
  readonly epoch: number;
  /** When the next reconnect attempt is due, while offline. */
  readonly retryAt: number | null;
}

/** An error the relay reported that belongs to no particular reply. */
export interface Notice {
  readonly id: number;
  readonly code: ErrorCode | 'PROTOCOL';
  readonly message: string;
}

/** Text for the polite live region; the id changes so repeating the same text is announced. */
export interface Announcement {
  readonly id: number;
  readonly text: string;
}

export interface ConsoleState {
  readonly agent: AgentProfile | null;
  readonly connection: ConnectionInfo;
  readonly queue: QueueState;
  /** Logs of the conversations opened in this session, kept in sync across reconnects. */
  readonly logs: ReadonlyMap<string, ConversationLog>;
  readonly outbox: Outbox;
  readonly typing: TypingState;
  /** Colleagues who have a conversation on screen (collision), expiring like typing. */
  readonly viewers: TypingState;
  /** Colleagues, teams, canned replies, targets; null until the first `directory` frame. */
  readonly directory: Directory | null;
  /** Crisis mode, holding statement, draft lifetime (issue 6); null until the relay sends them. */
  readonly reviewSettings: Omit<ReviewSettingsFrame, 'type'> | null;
  /** The presence this agent chose; the relay makes a freshly connected console online. */
  readonly presence: PresenceStatus;
  readonly mentions: readonly Mention[];
  /** Spike alerts of the workspace (issue 6). */
  readonly alerts: AlertState;
  /** For a conversation: ids of its visitor's other conversations (rows are in the queue). */
  readonly history: ReadonlyMap<string, readonly string[]>;
  readonly openId: string | null;
  /** The tab is visible and focused, so an open conversation counts as read. */
  readonly visible: boolean;
  readonly notices: readonly Notice[];
  readonly announcement: Announcement | null;
  /** Source of ids for notices and announcements. */
  readonly counter: number;
}

export function initialState(agent: AgentProfile | null = null): ConsoleState {
  return {
    agent,
    connection: { status: 'connecting', epoch: 0, retryAt: null },
    queue: emptyQueue,
    logs: new Map(),
    outbox: emptyOutbox,
    typing: emptyTyping,
    viewers: emptyTyping,
    directory: null,
    reviewSettings: null,
    presence: 'online',
    mentions: [],
    alerts: emptyAlerts,
    history: new Map(),
    openId: null,
    visible: true,
    notices: [],
    announcement: null,
    counter: 0,
  };
}
