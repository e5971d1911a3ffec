// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { App } from './App.js';
import { saveSession } from '../auth/stored-session.js';
import { FakeSocket } from '../test-support/fake-socket.js';
import { click, get, mount } from '../test-support/dom.js';
import { agent } from '../test-support/fixtures.js';

let cleanup: (() => void) | null = null;
const sockets: FakeSocket[] = [];
const session = { token: 'tok_123', agent, expiresAt: Date.now() + 3_600_000 };

beforeEach(() => {
  sockets.length = 0;
  sessionStorage.clear();
  vi.stubGlobal(
    'WebSocket',
    class extends FakeSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
  );
});
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.unstubAllGlobals();
});

describe('App', () => {
  it('shows the login screen without a session', () => {
    const { container, unmount } = mount(<App storage={sessionStorage} />);
    cleanup = unmount;
    expect(container.querySelector('#login-email')).not.toBeNull();
    expect(sockets).toEqual([]);
  });

  it('resumes a stored session, connects to /ws/agent with the token in hello, and signs out', () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    saveSession(sessionStorage, session);
    const { container, unmount } = mount(<App storage={sessionStorage} />);
    cleanup = unmount;
    expect(sockets[0]?.url).toBe(`ws://${location.host}/ws/agent`);
    act(() => sockets[0]!.open());
    expect(sockets[0]!.sent).toEqual([{ type: 'hello', v: 1, token: 'tok_123' }]);
    act(() => sockets[0]!.deliver({ type: 'welcome', v: 1, agent, queue: [] }));
    click([...container.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')!);
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/logout',
      expect.objectContaining({ method: 'POST', headers: { authorization: 'Bearer tok_123' } }),
    );
    expect(sessionStorage.length).toBe(0);
    expect(sockets[0]!.closedWith).toBe(1000);
    expect(container.querySelector('#login-email')).not.toBeNull();
  });

  it('goes back to login with an explanation when the relay revokes the session', () => {
    saveSession(sessionStorage, session);
    const { container, unmount } = mount(<App storage={sessionStorage} />);
    cleanup = unmount;
    act(() => sockets[0]!.open());
    act(() => sockets[0]!.drop(4011));
    expect(get(container, '.login-notice').textContent).toContain('signed out');
    expect(sessionStorage.length).toBe(0);
  });
});
