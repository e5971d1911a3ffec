import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSocket } from './agent-socket.js';
import { backoffDelay, BACKOFF_MAX_MS } from './backoff.js';
import { agentSocketUrl } from './socket-url.js';
import { FakeSocket } from '../test-support/fake-socket.js';
import { LIMITS } from '@eyelevel/shared';
import { agent, summary } from '../test-support/fixtures.js';

function setup() {
  const sockets: FakeSocket[] = [];
  const events = {
    frames: [] as unknown[],
    bad: [] as string[],
    status: [] as string[],
    ended: [] as string[],
  };
  const client = new AgentSocket({
    url: 'ws://relay.test/ws/agent',
    token: 'tok',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    onFrame: (frame) => events.frames.push(frame),
    onBadFrame: (message) => events.bad.push(message),
    onStatus: (status) => events.status.push(status),
    onSessionEnded: (reason) => events.ended.push(reason),
    random: () => 0,
    now: () => Date.now(),
  });
  return { client, sockets, events, last: () => sockets[sockets.length - 1]! };
}

describe('agent socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says hello with the token first and passes parsed frames on', () => {
    const { client, last, events } = setup();
    client.start();
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', v: 1, token: 'tok' }]);
    last().deliver({ type: 'welcome', v: 1, agent, queue: [] });
    expect(events.frames).toEqual([{ type: 'welcome', v: 1, agent, queue: [] }]);
  });

  it('accepts a welcome far larger than the client frame limit (a big queue snapshot)', () => {
    const { client, last, events } = setup();
    client.start();
    last().open();
    const queue = Array.from({ length: 1000 }, (_, i) => summary(`conv${i}`, { lastMessage: { text: 'x'.repeat(100), at: 1, authorKind: 'visitor' } }));
    const text = JSON.stringify({ type: 'welcome', v: 1, agent, queue });
    expect(text.length).toBeGreaterThan(LIMITS.maxFrameBytes);
    last().deliver(text);
    expect(events.bad).toEqual([]);
    expect(events.frames).toHaveLength(1);
  });

  it('reports invalid, unknown and binary frames instead of acting on them', () => {
    const { client, last, events } = setup();
    client.start();
    last().open();
    last().deliver('{not json');
    last().deliver({ type: 'welcome', v: 1, agent, queue: [], extra: true });
    last().deliver({ type: 'surprise' });
    last().onmessage?.({ data: new ArrayBuffer(2) } as MessageEvent);
    expect(events.frames).toEqual([]);
    expect(events.bad).toHaveLength(4);
  });

  it('pings every heartbeat and reconnects when the line goes silent', () => {
    const { client, sockets, last } = setup();
    client.start();
    last().open();
    vi.advanceTimersByTime(25_000);
    expect(last().sent).toContainEqual({ type: 'ping' });
    last().deliver({ type: 'pong', at: 1 });
    vi.advanceTimersByTime(25_000 * 3);
    expect(sockets[0]!.closedWith).not.toBeNull();
    vi.advanceTimersByTime(BACKOFF_MAX_MS);
    expect(sockets.length).toBe(2);
  });

  it('reconnects with growing delays and starts over after a welcome', () => {
    const { client, sockets, last, events } = setup();
    client.start();
    last().drop(1006);
    expect(events.status).toEqual(['connecting', 'offline']);
    vi.advanceTimersByTime(backoffDelay(0, 0) - 1);
    expect(sockets.length).toBe(1);
    vi.advanceTimersByTime(1);
    expect(sockets.length).toBe(2);
    last().drop(1006);
    vi.advanceTimersByTime(backoffDelay(1, 0));
    expect(sockets.length).toBe(3);
    last().open();
    last().deliver({ type: 'welcome', v: 1, agent, queue: [] });
    last().drop(1006);
    vi.advanceTimersByTime(backoffDelay(0, 0));
    expect(sockets.length).toBe(4);
  });

  it('stops for good when the relay refuses or revokes the session', () => {
    for (const [code, reason] of [
      [4001, 'unauthorized'],
      [4011, 'revoked'],
      [4010, 'unsupported-version'],
    ] as const) {
      const { client, sockets, last, events } = setup();
      client.start();
      last().open();
      last().drop(code);
      vi.advanceTimersByTime(BACKOFF_MAX_MS * 2);
      expect(sockets.length).toBe(1);
      expect(events.ended).toEqual([reason]);
    }
  });

  it('closes normally on stop and does not come back', () => {
    const { client, sockets, last } = setup();
    client.start();
    last().open();
    client.stop();
    expect(last().closedWith).toBe(1000);
    vi.advanceTimersByTime(BACKOFF_MAX_MS * 2);
    expect(sockets.length).toBe(1);
    expect(client.send({ type: 'ping' })).toBe(false);
  });
});

describe('backoff and url', () => {
  it('grows, caps and jitters the delay', () => {
    expect(backoffDelay(0, 0)).toBe(250);
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(500);
    expect(backoffDelay(3, 0)).toBe(2000);
    expect(backoffDelay(50, 0.999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });

  it('follows the page: wss on https, ws on http', () => {
    expect(agentSocketUrl({ protocol: 'https:', host: 'help.example.com' })).toBe('wss://help.example.com/ws/agent');
    expect(agentSocketUrl({ protocol: 'http:', host: '127.0.0.1:8787' })).toBe('ws://127.0.0.1:8787/ws/agent');
  });
});
