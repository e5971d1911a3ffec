// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { ConsoleScreen } from './ConsoleScreen.js';
import { ConsoleController } from './console-controller.js';
import { AgentSocket } from '../connection/agent-socket.js';
import { FakeSocket } from '../test-support/fake-socket.js';
import { click, get, mount, press, type } from '../test-support/dom.js';
import { agent, agentAuthor, message, statusEvent, summary, visitorAuthor } from '../test-support/fixtures.js';

let cleanup: (() => void) | null = null;

function setup() {
  const sockets: FakeSocket[] = [];
  let ids = 0;
  const controller = new ConsoleController({
    agent,
    newId: () => `c${++ids}`,
    onSessionEnded: () => {},
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
  const onSignOut = vi.fn();
  const { container, unmount } = mount(<ConsoleScreen controller={controller} onSignOut={onSignOut} />);
  act(() => controller.start());
  cleanup = () => {
    unmount();
    controller.stop();
  };
  const relay = () => sockets[sockets.length - 1]!;
  const deliver = (frame: unknown) => act(() => relay().deliver(frame));
  const sent = (type: string) => relay().sent.filter((frame) => (frame as { type: string }).type === type);
  return { container, controller, relay, deliver, sent, onSignOut };
}

const kim = summary('conv1', {
  lastSeq: 2,
  updatedAt: 2000,
  visitor: { id: 'v1', name: 'Kim', email: 'kim@example.com' },
  lastMessage: { text: 'Where is my parcel?', at: 2000, authorKind: 'visitor' },
});

function connect(env: ReturnType<typeof setup>, queue = [kim]) {
  act(() => env.relay().open());
  env.deliver({ type: 'welcome', v: 1, agent, queue });
}

describe('ConsoleScreen', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
  afterEach(() => {
    cleanup?.();
    cleanup = null;
    vi.useRealTimers();
  });

  it('shows the queue from the welcome and a new conversation without reload', () => {
    const env = setup();
    expect(env.container.textContent).toContain('Connecting');
    connect(env);
    expect(env.container.textContent).toContain('Live');
    expect(get(env.container, '[role="listbox"]').textContent).toContain('Kim');
    env.deliver({ type: 'conversation', conversation: summary('conv2', { updatedAt: 3000, visitor: { id: 'v2', name: null, email: null } }) });
    const options = env.container.querySelectorAll('[role="option"]');
    expect(options.length).toBe(2);
    // Kim is waiting for an answer, so she stays above the newer conversation nobody wrote in yet.
    expect(options[0]?.textContent).toContain('Kim');
    expect(options[1]?.textContent).toContain('Visitor');
    expect(get(env.container, '[role="status"][aria-live="polite"]').textContent).toBe('New conversation from a visitor');
  });

  it('opens a conversation, loads its log, and renders messages and status lines as text', () => {
    const env = setup();
    connect(env);
    click(get(env.container, '#queue-option-conv1'));
    expect(env.sent('sync')).toEqual([{ type: 'sync', conversationId: 'conv1', afterSeq: 0 }]);
    expect(env.container.textContent).toContain('Loading conversation');
    env.deliver({
      type: 'events',
      conversationId: 'conv1',
      events: [
        message(1, '<img src=x onerror=alert(1)>', { author: { ...visitorAuthor, name: 'Kim' } }),
        statusEvent(2, { change: 'assigned', status: 'open', assignee: agentAuthor }),
      ],
      more: false,
    });
    const log = get(env.container, 'ol[aria-label="Messages"]');
    expect(log.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(log.querySelector('img')).toBeNull();
    expect(log.textContent).toContain('Ana Nowak took the conversation');
    expect(env.sent('read')).toEqual([{ type: 'read', conversationId: 'conv1', seq: 2 }]);
    expect(get(env.container, 'h2').textContent).toBe('Kim');
  });

  it('sends with Enter, keeps Shift+Enter for new lines, and shows the reply as sending until confirmed', () => {
    const env = setup();
    connect(env);
    click(get(env.container, '#queue-option-conv1'));
    env.deliver({ type: 'events', conversationId: 'conv1', events: [message(1, 'hi'), message(2, 'hello?')], more: false });
    const textarea = get<HTMLTextAreaElement>(env.container, 'textarea');
    expect(get(env.container, `label[for="${textarea.id}"]`).textContent).toBe('Reply');
    type(textarea, 'Hi Kim,');
    press(textarea, 'Enter', { shiftKey: true });
    expect(env.sent('send')).toEqual([]);
    expect(env.sent('typing')).toEqual([{ type: 'typing', conversationId: 'conv1', on: true }]);
    type(textarea, 'Hi Kim,\nit left today.');
    press(textarea, 'Enter');
    expect(env.sent('send')).toEqual([{ type: 'send', conversationId: 'conv1', id: 'c1', text: 'Hi Kim,\nit left today.' }]);
    expect(env.sent('typing').at(-1)).toEqual({ type: 'typing', conversationId: 'conv1', on: false });
    expect(textarea.value).toBe('');
    expect(get(env.container, '[data-client-id="c1"]').textContent).toContain('Sending');
    env.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    env.deliver({
      type: 'event',
      conversationId: 'conv1',
      event: message(3, 'Hi Kim,\nit left today.', { author: agentAuthor, clientId: 'c1' }),
    });
    expect(env.container.querySelector('[data-client-id="c1"]')).toBeNull();
    expect(get(env.container, '[data-seq="3"]').textContent).toContain('Ana Nowak');
    env.deliver({ type: 'read', conversationId: 'conv1', seq: 3 });
    expect(get(env.container, '[data-seq="3"]').textContent).toContain('Seen');
  });

  it('shows an error frame on the reply it answers and retries with the same id', () => {
    const env = setup();
    connect(env);
    click(get(env.container, '#queue-option-conv1'));
    const textarea = get<HTMLTextAreaElement>(env.container, 'textarea');
    type(textarea, 'too much');
    press(textarea, 'Enter');
    env.deliver({ type: 'error', code: 'RATE_LIMITED', message: 'Slow down', ref: 'c1' });
    const entry = get(env.container, '[data-client-id="c1"]');
    expect(entry.textContent).toContain('Not sent: Slow down');
    click(get(entry, 'button'));
    expect(env.sent('send')).toEqual([
      { type: 'send', conversationId: 'conv1', id: 'c1', text: 'too much' },
      { type: 'send', conversationId: 'conv1', id: 'c1', text: 'too much' },
    ]);
  });

  it('resolves and reopens through status frames', () => {
    const env = setup();
    connect(env);
    click(get(env.container, '#queue-option-conv1'));
    const button = get<HTMLButtonElement>(env.container, '.status-toggle');
    expect(button.textContent).toBe('Resolve');
    click(button);
    expect(env.sent('status')).toEqual([{ type: 'status', conversationId: 'conv1', id: 'c1', status: 'resolved' }]);
    expect(button.disabled).toBe(true);
    env.deliver({ type: 'ack', id: 'c1', seq: 3, at: 3000, conversationId: 'conv1' });
    env.deliver({ type: 'event', conversationId: 'conv1', event: statusEvent(3, { change: 'resolved', status: 'resolved' }) });
    expect(get(env.container, '.status-toggle').textContent).toBe('Reopen');
  });

  it('shows who is typing and announces new messages in the open conversation', () => {
    const env = setup();
    connect(env);
    click(get(env.container, '#queue-option-conv1'));
    env.deliver({ type: 'typing', conversationId: 'conv1', on: true, author: { ...visitorAuthor, name: 'Kim' } });
    expect(get(env.container, '.typing').textContent).toBe('Kim is typing…');
    env.deliver({ type: 'event', conversationId: 'conv1', event: message(3, 'Any news?', { author: { ...visitorAuthor, name: 'Kim' } }) });
    expect(get(env.container, '.typing').textContent).toBe('');
    expect(get(env.container, '[role="status"][aria-live="polite"]').textContent).toBe('Kim: Any news?');
  });

  it('shows errors that answer no reply as dismissable notices, and goes offline on a drop', () => {
    const env = setup();
    connect(env);
    env.deliver({ type: 'error', code: 'FORBIDDEN', message: 'Not your workspace', ref: null });
    const notice = get(env.container, '.notice');
    expect(notice.textContent).toContain('Not your workspace');
    click(get(notice, 'button'));
    expect(env.container.querySelector('.notice')).toBeNull();
    act(() => env.relay().drop(1006));
    expect(env.container.textContent).toContain('Offline');
  });

  it('focuses the composer on open, returns to the queue on Escape, and counts unread in the title', () => {
    const env = setup();
    connect(env, [kim, summary('conv2', { updatedAt: 10, lastSeq: 1, lastMessage: { text: 'hi', at: 10, authorKind: 'visitor' } })]);
    expect(document.title).toBe('(2) eyelevel console');
    const listbox = get(env.container, '[role="listbox"]');
    listbox.focus();
    press(listbox, 'ArrowDown');
    press(listbox, 'Enter');
    const textarea = get<HTMLTextAreaElement>(env.container, 'textarea');
    expect(document.activeElement).toBe(textarea);
    // The first row is conv2: its visitor has waited longest.
    env.deliver({ type: 'events', conversationId: 'conv2', events: [message(1, 'hi', { at: 10 })], more: false });
    expect(document.title).toBe('(1) eyelevel console');
    press(textarea, 'Escape');
    expect(document.activeElement).toBe(listbox);
  });

  it('signs out from the top bar', () => {
    const env = setup();
    connect(env);
    click([...env.container.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')!);
    expect(env.onSignOut).toHaveBeenCalled();
  });
  it('shows a spike alert to the agent as a banner with its text, dismissible, and keeps it in the Alerts list', () => {
    const env = setup();
    connect(env);
    const alert = {
      id: 'al1',
      ruleId: 'r1',
      ruleName: 'Forum volume',
      series: { kind: 'keyword', id: 'outage', label: '<b>outage</b>' },
      severity: 'critical',
      count: 71,
      baseline: 10,
      windowMinutes: 5,
      at: 1000,
      crisisMode: false,
    };
    env.deliver({ type: 'alerts', alerts: [] });
    expect(env.container.querySelector('.alert-banner')).toBeNull();
    env.deliver({ type: 'alert', alert });
    const banner = get(env.container, '[aria-label="Spike alert"]');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Critical: 71 in 5 min on “<b>outage</b>” (usually 10) — Forum volume');
    expect(banner.querySelector('b')).toBeNull();
    click(get(banner, 'button'));
    expect(env.container.querySelector('.alert-banner')).toBeNull();
    click([...env.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Alerts'))!);
    expect(get(env.container, '#alerts-list').textContent).toContain('Critical: 71 in 5 min');
  });
});
