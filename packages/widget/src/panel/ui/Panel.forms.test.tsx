// @vitest-environment happy-dom
/**
 * Issue 3's forms in the panel (happy-dom): the pre-chat form before a new visitor's first
 * message, with labels, required fields, the consent checkbox and an outbox-backed submit; and
 * the callback request with its progress in the conversation; the rating after a resolution;
 * and offline mode's leave-a-message form.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Panel } from './Panel.js';
import { de, en } from '../../i18n/strings.js';
import { SessionStore } from '../transport/session-store.js';
import { Transport } from '../transport/transport.js';
import { agentAuthor, createFakeSocket, FakeSocket, welcome } from '../../test-support/fake-socket.js';

let container: HTMLElement;
let transport: Transport;

const PRECHAT = {
  fields: ['name', 'email', 'topic'],
  required: ['email'],
  topics: ['Orders', 'Returns'],
  privacyText: 'I agree that Acme stores my details.',
  privacyUrl: 'https://shop.example/privacy',
  textVersion: 'v-abc',
};

function mount(t = en): FakeSocket {
  transport = new Transport({
    relayUrl: 'https://relay.example',
    siteKey: 'pk_forms',
    session: new SessionStore('pk_forms'),
    createSocket: createFakeSocket,
  });
  act(() => {
    render(<Panel transport={transport} t={t} locale="en" open inline={false} onClose={() => {}} />, container);
  });
  act(() => transport.start());
  return FakeSocket.latest().open();
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T | null => container.querySelector<T>(selector);
const type = (selector: string, value: string): void => {
  // A synchronous callback: act flushes the render before it returns.
  void act(() => {
    const el = $<HTMLInputElement>(selector)!;
    el.value = value;
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });
};
const submit = (): void => void act(() => $<HTMLButtonElement>('form button[type=submit]')!.click());
const labelOf = (id: string): string => container.querySelector(`label[for=${id}]`)!.textContent!.trim();

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  act(() => render(null, container));
  transport.destroy();
  container.remove();
});

describe('pre-chat form', () => {
  it('asks a new visitor before the first message, with a label on every control', () => {
    const socket = mount(de);
    act(() => socket.receive(welcome({ site: { name: 'Shop', prechat: PRECHAT } })));
    expect($('textarea')).toBeNull();
    expect(labelOf('el-name')).toBe('Name');
    expect(labelOf('el-email')).toBe('E-Mail *');
    expect($('#el-email')!.getAttribute('type')).toBe('email');
    expect([...container.querySelectorAll('#el-topic option')].map((o) => o.textContent)).toEqual(['Thema wählen', 'Orders', 'Returns']);
    expect(labelOf('el-consent')).toBe('I agree that Acme stores my details. Datenschutzerklärung');
    const link = $<HTMLAnchorElement>('label[for=el-consent] a')!;
    expect(link.getAttribute('href')).toBe('https://shop.example/privacy');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('names what is missing, then sends answers and consent once as an acked action', () => {
    const socket = mount();
    act(() => socket.receive(welcome({ site: { name: 'Shop', prechat: PRECHAT } })));
    submit();
    expect($('[role=alert]')!.textContent).toBe(en.fieldRequired('E-mail'));
    expect($('#el-email')!.getAttribute('aria-invalid')).toBe('true');
    expect($('#el-email')!.getAttribute('aria-describedby')).toBe('el-email-err');
    type('#el-email', 'not-an-address');
    submit();
    expect($('[role=alert]')!.textContent).toBe(en.invalidEmail);
    type('#el-email', ' dana@example.com ');
    type('#el-name', 'Dana');
    type('#el-topic', 'Returns');
    submit();
    expect($('[role=alert]')!.textContent).toBe(en.consentRequired);
    act(() => $<HTMLInputElement>('#el-consent')!.click());
    submit();
    const [profile] = socket.ofType('profile');
    expect(profile).toMatchObject({ name: 'Dana', email: 'dana@example.com', topic: 'Returns', consent: { textVersion: 'v-abc' } });
    // The chat takes over at once; the answers wait in the outbox until acked.
    expect($('textarea')).not.toBeNull();
    expect(new SessionStore('pk_forms').read().outbox.map((e) => e.id)).toEqual([profile!.id]);

    // A reconnect before the ack resends the same id (stored once by the relay).
    vi.useFakeTimers();
    act(() => socket.drop(1012));
    act(() => void vi.advanceTimersByTime(60_000));
    vi.useRealTimers();
    const again = FakeSocket.latest().open();
    expect(again).not.toBe(socket);
    act(() => again.receive(welcome({ site: { name: 'Shop', prechat: PRECHAT } })));
    expect(again.ofType('profile').map((f) => f.id)).toEqual([profile!.id]);
    act(() => again.receive({ type: 'ack', id: profile!.id, seq: 2, at: 3, conversationId: 'c1' }));
    expect(new SessionStore('pk_forms').read().outbox).toEqual([]);
  });

  it('does not ask a visitor who already has a conversation', () => {
    const socket = mount();
    act(() => socket.receive(welcome({ conversationId: 'c1', lastSeq: 3, site: { name: 'Shop', prechat: PRECHAT } })));
    expect($('form.form')).toBeNull();
    expect($('textarea')).not.toBeNull();
  });
});

describe('callback request', () => {
  const status = (seq: number, change: string, callback: object) => ({
    type: 'event',
    event: { kind: 'status', seq, at: seq, author: agentAuthor, change, status: 'open', assignee: null, note: null, callback },
  });

  it('opens from the chat, checks the number, sends it as an acked action and shows its progress', () => {
    const socket = mount();
    act(() => socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 })));
    act(() => $<HTMLButtonElement>('.tools button')!.click());
    expect($('textarea#el-note')).not.toBeNull();
    expect(labelOf('el-phone')).toBe('Phone number *');
    expect($('#el-phone')!.getAttribute('type')).toBe('tel');
    expect(document.activeElement?.id).toBe('el-phone');
    type('#el-phone', 'call me');
    submit();
    expect($('[role=alert]')!.textContent).toBe(en.invalidPhone);
    type('#el-phone', '+49 30 1234-567');
    type('#el-when', 'tomorrow after 3 pm');
    submit();
    const [request] = socket.ofType('callback');
    expect(request).toMatchObject({ phone: '+49 30 1234-567', preferredTime: 'tomorrow after 3 pm' });
    expect(request).not.toHaveProperty('note');
    expect($('form.form')).toBeNull();

    act(() => socket.receive({ type: 'ack', id: request!.id, seq: 2, at: 2, conversationId: 'c1' }));
    act(() =>
      socket.receive({
        type: 'event',
        event: {
          kind: 'callback', seq: 2, at: 2, phone: '+49 30 1234-567', preferredTime: 'tomorrow after 3 pm', note: null,
          clientId: request!.id, author: { kind: 'visitor', id: 'v1', name: null, initials: null, avatarUrl: null, role: null },
        },
      }),
    );
    act(() => socket.receive(status(3, 'callback_taken', { requestSeq: 2, outcome: null })));
    act(() => socket.receive(status(4, 'callback_done', { requestSeq: 2, outcome: 'no_answer' })));
    expect([...container.querySelectorAll('.note')].map((n) => n.textContent)).toEqual([
      en.callbackRequested('+49 30 1234-567', 'tomorrow after 3 pm'),
      en.callbackTaken('Anna Nowak'),
      en.callbackOutcome.no_answer('Anna Nowak'),
    ]);
  });

  it('cancel returns to the chat without sending anything', () => {
    const socket = mount(de);
    act(() => socket.receive(welcome({ conversationId: 'c1', lastSeq: 1 })));
    act(() => $<HTMLButtonElement>('.tools button')!.click());
    act(() => $<HTMLButtonElement>('form button[type=button]')!.click());
    expect($('textarea:not(#el-note)')).not.toBeNull();
    expect(socket.ofType('callback')).toEqual([]);
  });
});

describe('rating after resolution', () => {
  const system = { kind: 'system', id: null, name: null, initials: null, avatarUrl: null, role: null };
  const resolvedThenAsked = (socket: FakeSocket): void => {
    act(() => socket.receive(welcome({ conversationId: 'c1', lastSeq: 0 })));
    for (const [seq, change] of [[1, 'opened'], [2, 'resolved'], [3, 'csat_requested']] as const) {
      act(() =>
        socket.receive({
          type: 'event',
          event: { kind: 'status', seq, at: seq, author: system, change, status: seq === 1 ? 'open' : 'resolved', assignee: null },
        }),
      );
    }
  };

  it('offers five labelled choices after csat_requested and sends the rating once as an action', () => {
    const socket = mount();
    resolvedThenAsked(socket);
    expect($('.csat legend')!.textContent).toBe(en.rateTitle);
    const choices = [...container.querySelectorAll<HTMLInputElement>('.csat input[type=radio]')];
    expect(choices).toHaveLength(5);
    expect([...container.querySelectorAll('.stars .sr')].map((s) => s.textContent)).toEqual([1, 2, 3, 4, 5].map(en.ratingLabel));
    expect($<HTMLButtonElement>('.csat button[type=submit]')!.disabled).toBe(true);
    act(() => choices[3]!.click());
    type('#el-csat-comment', 'Quick and friendly');
    act(() => $<HTMLButtonElement>('.csat button[type=submit]')!.click());
    const [rating] = socket.ofType('csat');
    expect(rating).toMatchObject({ seq: 3, rating: 4, comment: 'Quick and friendly' });
    expect($('.csat')).toBeNull();
    act(() =>
      socket.receive({
        type: 'event',
        event: {
          kind: 'csat', seq: 4, at: 4, rating: 4, comment: 'Quick and friendly', requestSeq: 3, clientId: rating!.id,
          author: { kind: 'visitor', id: 'v1', name: null, initials: null, avatarUrl: null, role: null },
        },
      }),
    );
    expect([...container.querySelectorAll('.note')].map((n) => n.textContent)).toContain(en.rated(4));
    expect($('.csat')).toBeNull();
  });

  it('can be put aside without rating', () => {
    const socket = mount(de);
    resolvedThenAsked(socket);
    act(() => $<HTMLButtonElement>('.csat button[type=button]')!.click());
    expect($('.csat')).toBeNull();
    expect(socket.ofType('csat')).toEqual([]);
  });
});

describe('offline mode', () => {
  it('turns the chat into a leave-a-message form that needs an e-mail, and sends profile then message', () => {
    const socket = mount();
    const nextOpenAt = Date.parse('2030-01-07T08:00:00Z');
    act(() => socket.receive(welcome({ site: { name: 'Shop', availability: { online: false, nextOpenAt } } })));
    expect($('textarea:not(#el-off-message)')).toBeNull();
    expect($('form.form .intro')!.textContent).toContain(en.offlineTitle);
    expect($('form.form .intro')!.textContent).toContain('We are back');
    expect(labelOf('el-off-email')).toBe('E-mail *');
    expect(labelOf('el-off-message')).toBe('Your message *');
    type('#el-off-message', 'Please write back about my invoice.');
    submit();
    expect($('[role=alert]')!.textContent).toBe(en.fieldRequired('E-mail'));
    type('#el-off-email', 'late@example.com');
    submit();
    const sent = socket.sent.filter((f) => f.type === 'profile' || f.type === 'send');
    expect(sent.map((f) => f.type)).toEqual(['profile', 'send']);
    expect(sent[0]).toMatchObject({ email: 'late@example.com' });
    expect(sent[1]).toMatchObject({ text: 'Please write back about my invoice.' });
    // The message shows in the conversation with a note that nobody is online.
    expect($('.own .bubble')!.textContent).toBe('Please write back about my invoice.');
    expect($('.away')!.textContent).toBe(en.awayNotice);
  });

  it('goes back to live chat when an agent comes online', () => {
    const socket = mount(de);
    act(() => socket.receive(welcome({ site: { name: 'Shop', availability: { online: false } } })));
    expect($('form.form')).not.toBeNull();
    act(() => socket.receive({ type: 'availability', online: true }));
    expect($('form.form')).toBeNull();
    expect($('textarea')).not.toBeNull();
    expect($('.away')).toBeNull();
  });

  it('offers a callback instead', () => {
    const socket = mount();
    act(() => socket.receive(welcome({ site: { name: 'Shop', availability: { online: false } } })));
    act(() => $<HTMLButtonElement>('form .row button[type=button]')!.click());
    expect($('#el-phone')).not.toBeNull();
  });
});
