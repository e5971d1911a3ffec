// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from './session-store.js';
import { socketUrl, Transport } from './transport.js';
import { agentMessage, createFakeSocket, FakeSocket, visitorMessage, welcome } from '../../test-support/fake-socket.js';

const SITE = 'pk_test';
const make = (): Transport =>
  new Transport({
    relayUrl: 'https://relay.example',
    siteKey: SITE,
    session: new SessionStore(SITE),
    createSocket: createFakeSocket,
  });
const stored = (): { token: string | null; outbox: { id: string }[]; readSeq: number } | null =>
  JSON.parse(localStorage.getItem(`eyelevel:${SITE}`) ?? 'null');

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('Transport', () => {
  it('builds the visitor socket URL from the relay URL', () => {
    expect(socketUrl('https://chat.example.com', 'pk 1')).toBe('wss://chat.example.com/ws/visitor?site=pk+1');
    expect(socketUrl('http://127.0.0.1:8787/', 'k')).toBe('ws://127.0.0.1:8787/ws/visitor?site=k');
  });

  it('says hello, keeps the issued token, and sends with a client id that the ack settles', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    expect(socket.sent[0]).toMatchObject({ type: 'hello', v: 1, siteKey: SITE });
    expect(socket.sent[0]).not.toHaveProperty('token');
    socket.receive(welcome());
    expect(stored()?.token).toBe('vt_secret');
    expect(transport.state.siteName).toBe('Demo Shop');

    const result = transport.send('  hello there ');
    if (!result.ok) throw new Error('send refused');
    expect(socket.ofType('send')).toEqual([{ type: 'send', id: result.id, text: 'hello there' }]);
    expect(stored()?.outbox.map((e) => e.id)).toEqual([result.id]);

    socket.receive({ type: 'ack', id: result.id, seq: 1, at: 5, conversationId: 'c1' });
    expect(stored()?.outbox).toEqual([]);
    socket.receive(visitorMessage(1, 'hello there', result.id));
    expect(transport.state.pending).toEqual([]);
    expect(transport.state.events).toHaveLength(1);
  });

  it('an unsent message survives a reload and goes out again with the same id', () => {
    const first = make();
    first.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome());
    socket.drop(1006);
    const result = first.send('written while offline');
    if (!result.ok) throw new Error('send refused');
    first.destroy();

    // The page reloads: a new transport over the same storage.
    const second = make();
    expect(second.state.pending.map((p) => p.text)).toEqual(['written while offline']);
    second.start();
    const again = FakeSocket.latest().open();
    expect(again.sent[0]).toMatchObject({ type: 'hello', token: 'vt_secret', lastSeq: 0 });
    again.receive(welcome({ token: null, conversationId: 'c1', lastSeq: 0 }));
    expect(again.ofType('send')).toEqual([{ type: 'send', id: result.id, text: 'written while offline' }]);
  });

  it('reconnects after a relay restart and resumes from the last complete seq', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 2 }));
    socket.receive(agentMessage(1));
    socket.receive(agentMessage(2));
    socket.drop(1012);
    expect(transport.state.connection).toBe('reconnecting');
    vi.advanceTimersByTime(31_000);
    const next = FakeSocket.latest();
    expect(next).not.toBe(socket);
    next.open();
    expect(next.sent[0]).toMatchObject({ type: 'hello', token: 'vt_secret', lastSeq: 2 });
    // The relay replays from 3; a duplicate of 2 is ignored.
    next.receive(welcome({ token: null, conversationId: 'c1', lastSeq: 3 }));
    next.receive(agentMessage(2, 'duplicate'));
    next.receive(agentMessage(3));
    expect(transport.state.events.map((e) => (e.kind === 'message' ? e.text : ''))).toEqual([
      'reply 1',
      'reply 2',
      'reply 3',
    ]);
  });

  it('asks for the missing part when a live event arrives after a hole', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 }));
    socket.receive(agentMessage(1));
    socket.receive(agentMessage(4));
    expect(socket.ofType('resume')).toEqual([{ type: 'resume', lastSeq: 1 }]);
    socket.receive(agentMessage(5));
    expect(socket.ofType('resume')).toHaveLength(1);
  });

  it('drops a token the relay refuses and starts fresh, keeping unsent messages', () => {
    localStorage.setItem(`eyelevel:${SITE}`, JSON.stringify({ token: 'vt_forged', outbox: [{ id: 'w-1', text: 'keep me', at: 1 }], readSeq: 0 }));
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    expect(socket.sent[0]).toMatchObject({ token: 'vt_forged' });
    socket.receive({ type: 'error', code: 'UNAUTHORIZED', message: 'unknown visitor session', ref: null });
    socket.drop(4001);
    const fresh = FakeSocket.latest().open();
    expect(fresh).not.toBe(socket);
    expect(fresh.sent[0]).not.toHaveProperty('token');
    fresh.receive(welcome({ token: 'vt_new' }));
    expect(stored()?.token).toBe('vt_new');
    expect(fresh.ofType('send')).toEqual([{ type: 'send', id: 'w-1', text: 'keep me' }]);
  });

  it('marks a send the relay refuses as failed, and a retry reuses its id', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome());
    const result = transport.send('x');
    if (!result.ok) throw new Error('send refused');
    socket.receive({ type: 'error', code: 'BAD_REQUEST', message: 'nope', ref: result.id });
    expect(transport.state.pending[0]).toMatchObject({ state: 'failed', error: 'BAD_REQUEST' });
    expect(stored()?.outbox ?? []).toEqual([]);
    transport.retry(result.id);
    expect(socket.ofType('send').map((f) => f.id)).toEqual([result.id, result.id]);
  });

  it('refuses empty and over-long messages before they reach the relay', () => {
    const transport = make();
    expect(transport.send('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(transport.send('x'.repeat(5001))).toEqual({ ok: false, reason: 'too-long' });
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('reports reads once per new seq and pings to keep the socket alive', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 }));
    socket.receive(agentMessage(1));
    transport.markRead();
    transport.markRead();
    expect(socket.ofType('read')).toEqual([{ type: 'read', seq: 1 }]);
    vi.advanceTimersByTime(25_000);
    expect(socket.ofType('ping')).toHaveLength(1);
  });

  it('forget erases the stored session and closes the socket', () => {
    const transport = make();
    transport.start();
    const socket = FakeSocket.latest().open();
    socket.receive(welcome());
    expect(stored()).not.toBeNull();
    transport.forget();
    expect(stored()).toBeNull();
    expect(socket.readyState).toBe(3);
    expect(transport.state.connection).toBe('idle');
  });
});
