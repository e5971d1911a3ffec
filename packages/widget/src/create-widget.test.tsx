// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWidget } from './create-widget.js';
import type { Widget } from './core/options.js';
import { FakeSocket, agentMessage, welcome } from './test-support/fake-socket.js';

const SITE = 'pk_widget';
let widget: Widget | null = null;

const host = (): ShadowRoot => document.querySelector('eyelevel-widget')!.shadowRoot!;
const launcher = (): HTMLButtonElement => host().querySelector('button[part=launcher]')!;
const panel = (): HTMLElement | null => host().querySelector('[part=panel]');
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  document.documentElement.lang = 'en';
});
afterEach(() => {
  widget?.destroy();
  widget = null;
  vi.unstubAllGlobals();
});

describe('createWidget', () => {
  it('draws only the launcher, and opens no socket and writes no storage before intent', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    await settle();
    expect(launcher().getAttribute('aria-label')).toBe('Open chat');
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    expect(panel()).toBeNull();
    expect(FakeSocket.all).toHaveLength(0);
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    setItem.mockRestore();
  });

  it('hovering fetches the panel but still opens no socket', async () => {
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    launcher().dispatchEvent(new Event('pointerenter'));
    await vi.waitFor(() => expect(panel()).not.toBeNull());
    expect(panel()!.hidden).toBe(true);
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('a click opens the panel, connects, and emits open; Escape closes it and refocuses the launcher', async () => {
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    const events: string[] = [];
    widget.on('open', () => events.push('open'));
    widget.on('close', () => events.push('close'));
    launcher().click();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    expect(FakeSocket.latest().url).toBe('wss://relay.example/ws/visitor?site=pk_widget');
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    expect(panel()!.hidden).toBe(false);
    expect(panel()!.getAttribute('role')).toBe('dialog');

    panel()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(panel()!.hidden).toBe(true);
    expect(host().activeElement).toBe(launcher());
    expect(events).toEqual(['open', 'close']);
  });

  it('connects at once when a conversation exists, and shows unread replies on the launcher badge', async () => {
    localStorage.setItem(`eyelevel:${SITE}`, JSON.stringify({ token: 'vt_1', outbox: [], readSeq: 1 }));
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    const unread: unknown[] = [];
    widget.on('unread', (detail) => unread.push(detail));
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    expect(socket.sent[0]).toMatchObject({ type: 'hello', token: 'vt_1', lastSeq: 0 });
    socket.receive(welcome({ token: null, conversationId: 'c1', lastSeq: 3 }));
    socket.receive(agentMessage(1));
    socket.receive(agentMessage(2));
    socket.receive(agentMessage(3));
    const badge = host().querySelector('[part=badge]') as HTMLElement;
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('2');
    expect(launcher().getAttribute('aria-label')).toBe('Open chat, 2 unread');
    expect(unread.at(-1)).toEqual({ count: 2 });

    widget.open();
    await settle();
    expect(badge.hidden).toBe(true);
    expect(socket.ofType('read').at(-1)).toEqual({ type: 'read', seq: 3 });
  });

  it('announces live messages (not replayed history) through the message event', async () => {
    localStorage.setItem(`eyelevel:${SITE}`, JSON.stringify({ token: 'vt_1', outbox: [], readSeq: 0 }));
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    const messages: unknown[] = [];
    widget.on('message', (m) => messages.push(m));
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = FakeSocket.latest().open();
    socket.receive(welcome({ token: null, conversationId: 'c1', lastSeq: 1 }));
    socket.receive(agentMessage(1, 'old'));
    socket.receive(agentMessage(2, 'new'));
    expect(messages).toMatchObject([{ seq: 2, text: 'new', author: { name: 'Anna Nowak' } }]);
  });

  it('renders inline in a container: always open, no launcher', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    widget = createWidget({
      siteKey: SITE,
      relayUrl: 'https://relay.example',
      container,
      locale: 'de',
      context: { team: 'recruiting', jobId: 'J-1' },
    });
    await vi.waitFor(() => expect(container.querySelector('eyelevel-widget')?.shadowRoot?.querySelector('[part=panel]')).toBeTruthy());
    const root = container.querySelector('eyelevel-widget')!.shadowRoot!;
    expect(root.querySelector('button[part=launcher]')).toBeNull();
    expect(root.querySelector('[part=panel]')!.getAttribute('role')).toBe('region');
    expect(root.querySelector('textarea')!.getAttribute('aria-label')).toBe('Ihre Nachricht');
    container.remove();
  });

  it('forget erases stored data; destroy removes the element', async () => {
    localStorage.setItem(`eyelevel:${SITE}`, JSON.stringify({ token: 'vt_1', outbox: [], readSeq: 0 }));
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    widget.forget();
    expect(localStorage.getItem(`eyelevel:${SITE}`)).toBeNull();
    widget.destroy();
    widget = null;
    expect(document.querySelector('eyelevel-widget')).toBeNull();
  });

  it('a throwing listener does not break the widget', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    widget = createWidget({ siteKey: SITE, relayUrl: 'https://relay.example' });
    widget.on('open', () => {
      throw new Error('host bug');
    });
    widget.open();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    expect(reportError).toHaveBeenCalled();
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
  });
});
