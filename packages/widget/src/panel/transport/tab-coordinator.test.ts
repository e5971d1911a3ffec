// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coordinateTabs, type TabCoordinator } from './tab-coordinator.js';
import { SessionStore } from './session-store.js';
import { Transport } from './transport.js';
import { agentMessage, createFakeSocket, FakeSocket, welcome } from '../../test-support/fake-socket.js';
import { ChannelHub, FakeLocks } from '../../test-support/fake-tabs.js';
import { unreadCount } from '../state/chat-state.js';

const SITE = 'pk_tabs';
let hub: ChannelHub;
let locks: FakeLocks;
const tabs: { transport: Transport; coordinator: TabCoordinator }[] = [];

function openTab(): Transport {
  const transport = new Transport({
    relayUrl: 'https://relay.example',
    siteKey: SITE,
    session: new SessionStore(SITE),
    createSocket: createFakeSocket,
  });
  const coordinator = coordinateTabs(transport, SITE, { locks, channel: hub.open() });
  tabs.push({ transport, coordinator });
  return transport;
}

function closeTab(transport: Transport): void {
  const tab = tabs.find((t) => t.transport === transport)!;
  tab.coordinator.destroy();
  transport.destroy();
  tabs.splice(tabs.indexOf(tab), 1);
}

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  hub = new ChannelHub();
  locks = new FakeLocks();
});
afterEach(() => {
  for (const tab of [...tabs]) closeTab(tab.transport);
});

describe('coordinateTabs', () => {
  it('two tabs share one socket: the second mirrors the first and sends through it', async () => {
    const first = openTab();
    first.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 }));
    socket.receive(agentMessage(1, 'hello from Anna'));

    const second = openTab();
    second.start();
    await vi.waitFor(() => expect(second.state.events).toHaveLength(1));
    expect(FakeSocket.all).toHaveLength(1);
    expect(second.state.siteName).toBe('Demo Shop');
    expect(second.state.connection).toBe('online');

    const result = second.send('sent from tab two');
    if (!result.ok) throw new Error('send refused');
    await vi.waitFor(() => expect(socket.ofType('send').map((f) => f.id)).toContain(result.id));
    socket.receive({ type: 'ack', id: result.id, seq: 2, at: 9, conversationId: 'c1' });
    socket.receive(agentMessage(3, 'live reply'));
    await vi.waitFor(() => expect(second.state.events.map((e) => e.seq)).toEqual([1, 3]));
    expect(second.state.pending).toMatchObject([{ id: result.id, state: 'sent', seq: 2 }]);
  });

  it('keeps one unread count across tabs', async () => {
    const first = openTab();
    first.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 0 }));
    const second = openTab();
    second.start();
    await vi.waitFor(() => expect(second.state.connection).toBe('online'));
    socket.receive(agentMessage(1));
    socket.receive(agentMessage(2));
    await vi.waitFor(() => expect(unreadCount(second.state)).toBe(2));
    expect(unreadCount(first.state)).toBe(2);

    // The visitor reads in the second tab; the first tab's badge clears too.
    second.markRead();
    await vi.waitFor(() => expect(unreadCount(first.state)).toBe(0));
    await vi.waitFor(() => expect(socket.ofType('read').at(-1)).toEqual({ type: 'read', seq: 2 }));
  });

  it('when the socket-owning tab closes, another takes over and resumes where it was', async () => {
    const first = openTab();
    first.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 2 }));
    socket.receive(agentMessage(1));
    socket.receive(agentMessage(2));
    const second = openTab();
    second.start();
    await vi.waitFor(() => expect(second.state.lastSeq).toBe(2));

    closeTab(first);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    const next = FakeSocket.latest().open();
    expect(next.sent[0]).toMatchObject({ type: 'hello', token: 'vt_secret', lastSeq: 2 });
  });

  it('forget in one tab erases the conversation in every tab', async () => {
    const first = openTab();
    first.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 }));
    socket.receive(agentMessage(1));
    const second = openTab();
    second.start();
    await vi.waitFor(() => expect(second.state.events).toHaveLength(1));

    tabs.find((t) => t.transport === second)!.coordinator.forget();
    second.forget();
    await vi.waitFor(() => expect(first.state.events).toHaveLength(0));
    expect(socket.readyState).toBe(3);
    expect(localStorage.getItem(`eyelevel:${SITE}`)).toBeNull();
  });

  it('without Web Locks every tab keeps its own socket', async () => {
    const transport = new Transport({
      relayUrl: 'https://relay.example',
      siteKey: SITE,
      session: new SessionStore(SITE),
      createSocket: createFakeSocket,
    });
    const coordinator = coordinateTabs(transport, SITE, { locks: undefined, channel: hub.open() });
    transport.start();
    expect(FakeSocket.all).toHaveLength(1);
    coordinator.destroy();
    transport.destroy();
  });
});
