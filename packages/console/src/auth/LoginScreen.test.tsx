// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { LoginScreen } from './LoginScreen.js';
import { clearSession, loadSession, saveSession } from './stored-session.js';
import { get, mount, type } from '../test-support/dom.js';
import { agent } from '../test-support/fixtures.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.unstubAllGlobals();
});

const session = { token: 'tok_123', agent, expiresAt: Date.now() + 3_600_000 };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function submit(container: HTMLElement, email: string, password: string) {
  type(get<HTMLInputElement>(container, '#login-email'), email);
  type(get<HTMLInputElement>(container, '#login-password'), password);
  await act(async () => {
    get(container, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('LoginScreen', () => {
  it('posts e-mail and password as JSON and hands the session on', async () => {
    const fetchMock = vi.fn(async () => json(200, session));
    vi.stubGlobal('fetch', fetchMock);
    const onSignedIn = vi.fn();
    const { container, unmount } = mount(<LoginScreen onSignedIn={onSignedIn} />);
    cleanup = unmount;
    expect(get(container, 'label[for="login-email"]').textContent).toBe('E-mail');
    await submit(container, ' ana@example.com ', 'correct horse battery');
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/login', expect.objectContaining({ method: 'POST' }));
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(JSON.parse(String(init.body))).toEqual({ email: 'ana@example.com', password: 'correct horse battery' });
    expect(onSignedIn).toHaveBeenCalledWith(session);
  });

  it('shows the reason for a refused login as an alert and keeps the form filled in', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'UNAUTHORIZED', message: 'bad credentials' } })));
    const onSignedIn = vi.fn();
    const { container, unmount } = mount(<LoginScreen onSignedIn={onSignedIn} />);
    cleanup = unmount;
    await submit(container, 'ana@example.com', 'wrong password');
    expect(get(container, '[role="alert"]').textContent).toBe('Wrong e-mail or password.');
    expect(get<HTMLInputElement>(container, '#login-email').value).toBe('ana@example.com');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('passes other relay errors on and survives an unreachable relay', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(429, { error: { code: 'RATE_LIMITED', message: 'Too many attempts' } })));
    const { container, unmount } = mount(<LoginScreen onSignedIn={() => {}} />);
    cleanup = unmount;
    await submit(container, 'ana@example.com', 'whatever123');
    expect(get(container, '[role="alert"]').textContent).toBe('Too many attempts');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await submit(container, 'ana@example.com', 'whatever123');
    expect(get(container, '[role="alert"]').textContent).toContain('cannot be reached');
  });
});

describe('stored session', () => {
  it('round-trips through sessionStorage and forgets expired or tampered sessions', () => {
    saveSession(sessionStorage, session);
    expect(loadSession(sessionStorage, Date.now())).toEqual(session);
    expect(loadSession(sessionStorage, session.expiresAt + 1)).toBeNull();
    expect(sessionStorage.length).toBe(0);
    sessionStorage.setItem('eyelevel.console.session', '{"token":"x","__proto__":{}}');
    expect(loadSession(sessionStorage, Date.now())).toBeNull();
    sessionStorage.setItem('eyelevel.console.session', 'not json');
    expect(loadSession(sessionStorage, Date.now())).toBeNull();
    saveSession(sessionStorage, session);
    clearSession(sessionStorage);
    expect(loadSession(sessionStorage, Date.now())).toBeNull();
  });
});
