/**
 * Wires the pure state to the world: frames from the socket go through the reducer, the frames
 * the new state calls for go out, and components get a small set of verbs instead of a socket.
 * The socket is created through a factory so tests can drive the controller with a fake line.
 */
import type {
  AgentClientFrame,
  AgentProfile,
  AgentServerFrame,
  CallbackOutcome,
  ConversationStatus,
  PresenceStatus,
  Priority,
} from '@eyelevel/shared';
import { newClientId } from '@eyelevel/shared';
import { VIEWING_REPEAT_MS } from '../state/typing-state.js';
import type { ConsoleAction } from '../state/console-actions.js';
import { consoleReducer } from '../state/console-reducer.js';
import { initialState, type ConsoleState } from '../state/console-state.js';
import { planFrames } from '../state/plan-frames.js';
import { newEntry, type OutboxFrame } from '../state/outbox.js';
import type { SessionEndReason } from '../connection/agent-socket.js';

/** What the controller needs from a connection. */
export interface SocketPort {
  start(): void;
  stop(): void;
  send(frame: AgentClientFrame): boolean;
}

export interface SocketHandlers {
  onFrame(frame: AgentServerFrame): void;
  onBadFrame(message: string): void;
  onStatus(status: 'connecting' | 'online' | 'offline', retryAt: number | null): void;
  onSessionEnded(reason: SessionEndReason): void;
}

export interface ControllerOptions {
  readonly agent: AgentProfile;
  readonly createSocket: (handlers: SocketHandlers) => SocketPort;
  readonly onSessionEnded: (reason: SessionEndReason) => void;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** Don't repeat `typing on` more often than this while the agent keeps typing. */
const TYPING_REPEAT_MS = 3000;
/** How often expired typing indicators are swept. */
const TICK_MS = 1000;

export class ConsoleController {
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private readonly socket: SocketPort;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly typingSentAt = new Map<string, number>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** What the relay was last told this console shows (collision), and when. */
  private viewingSent: { conversationId: string | null; epoch: number; at: number } = { conversationId: null, epoch: 0, at: 0 };
  /** The presence last sent, on which connection; a new connection starts `online` on the relay. */
  private presenceSent: { status: PresenceStatus; epoch: number } | null = null;

  constructor(options: ControllerOptions) {
    this.state = initialState(options.agent);
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => newClientId('c'));
    this.socket = options.createSocket({
      onFrame: (frame) => this.dispatch({ type: 'frame', frame, now: this.now() }),
      onBadFrame: (message) => this.dispatch({ type: 'badFrame', message }),
      onStatus: (status, retryAt) => {
        // 'online' comes from the welcome frame through the reducer, not from the socket.
        if (status !== 'online') this.dispatch({ type: 'connection', status, retryAt });
      },
      onSessionEnded: (reason) => options.onSessionEnded(reason),
    });
  }

  getState(): ConsoleState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.socket.start();
    this.ticker ??= setInterval(() => this.dispatch({ type: 'tick', now: this.now() }), TICK_MS);
  }

  stop(): void {
    this.socket.stop();
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  dispatch(action: ConsoleAction): void {
    const before = this.state;
    this.state = consoleReducer(this.state, action);
    this.flush();
    this.syncEphemeral();
    if (this.state !== before) for (const listener of this.listeners) listener();
  }

  open(conversationId: string | null): void {
    this.dispatch({ type: 'open', conversationId });
    // The visitor's earlier conversations, for the context panel; best effort like typing.
    if (conversationId !== null && this.state.connection.status === 'online') {
      this.socket.send({ type: 'history', conversationId });
    }
  }

  /** The agent's presence switch: remembered, and sent again after every reconnect. */
  setPresence(status: PresenceStatus): void {
    this.dispatch({ type: 'presence', status });
  }

  /**
   * A lead's workspace-wide review switch (issue 6): crisis mode, the holding statement, the
   * draft lifetime. Not queued: the answer is the `review_settings` frame every console gets, so
   * sent only while online (the relay refuses others with an error notice).
   */
  reviewSettings(frame: { type: 'crisis'; on: boolean } | { type: 'review_settings'; holdingStatement?: string; draftExpiryMinutes?: number }): boolean {
    if (this.state.connection.status !== 'online') return false;
    return this.socket.send({ ...frame, id: this.newId() });
  }

  /** Queue a reply; it goes out now if the line is up, or after the next welcome. */
  sendMessage(conversationId: string, text: string): void {
    this.typing(conversationId, false);
    this.perform({ type: 'send', conversationId, id: this.newId(), text });
  }

  setStatus(conversationId: string, status: ConversationStatus, snoozedUntil?: number): void {
    this.perform({
      type: 'status',
      conversationId,
      id: this.newId(),
      status,
      ...(status === 'snoozed' && snoozedUntil !== undefined ? { snoozedUntil } : {}),
    });
  }

  setPriority(conversationId: string, priority: Priority): void {
    this.perform({ type: 'priority', conversationId, id: this.newId(), priority });
  }

  claim(conversationId: string): void {
    this.perform({ type: 'claim', conversationId, id: this.newId() });
  }

  transfer(conversationId: string, to: { agentId: string } | { teamId: string }, note: string): void {
    const trimmed = note.trim();
    this.perform({ type: 'transfer', conversationId, id: this.newId(), to, ...(trimmed ? { note: trimmed } : {}) });
  }

  escalate(conversationId: string, reason: string): void {
    this.perform({ type: 'escalate', conversationId, id: this.newId(), reason: reason.trim() });
  }

  /** Take a visitor's callback request (the seq of its `callback` log entry). */
  takeCallback(conversationId: string, requestSeq: number): void {
    this.perform({ type: 'callback_take', conversationId, id: this.newId(), requestSeq });
  }

  /** Record how the callback went; closes the task. */
  finishCallback(conversationId: string, requestSeq: number, outcome: CallbackOutcome, note: string): void {
    const trimmed = note.trim();
    this.perform({ type: 'callback_done', conversationId, id: this.newId(), requestSeq, outcome, ...(trimmed ? { note: trimmed } : {}) });
  }

  /** Hide, unhide or delete an entry, with the reason the audit log keeps (issue 6). */
  moderate(conversationId: string, action: 'hide' | 'unhide' | 'delete', targetSeq: number, reason: string): void {
    this.perform({ type: 'moderate', conversationId, id: this.newId(), action, targetSeq, reason: reason.trim() });
  }

  /** Send a warning from a template (`text` when the agent edited it), with its reason. */
  warn(conversationId: string, template: string, text: string | null, reason: string, targetSeq?: number): void {
    this.perform({
      type: 'warn',
      conversationId,
      id: this.newId(),
      template,
      reason: reason.trim(),
      ...(text !== null ? { text: text.trim() } : {}),
      ...(targetSeq !== undefined ? { targetSeq } : {}),
    });
  }

  /** Block (or unblock) the person behind the conversation: their new messages are held. */
  setBlocked(conversationId: string, blocked: boolean, reason: string): void {
    this.perform({ type: blocked ? 'block' : 'unblock', conversationId, id: this.newId(), reason: reason.trim() });
  }

  /** A lead settles the escalation with a decision note (and resolves it, if asked). */
  decide(conversationId: string, note: string, resolve: boolean): void {
    this.perform({ type: 'decide', conversationId, id: this.newId(), note: note.trim(), ...(resolve ? { resolve: true } : {}) });
  }

  /** A private note; `@initials` in it notify those colleagues. */
  addNote(conversationId: string, text: string): void {
    this.typing(conversationId, false);
    this.perform({ type: 'note', conversationId, id: this.newId(), text });
  }

  /**
   * Any frame the relay acks by client id (claims, transfers, notes in issue 4): queued, sent when
   * online, resent unchanged after a reconnect, marked failed by an error that names its id.
   */
  perform(frame: OutboxFrame): void {
    this.dispatch({ type: 'enqueue', entry: newEntry(frame, this.now()) });
  }

  /** A fresh client id for a frame built by a caller of `perform`. */
  clientId(): string {
    return this.newId();
  }

  retry(id: string): void {
    this.dispatch({ type: 'retry', id });
  }

  discard(id: string): void {
    this.dispatch({ type: 'discard', id });
  }

  setVisible(visible: boolean): void {
    this.dispatch({ type: 'visible', visible });
  }

  dismissNotice(id: number): void {
    this.dispatch({ type: 'dismissNotice', id });
  }

  /** Hides a spike alert's banner in this console; the alert stays in the list. */
  dismissAlert(id: string): void {
    this.dispatch({ type: 'dismissAlert', id });
  }

  /** Typing indicators are best effort: throttled, never queued, dropped while offline. */
  typing(conversationId: string, on: boolean): void {
    if (this.state.connection.status !== 'online') return;
    const sentAt = this.typingSentAt.get(conversationId);
    if (on && sentAt !== undefined && this.now() - sentAt < TYPING_REPEAT_MS) return;
    if (!on && sentAt === undefined) return;
    if (this.socket.send({ type: 'typing', conversationId, on })) {
      if (on) this.typingSentAt.set(conversationId, this.now());
      else this.typingSentAt.delete(conversationId);
    }
  }

  /**
   * Presence and "who is viewing" are not queued like replies: only the latest value matters, so
   * they are re-sent whenever the line comes back, and viewing is repeated while it lasts.
   */
  private syncEphemeral(): void {
    const { connection, openId, presence } = this.state;
    if (connection.status !== 'online') return;
    const epoch = connection.epoch;
    const relayPresence = this.presenceSent?.epoch === epoch ? this.presenceSent.status : 'online';
    if (presence !== relayPresence && this.socket.send({ type: 'presence', status: presence })) {
      this.presenceSent = { status: presence, epoch };
    }
    const sent = this.viewingSent;
    const now = this.now();
    const fresh = sent.epoch !== epoch;
    if (openId === null && (fresh || sent.conversationId === null)) {
      this.viewingSent = { conversationId: null, epoch, at: now };
      return;
    }
    if (!fresh && sent.conversationId === openId && now - sent.at < VIEWING_REPEAT_MS) return;
    if (this.socket.send({ type: 'viewing', conversationId: openId })) {
      this.viewingSent = { conversationId: openId, epoch, at: now };
    }
  }

  private flush(): void {
    for (const frame of planFrames(this.state)) {
      if (this.socket.send(frame)) this.state = consoleReducer(this.state, { type: 'sent', frame });
    }
  }
}
