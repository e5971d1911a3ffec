/**
 * The visitor's side of the delivery contract (DESIGN.md section 4): one reconnecting socket,
 * `hello` with the stored session token and the last complete seq, an outbox whose entries are
 * resent with the same client id until acked (so a retry is stored once), events deduplicated
 * by seq, a `resume` whenever a hole shows up, and heartbeats. It owns the chat state and tells
 * subscribers about every change; the UI only reads it.
 */
import { LIMITS, PROTOCOL_VERSION, newClientId } from '@eyelevel/shared';
import type {
  ConversationEvent,
  VisitorClientFrame,
  VisitorContext,
  VisitorIdentity,
  VisitorServerFrame,
} from '@eyelevel/shared';
import { backoffDelay } from './backoff.js';
import { readServerFrame } from './frame-guards.js';
import type { OutboxAction, OutboxEntry, SessionStore } from './session-store.js';
import {
  ackPending,
  addEvent,
  addGap,
  addPending,
  failPending,
  highestSeq,
  initialState,
  retryPending,
  type ChatState,
} from '../state/chat-state.js';

type Hello = Extract<VisitorClientFrame, { type: 'hello' }>;

export interface TransportOptions {
  relayUrl: string;
  siteKey: string;
  session: SessionStore;
  /** Page, identity and careers context for `hello`, read at each (re)connect. */
  helloExtras?: () => Pick<Hello, 'profile' | 'page' | 'identity' | 'context' | 'continue'>;
  createSocket?: (url: string) => WebSocket;
  onMessage?: (event: ConversationEvent) => void;
  onError?: (error: { code: string; message: string }) => void;
}

export type SendResult = { ok: true; id: string } | { ok: false; reason: 'empty' | 'too-long' };

/** Close codes after which retrying cannot help: unknown site, unsupported version. */
const FATAL_CLOSE = new Set([4004, 4010]);
/** Send errors worth retrying with the same id: the message was not stored. */
const RETRYABLE = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL']);

export function socketUrl(relayUrl: string, siteKey: string): string {
  const url = new URL('ws/visitor', relayUrl.endsWith('/') ? relayUrl : relayUrl + '/');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('site', siteKey);
  return url.href;
}

export class Transport {
  state: ChatState;
  private readonly listeners = new Set<(state: ChatState) => void>();
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private started = false;
  private online = false;
  private typingSent = false;
  private readSent = 0;
  private resumeAskedAt = -1;
  /** Whether the current socket's hello carried a stored token (a 4001 then means: drop it). */
  private helloHadToken = false;
  /** The identity last sent (hello or identify), to notice a proof the relay refused. */
  private sentIdentity: VisitorIdentity | undefined;
  /** Messages up to this seq were history at connect time; newer ones are announced. */
  private liveAfter = Number.MAX_SAFE_INTEGER;
  /** Set while another tab holds the socket (see tab-coordinator.ts): frames go through it. */
  private viaLeader: ((frame: VisitorClientFrame) => void) | null = null;
  /** The tab coordinator listens here: when this tab starts, and each frame its socket reads. */
  onStart: (() => void) | null = null;
  onFrame: ((frame: VisitorServerFrame) => void) | null = null;

  constructor(private readonly options: TransportOptions) {
    const stored = options.session.read();
    let state = initialState(stored.readSeq);
    for (const entry of stored.outbox) state = addPending(state, entry);
    this.state = state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: ChatState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.onStart?.();
    this.connect();
  }

  /** Another tab owns the socket; this one sends through `send` and is fed its frames. */
  follow(send: (frame: VisitorClientFrame) => void): void {
    this.viaLeader = send;
  }

  /** This tab now owns the socket (the previous owner closed or was never there). */
  lead(): void {
    this.viaLeader = null;
    this.online = false;
    this.connect();
  }

  /** A frame the leading tab's socket received. */
  receiveFromLeader(frame: VisitorServerFrame): void {
    if (this.viaLeader) this.handle(frame);
  }

  /** A frame a following tab asks this tab's socket to carry. */
  writeForFollower(frame: VisitorClientFrame): void {
    if (this.viaLeader || frame.type === 'hello') return;
    this.write(frame);
  }

  /** The leading tab's connection state, mirrored. */
  mirrorConnection(connection: ChatState['connection']): void {
    if (!this.viaLeader) return;
    this.online = connection === 'online';
    if (connection !== this.state.connection) this.set({ ...this.state, connection });
  }

  /** What a tab that just joined needs to show the conversation without a socket of its own. */
  snapshot(): Omit<ChatState, 'pending' | 'actions' | 'error'> {
    const { pending: _pending, actions: _actions, error: _error, ...rest } = this.state;
    return rest;
  }

  adopt(snapshot: Omit<ChatState, 'pending' | 'actions' | 'error'>): void {
    if (!this.viaLeader) return;
    let state: ChatState = { ...this.state, ...snapshot, events: this.state.events, gaps: this.state.gaps, lastSeq: this.state.lastSeq };
    state.readSeq = Math.max(this.state.readSeq, snapshot.readSeq);
    for (const gap of snapshot.gaps) state = addGap(state, gap);
    for (const event of snapshot.events) state = addEvent(state, event);
    this.online = snapshot.connection === 'online';
    this.set(state);
  }

  /** Another tab showed the visitor everything up to `seq`: the unread count follows. */
  noteSeen(seq: number): void {
    if (seq > this.state.readSeq) this.set({ ...this.state, readSeq: seq });
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    if (this.ws || !this.started || this.viaLeader) return;
    this.set({ ...this.state, connection: this.attempt ? 'reconnecting' : 'connecting' });
    let ws: WebSocket;
    try {
      const url = socketUrl(this.options.relayUrl, this.options.siteKey);
      ws = this.options.createSocket ? this.options.createSocket(url) : new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.hello();
    ws.onmessage = (message) => this.receive(message.data);
    ws.onclose = (close) => this.closed(ws, close.code);
    this.lastFrameAt = Date.now();
    this.heartbeat = setInterval(() => this.beat(), LIMITS.heartbeatSeconds * 1000);
  }

  private hello(): void {
    const token = this.options.session.read().token;
    const frame: Hello = {
      type: 'hello',
      v: PROTOCOL_VERSION,
      siteKey: this.options.siteKey,
      ...this.options.helloExtras?.(),
    };
    this.sentIdentity = frame.identity;
    this.helloHadToken = !!token;
    if (token) {
      frame.token = token;
      frame.lastSeq = this.state.lastSeq;
    }
    this.write(frame);
  }

  private write(frame: VisitorClientFrame): boolean {
    if (this.viaLeader) {
      this.viaLeader(frame);
      return true;
    }
    if (this.ws?.readyState !== 1) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private beat(): void {
    // A socket silent for two heartbeats is dead even if the browser has not noticed.
    if (Date.now() - this.lastFrameAt > (LIMITS.heartbeatSeconds * 2 + 5) * 1000) {
      const ws = this.ws;
      if (ws) this.closed(ws, 4008);
      ws?.close();
      return;
    }
    this.write({ type: 'ping' });
  }

  private receive(data: unknown): void {
    this.lastFrameAt = Date.now();
    const frame = readServerFrame(data);
    if (!frame) return;
    this.handle(frame);
    this.onFrame?.(frame);
  }

  private handle(frame: VisitorServerFrame): void {
    const { session } = this.options;
    switch (frame.type) {
      case 'welcome': {
        if (frame.token) session.setToken(frame.token);
        let state = this.state;
        if (state.conversationId && frame.conversationId !== state.conversationId) {
          state = { ...initialState(state.readSeq), pending: state.pending };
        }
        this.online = true;
        this.attempt = 0;
        this.readSent = 0;
        this.typingSent = false;
        this.liveAfter = frame.lastSeq;
        const sentProof = !!(this.sentIdentity?.hash || this.sentIdentity?.jwt);
        // A page that sent a proof the relay refused has a bug worth telling its developer.
        if (sentProof && frame.verified === false) {
          this.options.onError?.({ code: 'IDENTITY_NOT_VERIFIED', message: 'the relay did not accept the identity proof' });
        }
        this.set({
          ...state,
          connection: 'online',
          siteName: frame.site.name,
          team: frame.site.team ?? null,
          prechat: frame.site.prechat ?? null,
          availability: frame.site.availability ?? null,
          verified: frame.verified ?? null,
          conversationId: frame.conversationId,
          agentReadSeq: frame.agentReadSeq,
          error: null,
        });
        // The socket's own tab resends the shared outbox; followers would only duplicate it.
        if (!this.viaLeader) this.flush();
        this.markRead(this.state.readSeq);
        return;
      }
      case 'ack':
        session.removeOutbox(frame.id);
        this.set({
          ...ackPending(this.state, frame.id, frame.seq),
          conversationId: frame.conversationId,
        });
        return;
      case 'event':
        return this.receiveEvent(frame.event);
      case 'gap':
        this.set(addGap(this.state, { from: frame.from, to: frame.to }));
        return;
      case 'typing':
        if (frame.author.kind !== 'visitor') this.set({ ...this.state, typing: frame.on ? frame.author : null });
        return;
      case 'read':
        if (frame.seq > this.state.agentReadSeq) this.set({ ...this.state, agentReadSeq: frame.seq });
        return;
      case 'error':
        return this.receiveError(frame.code, frame.message, frame.ref ?? null);
      case 'pong':
        return;
      case 'availability':
        this.set({ ...this.state, availability: { online: frame.online, ...(frame.nextOpenAt !== undefined ? { nextOpenAt: frame.nextOpenAt } : {}) } });
        return;
    }
  }

  private receiveEvent(event: ConversationEvent): void {
    const before = this.state;
    const next = addEvent(before, event);
    if (next === before) return;
    // The visitor's own entries (messages and actions) come back with their client id: settled.
    if (event.author.kind === 'visitor' && 'clientId' in event && event.clientId) this.options.session.removeOutbox(event.clientId);
    this.set(next);
    if (event.kind === 'message' && event.seq > this.liveAfter) this.options.onMessage?.(event);
    // A seq beyond a hole: ask for the missing part once per hole.
    if (next.lastSeq < event.seq && this.resumeAskedAt !== next.lastSeq) {
      this.resumeAskedAt = next.lastSeq;
      this.write({ type: 'resume', lastSeq: next.lastSeq });
    }
  }

  private receiveError(code: string, message: string, ref: string | null): void {
    const pending = ref ? this.state.pending.find((p) => p.id === ref) : undefined;
    const action = ref ? this.state.actions.find((a) => a.id === ref) : undefined;
    const id = pending?.id ?? action?.id;
    if (id && !RETRYABLE.has(code)) {
      this.options.session.removeOutbox(id);
      this.set(failPending(this.state, id, code));
      return;
    }
    if (pending || action) {
      // Not stored; the same id goes out again after a pause.
      const frame: VisitorClientFrame = action ? { ...action.frame, id: action.id } : { type: 'send', id: pending!.id, text: pending!.text };
      setTimeout(() => this.write(frame), backoffDelay(1));
      return;
    }
    // An UNAUTHORIZED is followed by close 4001, which decides what to do about the token.
    this.set({ ...this.state, error: { code, message } });
    // A refused stored token is recovered from silently (see `closed`); anything else is news.
    if (!(code === 'UNAUTHORIZED' && this.helloHadToken)) this.options.onError?.({ code, message });
  }

  /** The stored token is no good: start over as a new visitor, keeping unsent messages. */
  private dropSession(): void {
    this.options.session.setToken(null);
    this.set({ ...initialState(0), pending: this.state.pending, connection: this.state.connection });
    this.options.session.update((d) => {
      d.readSeq = 0;
    });
  }

  private closed(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    this.ws = null;
    this.online = false;
    clearInterval(this.heartbeat);
    if (!this.started) return;
    if (code === 4001 && this.helloHadToken) {
      this.dropSession();
      this.attempt = 0;
      this.connect();
      return;
    }
    if (FATAL_CLOSE.has(code) || code === 4001) {
      this.set({ ...this.state, connection: 'failed', typing: null });
      this.options.onError?.({ code: String(code), message: 'connection refused' });
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.set({ ...this.state, connection: 'reconnecting', typing: null });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt++));
  }

  private flush(): void {
    for (const entry of this.options.session.read().outbox) {
      this.set(addPending(this.state, entry));
      this.write(entry.frame ? { ...entry.frame, id: entry.id } : { type: 'send', id: entry.id, text: entry.text });
    }
  }

  /**
   * Queue an action acked like a message (pre-chat answers, callback request, rating): it has
   * a client id, survives a reload in the outbox, and is resent with that id until acked.
   */
  perform(frame: OutboxAction): string {
    const entry: OutboxEntry = { id: newClientId('w'), text: '', at: Date.now(), frame };
    this.options.session.addOutbox(entry);
    this.set(addPending(this.state, entry));
    if (this.online) this.write({ ...frame, id: entry.id });
    this.start();
    return entry.id;
  }

  /** Queue a message; it goes out now if connected, else on the next welcome. */
  send(raw: string): SendResult {
    const text = raw.trim();
    if (!text) return { ok: false, reason: 'empty' };
    if (text.length > LIMITS.maxMessageLength) return { ok: false, reason: 'too-long' };
    const entry: OutboxEntry = { id: newClientId('w'), text, at: Date.now() };
    this.options.session.addOutbox(entry);
    this.set(addPending(this.state, entry));
    this.setTyping(false);
    if (this.online) this.write({ type: 'send', id: entry.id, text });
    this.start();
    return { ok: true, id: entry.id };
  }

  retry(id: string): void {
    const pending = this.state.pending.find((p) => p.id === id && p.state === 'failed');
    if (!pending) return;
    this.options.session.addOutbox({ id: pending.id, text: pending.text, at: pending.at });
    this.set(retryPending(this.state, id));
    if (this.online) this.write({ type: 'send', id: pending.id, text: pending.text });
  }

  /**
   * The host page signed the visitor in (or out) without a reload. The relay answers with a new
   * `welcome`, possibly for another visitor and conversation; a later reconnect sends the
   * identity in `hello` anyway, so nothing is lost while offline.
   */
  identify(identity: VisitorIdentity | undefined): void {
    if (!identity || !this.online) return;
    this.sentIdentity = identity;
    this.write({ type: 'identify', ...identity });
  }

  /** A careers page changed team or job: used for the next conversation the visitor starts. */
  setContext(context: VisitorContext): void {
    if (this.online) this.write({ type: 'context', ...context });
  }

  setTyping(on: boolean): void {
    if (on === this.typingSent || !this.online) return;
    this.typingSent = on;
    this.write({ type: 'typing', on });
  }

  /** The visitor has seen everything up to `seq` (the panel is open and visible). */
  markRead(seq: number = highestSeq(this.state)): void {
    if (seq > this.state.readSeq) {
      this.options.session.setReadSeq(seq);
      this.set({ ...this.state, readSeq: seq });
    }
    if (this.online && seq > this.readSent && seq > 0) {
      this.readSent = seq;
      this.write({ type: 'read', seq });
    }
  }

  /** Catch up now: after the tab becomes visible, the network returns, or a bfcache restore. */
  resume(): void {
    if (!this.started) return;
    if (this.online) this.write({ type: 'resume', lastSeq: this.state.lastSeq });
    else if (!this.ws) {
      this.attempt = Math.min(this.attempt, 1);
      this.connect();
    }
  }

  /** Close the socket without forgetting anything (page hidden into the bfcache). */
  suspend(): void {
    const ws = this.ws;
    if (!ws) return;
    this.closed(ws, 1000);
    clearTimeout(this.retryTimer);
    ws.close();
  }

  private stop(): void {
    this.started = false;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    if (ws) this.closed(ws, 1000);
    ws?.close();
  }

  /** Erase the visitor's local data and start over as nobody. */
  forget(): void {
    this.stop();
    this.options.session.clear();
    this.set(initialState(0));
  }

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }
}
