// @vitest-environment happy-dom
/**
 * Issue 3's visitor context in the panel: the team of a careers page shown with its people,
 * identity going out with hello and after it, and a refused proof reported to the host page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Panel } from './Panel.js';
import { de, en } from '../../i18n/strings.js';
import { SessionStore } from '../transport/session-store.js';
import { Transport } from '../transport/transport.js';
import { helloExtras } from '../page-context.js';
import { agentAuthor, createFakeSocket, FakeSocket, welcome } from '../../test-support/fake-socket.js';

let container: HTMLElement;
let transport: Transport;
let errors: Array<{ code: string }>;

function mount(options: { t?: typeof en; identity?: { id: string; hash?: string } } = {}): FakeSocket {
  transport = new Transport({
    relayUrl: 'https://relay.example',
    siteKey: 'pk_ctx',
    session: new SessionStore('pk_ctx'),
    createSocket: createFakeSocket,
    helloExtras: () => helloExtras('en', options.identity, { team: 'recruiting', jobId: 'BE-7', jobTitle: 'Backend engineer' }),
    onError: (error) => errors.push(error),
  });
  act(() => {
    render(<Panel transport={transport} t={options.t ?? en} locale="en" open inline={false} onClose={() => {}} />, container);
  });
  act(() => transport.start());
  return FakeSocket.latest().open();
}

const $ = (selector: string): HTMLElement | null => container.querySelector<HTMLElement>(selector);

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  errors = [];
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  act(() => render(null, container));
  transport.destroy();
  container.remove();
});

describe('careers context and identity', () => {
  it('says hello with the team and job, and shows the recruiters the relay names', () => {
    const socket = mount({ t: de });
    expect(socket.ofType('hello')[0]).toMatchObject({ context: { team: 'recruiting', jobId: 'BE-7', jobTitle: 'Backend engineer' } });
    const ben = { ...agentAuthor, id: 'ag2', name: 'Ben Ortiz', initials: 'bo' };
    act(() => socket.receive(welcome({ site: { name: 'Acme Careers', team: { name: 'Recruiting', members: [agentAuthor, ben] } } })));
    expect($('.team')!.textContent).toBe('anboRecruiting: Anna Nowak, Ben Ortiz');
    expect($('.faces')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows no team line for a plain support widget', () => {
    const socket = mount();
    act(() => socket.receive(welcome()));
    expect($('.team')).toBeNull();
  });

  it('sends identify after hello, and tells the host page when the relay refused the proof', () => {
    const socket = mount({ identity: { id: 'u1', hash: 'f'.repeat(64) } });
    expect(socket.ofType('hello')[0]).toMatchObject({ identity: { id: 'u1', hash: 'f'.repeat(64) } });
    act(() => socket.receive(welcome({ verified: false })));
    expect(errors.map((e) => e.code)).toEqual(['IDENTITY_NOT_VERIFIED']);
    act(() => transport.identify({ id: 'u2', jwt: 'a.b.c' }));
    expect(socket.ofType('identify')).toEqual([{ type: 'identify', id: 'u2', jwt: 'a.b.c' }]);
    act(() => socket.receive(welcome({ verified: true, visitorId: 'v2', token: 'vt_new' })));
    expect(errors).toHaveLength(1);
    expect(transport.state.verified).toBe(true);
    expect(new SessionStore('pk_ctx').read().token).toBe('vt_new');
  });
});
