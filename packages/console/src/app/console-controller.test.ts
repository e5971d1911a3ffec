import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleController } from './console-controller.js';
import { AgentSocket } from '../connection/agent-socket.js';
import { FakeSocket } from '../test-support/fake-socket.js';
import { agent, message, summary } from '../test-support/fixtures.js';

function setup() {
  const sockets: FakeSocket[] = [];
  let ids = 0;
  const ended: string[] = [];
  const controller = new ConsoleController({
    agent,
    newId: () => `c${++ids}`,
    onSessionEnded: (reason) => ended.push(reason),
    createSocket: (handlers) =>
      new AgentSocket({
        url: 'ws://relay.test/ws/agent',
        token: 'tok',
        createSocket: (url) => {
          const socket = new FakeSocket(url);
          sockets.push(socket);
          return socket;
        },
        random: () => 0,
        ...handlers,
      }),
  });
  const last = () => sockets[sockets.length - 1]!;
  const connect = (queue = [summary('a', { lastSeq: 1 })]) => {
    last().open();
    last().deliver({ type: 'welcome', v: 1, agent, queue });
  };
  return { controller, sockets, last, connect, ended };
}

describe('console controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('works a conversation over the socket: sync on open, reply, ack, read', () => {
    const { controller, last, connect } = setup();
    controller.start();
    connect();
    controller.open('a');
    expect(last().sent).toContainEqual({ type: 'sync', conversationId: 'a', afterSeq: 0 });
    last().deliver({ type: 'events', conversationId: 'a', events: [message(1, 'Hi?')], more: false });
    expect(last().sent).toContainEqual({ type: 'read', conversationId: 'a', seq: 1 });
    controller.sendMessage('a', 'Hello, Ana here.');
    expect(last().sent).toContainEqual({ type: 'send', conversationId: 'a', id: 'c1', text: 'Hello, Ana here.' });
    expect(controller.getState().outbox.get('c1')?.state).toBe('pending');
    last().deliver({ type: 'ack', id: 'c1', seq: 2, at: 5, conversationId: 'a' });
    expect(controller.getState().outbox.get('c1')?.state).toBe('acked');
  });

  it('keeps replies typed while offline and sends them after the welcome, once', () => {
    const { controller, last, connect } = setup();
    controller.start();
    connect();
    controller.open('a');
    last().drop(1006);
    controller.sendMessage('a', 'still there?');
    vi.advanceTimersByTime(1000);
    connect();
    const sends = last().sent.filter((f) => (f as { type: string }).type === 'send');
    expect(sends).toEqual([{ type: 'send', conversationId: 'a', id: 'c1', text: 'still there?' }]);
    expect(last().sent).toContainEqual({ type: 'sync', conversationId: 'a', afterSeq: 0 });
  });

  it('treats any id-carrying action like a reply: resent unchanged after a reconnect, done on its ack', () => {
    const { controller, last, connect } = setup();
    controller.start();
    connect();
    const claim = { type: 'claim' as const, conversationId: 'a', id: controller.clientId() };
    controller.perform(claim);
    expect(last().sent).toContainEqual(claim);
    last().drop(1006);
    vi.advanceTimersByTime(1000);
    connect();
    expect(last().sent.filter((f) => (f as { type: string }).type === 'claim')).toEqual([claim]);
    last().deliver({ type: 'ack', id: claim.id, seq: 2, at: 5, conversationId: 'a' });
    expect(controller.getState().outbox.size).toBe(0);
  });

  it('throttles typing and only sends off after an on', () => {
    const { controller, last, connect } = setup();
    controller.start();
    connect();
    controller.typing('a', false);
    controller.typing('a', true);
    controller.typing('a', true);
    controller.typing('a', false);
    const typing = last().sent.filter((f) => (f as { type: string }).type === 'typing');
    expect(typing).toEqual([
      { type: 'typing', conversationId: 'a', on: true },
      { type: 'typing', conversationId: 'a', on: false },
    ]);
  });

  it('notifies subscribers on change and hands session ends to the app', () => {
    const { controller, last, connect, ended } = setup();
    const calls = vi.fn();
    controller.subscribe(calls);
    controller.start();
    connect();
    expect(calls).toHaveBeenCalled();
    last().drop(4011);
    expect(ended).toEqual(['revoked']);
    controller.stop();
  });

  it('tells the relay which conversation is on screen, repeats it, and says when it is left', () => {
    const { controller, last, connect } = setup();
    controller.start();
    connect();
    const viewing = () => last().sent.filter((f) => (f as { type: string }).type === 'viewing');
    expect(viewing()).toEqual([]);
    controller.open('a');
    expect(viewing()).toEqual([{ type: 'viewing', conversationId: 'a' }]);
    expect(last().sent).toContainEqual({ type: 'history', conversationId: 'a' });
    vi.advanceTimersByTime(31_000);
    expect(viewing()).toHaveLength(2);
    controller.open(null);
    expect(viewing().at(-1)).toEqual({ type: 'viewing', conversationId: null });
  });

  it('keeps the chosen presence across reconnects (a new console starts online on the relay)', () => {
    const { controller, last, connect, sockets } = setup();
    controller.start();
    connect();
    controller.setPresence('away');
    expect(last().sent).toContainEqual({ type: 'presence', status: 'away' });
    last().drop(1006);
    vi.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(2);
    connect();
    expect(last().sent).toContainEqual({ type: 'presence', status: 'away' });
    controller.setPresence('online');
    expect(last().sent.at(-1)).toEqual({ type: 'presence', status: 'online' });
  });
});
