/**
 * A visitor the way the widget behaves across node failures: it keeps an outbox of sends not yet
 * acknowledged, remembers the last seq it received, and on reconnect (to any node) says hello
 * with its token and that seq, then sends its outbox again. What it was acked is what the relay
 * promised to keep (DESIGN.md section 4).
 */
import { expect } from 'vitest';
import { connectVisitor } from './clients.js';
import type { TestSocket } from './test-socket.js';

export class ResumingVisitor {
  socket: TestSocket | null = null;
  token: string | null = null;
  conversationId: string | null = null;
  readonly outbox = new Map<string, string>();
  readonly acked = new Map<string, number>();
  /** Message texts received in the log, by seq. */
  readonly received = new Map<number, string>();
  lastSeq = 0;
  private counter = 0;
  private seen = 0;

  constructor(
    readonly name: string,
    private readonly siteKey: string,
  ) {}

  async connect(wsUrl: string): Promise<void> {
    const { socket, welcome } = await connectVisitor(wsUrl, this.siteKey, {
      ...(this.token ? { token: this.token } : {}),
      lastSeq: this.lastSeq,
    });
    expect(welcome.type, JSON.stringify(welcome)).toBe('welcome');
    this.token ??= welcome.token as string;
    this.socket = socket;
    this.seen = 0;
    for (const [id, text] of this.outbox) socket.send({ type: 'send', id, text });
  }

  send(text?: string): string {
    const id = `${this.name}-${++this.counter}`;
    const body = text ?? `message ${this.counter} from ${this.name}`;
    this.outbox.set(id, body);
    this.socket?.send({ type: 'send', id, text: body });
    return id;
  }

  /** Reads the frames that arrived since the last call: acks and log events. */
  absorb(): void {
    const socket = this.socket;
    if (!socket) return;
    for (const frame of socket.frames.slice(this.seen)) {
      if (frame.type === 'ack') {
        this.acked.set(frame.id as string, frame.seq as number);
        this.outbox.delete(frame.id as string);
        this.conversationId ??= frame.conversationId as string;
      }
      if (frame.type === 'event') {
        const event = frame.event as { seq: number; kind: string; text?: string };
        if (event.kind === 'message') this.received.set(event.seq, event.text ?? '');
        this.lastSeq = Math.max(this.lastSeq, event.seq);
      }
    }
    this.seen = socket.frames.length;
  }

  get connected(): boolean {
    return this.socket !== null && this.socket.closeCode === null;
  }
}
