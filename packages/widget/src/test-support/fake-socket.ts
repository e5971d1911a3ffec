/**
 * A stand-in for the browser's WebSocket in unit tests: records what the widget sends and lets
 * the test play the relay. Browser tests use the real relay; this is for the transport's logic.
 */
export class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((close: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.all[FakeSocket.all.length - 1];
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  open(): this {
    this.readyState = 1;
    this.onopen?.();
    return this;
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }

  /** The relay (or the network) closes the socket. */
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  close(): void {
    this.drop(1000);
  }

  ofType(type: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.type === type);
  }
}

export const createFakeSocket = (url: string): WebSocket => new FakeSocket(url) as unknown as WebSocket;

export const agentAuthor = {
  kind: 'agent',
  id: 'ag1',
  name: 'Anna Nowak',
  initials: 'an',
  avatarUrl: null,
  role: 'agent',
} as const;

export const welcome = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'welcome',
  v: 1,
  token: 'vt_secret',
  visitorId: 'v1',
  conversationId: null,
  lastSeq: 0,
  agentReadSeq: 0,
  site: { name: 'Demo Shop' },
  ...over,
});

export const agentMessage = (seq: number, text = `reply ${seq}`): Record<string, unknown> => ({
  type: 'event',
  event: { kind: 'message', seq, at: 1_000 + seq, author: agentAuthor, text, clientId: null },
});

export const visitorMessage = (seq: number, text: string, clientId: string): Record<string, unknown> => ({
  type: 'event',
  event: {
    kind: 'message',
    seq,
    at: 1_000 + seq,
    author: { kind: 'visitor', id: 'v1', name: null, initials: null, avatarUrl: null, role: null },
    text,
    clientId,
  },
});
