// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelsAdmin } from './ChannelsAdmin.js';
import { choose, click, get, mount, type } from '../test-support/dom.js';
import { button, fakeAdminRelay, field, settle, submit } from '../test-support/admin-relay.js';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.unstubAllGlobals();
});

const mastodon = {
  id: 'c1',
  kind: 'mastodon',
  name: 'Mastodon @brand',
  handle: '@brand',
  teamId: null,
  baseUrl: 'https://social.example',
  signature: ' ^{initials}',
  floodCap: { perAuthor: 10, windowSeconds: 600 },
  pollSeconds: 60,
  listen: ['#BrandRouter'],
  status: 'failing',
  lastError: '401: <b>The access token is invalid</b>',
  webhookPath: null,
  credentialsSet: ['accessToken'],
  createdAt: 1,
};
const x = { ...mastodon, id: 'c2', kind: 'x', name: 'X @brand', status: 'active', lastError: null, listen: [], webhookPath: '/api/channels/c2/webhook', credentialsSet: ['accessToken', 'consumerSecret'] };
const teams = [{ id: 't1', slug: 'support', name: 'Support' }];

function relayWith(extra: Parameters<typeof fakeAdminRelay>[0] = {}) {
  return fakeAdminRelay({
    'GET /channels': () => ({ status: 200, body: [mastodon, x] }),
    'GET /teams': () => ({ status: 200, body: teams }),
    ...extra,
  });
}

describe('channels admin', () => {
  it('lists channels with status, the network’s error as text, tracked terms, credential names and the webhook URL', async () => {
    const relay = relayWith();
    const { container, unmount } = mount(<ChannelsAdmin api={relay.api} readOnly={false} />);
    cleanup = unmount;
    await settle();
    const rows = [...container.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows[0]!.slice(0, 6)).toEqual([
      'Mastodon @brand @brand',
      'Mastodon',
      'failing 401: <b>The access token is invalid</b>',
      '#BrandRouter',
      'accessToken',
      '—',
    ]);
    expect(container.querySelector('b')).toBeNull();
    expect(rows[1]![5]).toBe(`${location.origin}/api/channels/c2/webhook`);
  });

  it('connects a channel with write-only credentials and the network’s own settings', async () => {
    const relay = relayWith({ 'POST /channels': () => ({ status: 201, body: { ...mastodon, id: 'c3', name: 'Mastodon support', teamId: 't1' } }) });
    const { container, unmount } = mount(<ChannelsAdmin api={relay.api} readOnly={false} />);
    cleanup = unmount;
    await settle();
    click(button(container, 'Connect channel'));
    const form = get(container, 'form[aria-label="New channel"]');
    type(field(form, 'Channel name'), 'Mastodon support');
    type(field(form, 'Instance URL'), 'https://social.example');
    choose(field(form, 'Team') as unknown as HTMLSelectElement, 't1');
    type(field(form, 'Tracked keywords'), '#BrandRouter\n\n brand router \n#BrandRouter');
    const token = field(form, 'Access token');
    expect(token.type).toBe('password');
    expect(token.required).toBe(true);
    type(token, 'secret-token');
    submit(form);
    await settle();
    expect(relay.calls.find((call) => call.method === 'POST')).toMatchObject({
      path: '/channels',
      auth: 'Bearer at_token',
      body: {
        kind: 'mastodon',
        name: 'Mastodon support',
        teamId: 't1',
        listen: ['#BrandRouter', 'brand router'],
        baseUrl: 'https://social.example',
        streaming: true,
        credentials: { accessToken: 'secret-token' },
      },
    });
    // Saved: the form is gone, and with it the typed secret; the list is loaded again.
    expect(container.querySelector('form')).toBeNull();
    expect(container.innerHTML).not.toContain('secret-token');
    expect(relay.calls.filter((call) => call.method === 'GET' && call.path === '/channels')).toHaveLength(2);
  });

  it('asks per network for what it takes: X offers the bearer token for listening', async () => {
    const relay = relayWith({
      'POST /channels': () => ({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'listening on X needs the app’s bearerToken (OAuth 2.0 app-only) in the credentials' } } }),
    });
    const { container, unmount } = mount(<ChannelsAdmin api={relay.api} readOnly={false} />);
    cleanup = unmount;
    await settle();
    click(button(container, 'Connect channel'));
    const form = get(container, 'form[aria-label="New channel"]');
    choose(field(form, 'Network') as unknown as HTMLSelectElement, 'x');
    expect([...form.querySelectorAll('input[type="password"]')].map((input) => input.closest('label')?.textContent)).toEqual([
      'Access token',
      'Refresh token',
      'OAuth 2.0 client id',
      'OAuth 2.0 client secret',
      'API key secret (webhooks)',
      'App bearer token (listening)',
    ]);
    type(field(form, 'Channel name'), 'X @brand');
    type(field(form, 'Account id'), '2244994945');
    type(field(form, 'Handle'), '@brand');
    type(field(form, 'Tracked keywords'), 'brand router');
    type(field(form, 'Access token'), 'user-token');
    submit(form);
    await settle();
    expect(relay.calls.at(-1)?.body).toMatchObject({ kind: 'x', accountId: '2244994945', handle: '@brand', credentials: { accessToken: 'user-token' } });
    // Refused: the relay's words, and the form stays for the missing token.
    expect(get(container, '[role="alert"]').textContent).toContain('needs the app’s bearerToken');
    expect(get(container, 'form[aria-label="New channel"]')).toBeTruthy();
  });

  it('edits tracked terms without showing or resending credentials, pauses, checks and disconnects', async () => {
    const relay = relayWith({
      'PATCH /channels/c1': (body) => ({ status: 200, body: { ...mastodon, ...(body as object) } }),
      'POST /channels/c1/poll': () => ({ status: 200, body: mastodon }),
      'DELETE /channels/c1': () => ({ status: 204, body: null }),
    });
    const { container, unmount } = mount(<ChannelsAdmin api={relay.api} readOnly={false} />);
    cleanup = unmount;
    await settle();
    click(get(container, 'button[aria-label="Edit Mastodon @brand"]'));
    const form = get(container, 'form[aria-label="Edit Mastodon @brand"]');
    expect((field(form, 'Tracked keywords') as unknown as HTMLTextAreaElement).value).toBe('#BrandRouter');
    const token = field(form, 'Access token');
    expect(token.value).toBe('');
    expect(token.required).toBe(false);
    expect(token.closest('label')?.textContent).toContain('set');
    type(field(form, 'Tracked keywords'), '#BrandRouter\nbrand modem');
    submit(form);
    await settle();
    expect(relay.calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      name: 'Mastodon @brand',
      teamId: null,
      signature: ' ^{initials}',
      pollSeconds: 60,
      listen: ['#BrandRouter', 'brand modem'],
    });

    click(get(container, 'button[aria-label="Pause Mastodon @brand"]'));
    await settle();
    expect(relay.calls.filter((call) => call.method === 'PATCH').at(-1)?.body).toEqual({ paused: true });
    click(get(container, 'button[aria-label="Check Mastodon @brand now"]'));
    await settle();
    expect(relay.calls.some((call) => call.method === 'POST' && call.path === '/channels/c1/poll')).toBe(true);
    vi.stubGlobal('confirm', () => true);
    click(get(container, 'button[aria-label="Disconnect Mastodon @brand"]'));
    await settle();
    expect(relay.calls.some((call) => call.method === 'DELETE' && call.path === '/channels/c1')).toBe(true);
  });

  it('is read-only for leads', async () => {
    const relay = relayWith();
    const { container, unmount } = mount(<ChannelsAdmin api={relay.api} readOnly />);
    cleanup = unmount;
    await settle();
    expect(container.textContent).toContain('Mastodon @brand');
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });
});
