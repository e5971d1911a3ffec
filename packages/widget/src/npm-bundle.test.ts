// @vitest-environment happy-dom
/**
 * Smoke test of the built npm bundle (dist/npm), not the sources: what a developer gets from
 * `import { createWidget } from '@eyelevel/widget'`. The root test command builds first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, welcome } from './test-support/fake-socket.js';

type CreateWidget = typeof import('./create-widget.js').createWidget;

// A variable specifier keeps Vite from resolving it at transform time.
const BUNDLE = '../dist/npm/index.js';

beforeEach(() => {
  localStorage.clear();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('dist/npm bundle', () => {
  it('creates two independent widgets that lazy-load the panel and connect on open', async () => {
    const { createWidget } = (await import(/* @vite-ignore */ BUNDLE)) as { createWidget: CreateWidget };
    const container = document.createElement('div');
    document.body.append(container);
    const floating = createWidget({ siteKey: 'pk_npm', relayUrl: 'https://relay.example' });
    const inline = createWidget({ siteKey: 'pk_npm', relayUrl: 'https://relay.example', container, context: { team: 'recruiting' } });
    const hosts = document.querySelectorAll('eyelevel-widget');
    expect(hosts).toHaveLength(2);
    expect(FakeSocket.all).toHaveLength(0);

    floating.open();
    // The inline panel is always open, so both connect; each keeps its own session.
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    FakeSocket.all.forEach((socket, i) => {
      socket.open();
      socket.receive(welcome({ token: `vt_${i}` }));
    });
    const root = hosts[0]!.shadowRoot!;
    await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Demo Shop'));
    const support = JSON.parse(localStorage.getItem('eyelevel:pk_npm') ?? '{}') as { token?: string };
    const recruiting = JSON.parse(localStorage.getItem('eyelevel:pk_npm:recruiting') ?? '{}') as { token?: string };
    expect(support.token).toMatch(/^vt_/);
    expect(recruiting.token).toMatch(/^vt_/);
    expect(support.token).not.toBe(recruiting.token);

    floating.destroy();
    inline.destroy();
    container.remove();
    expect(document.querySelectorAll('eyelevel-widget')).toHaveLength(0);
  });
});
