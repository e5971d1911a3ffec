// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Panel } from './Panel.js';
import { de, en } from '../../i18n/strings.js';
import { SessionStore } from '../transport/session-store.js';
import { Transport } from '../transport/transport.js';
import { agentAuthor, agentMessage, createFakeSocket, FakeSocket, visitorMessage, welcome } from '../../test-support/fake-socket.js';

let container: HTMLElement;
let transport: Transport;
let closed = 0;

function mount(options: { open?: boolean; inline?: boolean; t?: typeof en } = {}): FakeSocket {
  transport = new Transport({
    relayUrl: 'https://relay.example',
    siteKey: 'pk_ui',
    session: new SessionStore('pk_ui'),
    createSocket: createFakeSocket,
  });
  act(() => {
    render(
      <Panel
        transport={transport}
        t={options.t ?? en}
        locale="en"
        open={options.open ?? true}
        inline={options.inline ?? false}
        onClose={() => closed++}
      />,
      container,
    );
  });
  act(() => transport.start());
  const socket = FakeSocket.latest().open();
  act(() => socket.receive(welcome({ conversationId: 'c1' })));
  return socket;
}

const relay = (socket: FakeSocket, frame: Record<string, unknown>): void => {
  act(() => socket.receive(frame));
};
const $ = <T extends Element = HTMLElement>(selector: string): T | null => container.querySelector<T>(selector);
const $$ = (selector: string): Element[] => [...container.querySelectorAll(selector)];

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  closed = 0;
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  act(() => render(null, container));
  transport.destroy();
  container.remove();
});

describe('Panel', () => {
  it('is a labelled dialog with the site name, an empty state, and a live log', () => {
    mount();
    expect($('[role=dialog]')!.getAttribute('aria-label')).toBe('Chat with Demo Shop');
    expect($('h2')!.textContent).toBe('Demo Shop');
    expect($('.empty')!.textContent).toBe(en.empty);
    const log = $('[role=log]')!;
    expect(log.getAttribute('aria-live')).toBe('polite');
  });

  it("shows the agent's name, initials and a human label, once per run of messages", () => {
    const socket = mount();
    relay(socket, agentMessage(1, 'Hi, Anna here'));
    relay(socket, agentMessage(2, 'How can I help?'));
    expect($$('.who')).toHaveLength(1);
    expect($('.name')!.textContent).toBe('Anna Nowak');
    expect($('.av')!.textContent).toBe('an');
    expect($('.tag')!.textContent).toBe(en.human);
    expect($$('.bubble').map((b) => b.textContent)).toEqual(['Hi, Anna here', 'How can I help?']);
  });

  it('labels automated answers as a bot and announces a handoff between people', () => {
    const socket = mount();
    const bot = { kind: 'system', id: null, name: 'Helper', initials: null, avatarUrl: null, role: null };
    relay(socket, { type: 'event', event: { kind: 'message', seq: 1, at: 1, author: bot, text: 'Auto', clientId: null } });
    const assigned = (seq: number, name: string) => ({
      type: 'event',
      event: {
        kind: 'status', seq, at: seq, author: bot, change: 'assigned', status: 'open',
        assignee: { ...agentAuthor, id: name, name },
      },
    });
    relay(socket, assigned(2, 'Anna Nowak'));
    relay(socket, assigned(3, 'Ben Ortiz'));
    // An agents-only note reaches the visitor as a bare seq and shows nothing.
    relay(socket, { type: 'event', event: { kind: 'internal', seq: 4, at: 4, author: bot } });
    relay(socket, {
      type: 'event',
      event: { ...assigned(5, 'Cleo Park').event, change: 'transferred', team: null, note: null },
    });
    expect($('.tag')!.textContent).toBe(en.bot);
    expect($$('.note').map((n) => n.textContent)).toEqual([
      en.joined('Anna Nowak'),
      en.handoff('Anna Nowak', 'Ben Ortiz'),
      en.handoff('Ben Ortiz', 'Cleo Park'),
    ]);
    expect($$('li')).toHaveLength(4);
    expect(transport.state.lastSeq).toBe(5);
  });

  it('renders markup in messages as text and links only safe URLs', () => {
    const socket = mount();
    relay(socket, agentMessage(1, '<img src=x onerror=alert(1)> javascript:alert(1) https://example.com/help'));
    const bubble = $('.bubble')!;
    expect(bubble.querySelector('img')).toBeNull();
    expect(bubble.textContent).toBe('<img src=x onerror=alert(1)> javascript:alert(1) https://example.com/help');
    const links = [...bubble.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/help']);
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
  });

  it('Enter sends, Shift+Enter does not; the message shows as sending until it is stored', () => {
    const socket = mount();
    const textarea = $<HTMLTextAreaElement>('textarea')!;
    act(() => {
      textarea.value = 'Where is my order?';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(socket.ofType('typing')).toEqual([{ type: 'typing', on: true }]);
    act(() => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    });
    expect(socket.ofType('send')).toHaveLength(0);
    act(() => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    const [send] = socket.ofType('send');
    expect(send).toMatchObject({ text: 'Where is my order?' });
    expect(textarea.value).toBe('');
    expect($('.own .meta')!.textContent).toBe(en.sending);
    expect(socket.ofType('typing').at(-1)).toEqual({ type: 'typing', on: false });

    relay(socket, { type: 'ack', id: send!.id, seq: 1, at: 2, conversationId: 'c1' });
    relay(socket, visitorMessage(1, 'Where is my order?', String(send!.id)));
    expect($$('.own')).toHaveLength(1);
    expect($('.own .meta')).toBeNull();
  });

  it('shows the agent typing and a read receipt on the last message they read', () => {
    const socket = mount();
    relay(socket, visitorMessage(1, 'one', 'w-1'));
    relay(socket, visitorMessage(2, 'two', 'w-2'));
    relay(socket, { type: 'typing', on: true, author: agentAuthor });
    expect($('.typing')!.textContent).toBe(en.typing('Anna Nowak'));
    relay(socket, { type: 'read', seq: 1 });
    const seen = $$('.own').map((row) => row.querySelector('.meta')?.textContent ?? null);
    expect(seen).toEqual([en.seen, null]);
    relay(socket, agentMessage(3, 'Looking into it'));
    expect($('.typing')!.textContent).toBe('');
  });

  it('tells the visitor when the connection is lost and when the relay could not fill a hole', () => {
    const socket = mount();
    relay(socket, agentMessage(1));
    relay(socket, { type: 'gap', from: 2, to: 3 });
    relay(socket, agentMessage(4));
    expect($('.note')!.textContent).toBe(en.missed(2));
    act(() => socket.drop(1012));
    expect($('.banner')!.textContent).toBe(en.reconnecting);
  });

  it('offers a retry for a message the relay refused', () => {
    const socket = mount();
    act(() => {
      transport.send('hello');
    });
    const [send] = socket.ofType('send');
    relay(socket, { type: 'error', code: 'BAD_REQUEST', message: 'no', ref: send!.id });
    const retry = $<HTMLButtonElement>('.own button')!;
    expect(retry.textContent).toBe(en.retry);
    act(() => retry.click());
    expect(socket.ofType('send').map((f) => f.id)).toEqual([send!.id, send!.id]);
  });

  it('warns before sending a message over the length limit', () => {
    mount();
    const textarea = $<HTMLTextAreaElement>('textarea')!;
    act(() => {
      textarea.value = 'x'.repeat(5001);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect($('[role=alert]')!.textContent).toBe(en.tooLong(5000));
    expect($<HTMLButtonElement>('button.send')!.disabled).toBe(true);
  });

  it('Escape and the close button ask to close; every control has a label', () => {
    mount({ t: de });
    act(() => {
      $('[role=dialog]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    act(() => $<HTMLButtonElement>('button.x')!.click());
    expect(closed).toBe(2);
    expect($('button.x')!.getAttribute('aria-label')).toBe('Chat schließen');
    for (const control of $$('button, textarea')) {
      const name = control.getAttribute('aria-label') ?? control.textContent;
      expect(name?.trim()).toBeTruthy();
    }
  });

  it('inline panels are a region without a close button', () => {
    mount({ inline: true, open: false });
    expect($('[role=region]')!.hidden).toBe(false);
    expect($('button.x')).toBeNull();
  });
});
