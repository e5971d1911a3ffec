/**
 * The agent's connection to the relay: says hello with the session token, keeps the line alive
 * with pings, notices a dead line that the browser would not report, and reconnects with backoff.
 * It only moves frames; what they mean is the reducer's business. Every incoming frame is parsed
 * once here with the shared schema, so nothing past this file sees unvalidated data.
 */
import {
  CLOSE_CODES,
  ERROR_CODES,
  LIMITS,
  PROTOCOL_VERSION,
  agentServerFrameSchema,
  parseFrame,
  type AgentClientFrame,
  type AgentServerFrame,
} from '@eyelevel/shared';
import { backoffDelay } from './backoff.js';

/** The part of the browser's WebSocket this client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type SessionEndReason = 'unauthorized' | 'revoked' | 'unsupported-version';

export interface AgentSocketOptions {
  readonly url: string;
  readonly token: string;
  readonly createSocket?: (url: string) => SocketLike;
  readonly onFrame: (frame: AgentServerFrame) => void;
  readonly onBadFrame: (message: string) => void;
  readonly onStatus: (status: 'connecting' | 'online' | 'offline', retryAt: number | null) => void;
  /** The relay will not take this session again; reconnecting would be pointless. */
  readonly onSessionEnded: (reason: SessionEndReason) => void;
  readonly random?: () => number;
  readonly now?: () => number;
}

const OPEN = 1;
/**
 * `LIMITS.maxFrameBytes` bounds what the relay reads from clients. Frames from the relay are
 * bigger by design (a welcome carries up to 5,000 queue rows) and already sit in memory when
 * they arrive, so refusing them here would only lose the snapshot.
 */
const MAX_SERVER_FRAME_CHARS = Number.MAX_SAFE_INTEGER;
const HEARTBEAT_MS = LIMITS.heartbeatSeconds * 1000;
/** Two missed heartbeats' worth of silence means the line is dead even if the browser says not. */
const SILENCE_LIMIT_MS = HEARTBEAT_MS * 2 + 5000;

const ENDING_CLOSE_CODES: ReadonlyMap<number, SessionEndReason> = new Map([
  [ERROR_CODES.UNAUTHORIZED.close, 'unauthorized'],
  [CLOSE_CODES.SESSION_REVOKED, 'revoked'],
  [ERROR_CODES.UNSUPPORTED_VERSION.close, 'unsupported-version'],
]);

export class AgentSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private stopped = true;
  private lastFrameAt = 0;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: AgentSocketOptions;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: AgentSocketOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Close for good (logout, page teardown). */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(CLOSE_CODES.NORMAL, 'bye');
    }
  }

  /** Puts a frame on the wire if the line is up and says hello has been answered; else false. */
  send(frame: AgentClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    this.options.onStatus('connecting', null);
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url));
    let socket: SocketLike;
    try {
      socket = create(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastFrameAt = this.now();
      const hello: AgentClientFrame = { type: 'hello', v: PROTOCOL_VERSION, token: this.options.token };
      socket.send(JSON.stringify(hello));
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.closed(event.code);
    // An error is always followed by a close; reconnecting happens there, once.
    socket.onerror = () => {};
  }

  private receive(data: unknown): void {
    this.lastFrameAt = this.now();
    if (typeof data !== 'string') {
      this.options.onBadFrame('the relay sent a binary frame');
      return;
    }
    const parsed = parseFrame(agentServerFrameSchema, data, MAX_SERVER_FRAME_CHARS);
    if (!parsed.ok) {
      this.options.onBadFrame(`the relay sent an invalid frame (${parsed.message})`);
      return;
    }
    if (parsed.value.type === 'welcome') this.attempt = 0;
    this.options.onFrame(parsed.value);
  }

  private beat(): void {
    if (this.now() - this.lastFrameAt > SILENCE_LIMIT_MS) {
      // No pong for two heartbeats: drop this socket and start over rather than wait on TCP.
      this.socket?.close(CLOSE_CODES.NORMAL, 'heartbeat timeout');
      this.closed(CLOSE_CODES.IDLE);
      return;
    }
    this.send({ type: 'ping' });
  }

  private closed(code: number): void {
    if (this.socket) detach(this.socket);
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    const ending = ENDING_CLOSE_CODES.get(code);
    if (ending) {
      this.stopped = true;
      this.options.onStatus('offline', null);
      this.options.onSessionEnded(ending);
      return;
    }
    // A relay restarting (1012) is expected to be back at once; start that retry from scratch.
    if (code === CLOSE_CODES.SERVICE_RESTART) this.attempt = 0;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.random());
    this.attempt += 1;
    this.options.onStatus('offline', this.now() + delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.heartbeat = null;
    this.retryTimer = null;
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
