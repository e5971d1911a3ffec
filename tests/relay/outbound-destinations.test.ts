/**
 * Outbound destinations (security/outbound-address.ts), over real sockets and a real SQLite
 * file: with the guard on (the default outside tests), an admin cannot point a webhook or a
 * channel at loopback, link-local (the cloud metadata address) or a name that resolves to
 * loopback; the admin API answers 400 and says why. With EYELEVEL_ALLOW_PRIVATE_DESTINATIONS the
 * same local fakes are saved and called. And destinations saved while they were allowed are
 * refused again when the request is made: the channel shows the refusal as its error, the
 * webhook delivery as a failed attempt; the fakes receive nothing.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelView, OutboundWebhook } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { adminRequest, adminToken, createChannel, polledMastodonChannel } from '../support/channels.js';
import { FakeServer } from '../support/fake-platforms/fake-server.js';
import { FakeMastodon } from '../support/fake-platforms/mastodon.js';

const QUIET = { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 };
const REFUSED = /is a private, loopback, link-local or reserved address: the relay does not call those \(an operator who wants that sets EYELEVEL_ALLOW_PRIVATE_DESTINATIONS=true\)/;

const open: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const one of open.splice(0).reverse()) await one.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fakes() {
  const receiver = await new FakeServer().on('POST', '/hook', () => ({ status: 204 })).start();
  const mastodon = await new FakeMastodon().start();
  open.push(receiver, mastodon);
  return { receiver, mastodon };
}

describe('outbound destinations with the guard on', () => {
  it('refuses webhooks to loopback, the metadata address and a name resolving to loopback, with 400 and the reason', async () => {
    const { receiver } = await fakes();
    const harness = await startRelay({ routing: QUIET, outbound: { allowPrivate: false } });
    open.push(harness);
    const admin = await adminToken(harness);
    const port = new URL(receiver.url).port;
    const cases: Array<[string, RegExp]> = [
      [`http://127.0.0.1:${port}/hook`, /127\.0\.0\.1 is a private/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a private/],
      [`http://localhost:${port}/hook`, /localhost resolves to (127\.0\.0\.1|::1), which is a private/],
      [`http://[::ffff:127.0.0.1]:${port}/hook`, /::ffff:7f00:1 is a private/],
      [`http://0.0.0.0:${port}/hook`, /0\.0\.0\.0 is a private/],
    ];
    for (const [url, reason] of cases) {
      const saved = await adminRequest(harness, admin, 'POST', '/webhooks', { url, description: 'internal' });
      expect(saved.status, url).toBe(400);
      expect(saved.text, url).toMatch(reason);
      expect(saved.text, url).toMatch(REFUSED);
    }
    expect((await adminRequest(harness, admin, 'GET', '/webhooks')).json).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it('refuses a channel whose base or reply URL is loopback, on create and on change', async () => {
    const { receiver, mastodon } = await fakes();
    const harness = await startRelay({ routing: QUIET, outbound: { allowPrivate: false } });
    open.push(harness);
    const admin = await adminToken(harness);

    const social = await adminRequest(harness, admin, 'POST', '/channels', polledMastodonChannel(mastodon));
    expect(social.status).toBe(400);
    expect(social.text).toMatch(REFUSED);
    const byName = await adminRequest(harness, admin, 'POST', '/channels', { ...polledMastodonChannel(mastodon), baseUrl: mastodon.url.replace('127.0.0.1', 'localhost') });
    expect(byName.status).toBe(400);
    expect(byName.text).toMatch(/localhost resolves to/);
    const replies = await adminRequest(harness, admin, 'POST', '/channels', {
      kind: 'webhook',
      name: 'Forum',
      replyUrl: `${receiver.url}/hook`,
      credentials: { signingSecret: 'whsec-outbound-test-0123456789' },
    });
    expect(replies.status).toBe(400);
    expect(replies.text).toMatch(REFUSED);

    // A channel with no outbound URL is fine; pointing it at loopback later is not.
    const forum = await createChannel(harness, admin, { kind: 'webhook', name: 'Forum', credentials: { signingSecret: 'whsec-outbound-test-0123456789' } });
    const changed = await adminRequest(harness, admin, 'PATCH', `/channels/${forum.id}`, { baseUrl: 'http://169.254.169.254/' });
    expect(changed.status).toBe(400);
    expect(changed.text).toMatch(REFUSED);
    expect(((await adminRequest(harness, admin, 'GET', '/channels')).json as unknown as ChannelView[]).map((c) => c.id)).toEqual([forum.id]);
    expect(mastodon.requests).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });
});

describe('outbound destinations with EYELEVEL_ALLOW_PRIVATE_DESTINATIONS', () => {
  it('saves and calls the local fakes', async () => {
    const { receiver, mastodon } = await fakes();
    const harness = await startRelay({ routing: QUIET, outbound: { allowPrivate: true } });
    open.push(harness);
    const admin = await adminToken(harness);
    expect((await adminRequest(harness, admin, 'POST', '/webhooks', { url: `${receiver.url}/hook` })).status).toBe(201);
    const channel = await createChannel(harness, admin, polledMastodonChannel(mastodon));
    const view = (await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`)).json as unknown as ChannelView;
    expect(view).toMatchObject({ status: 'active', lastError: null });
    expect(mastodon.requests.length).toBeGreaterThan(0);
  });
});

describe('destinations saved while allowed, requested with the guard on', () => {
  it('the poll fails with the reason as the channel error, the webhook delivery as a failed attempt; nothing reaches the fakes', async () => {
    const { receiver, mastodon } = await fakes();
    const dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-outbound-'));
    dirs.push(dataDir);
    const secretKey = randomBytes(32);

    // Saved while the operator allowed private destinations…
    const before = await startRelay({ routing: QUIET, dataDir, channels: { secretKey }, outbound: { allowPrivate: true } });
    const tenant = before.tenant;
    const first = await adminToken(before);
    expect((await adminRequest(before, first, 'POST', '/webhooks', { url: `${receiver.url}/hook` })).status).toBe(201);
    const channel = await createChannel(before, first, polledMastodonChannel(mastodon));
    await before.close();
    mastodon.requests.length = 0;

    // …then the relay restarts with the guard on (the default).
    let clock = Date.UTC(2026, 10, 21, 9, 0, 0);
    const after = await startRelay({
      routing: QUIET,
      dataDir,
      channels: { secretKey },
      outbound: { allowPrivate: false },
      alerts: { now: () => clock, tickMs: 0, delivery: { intervalMs: 3_600_000 } },
    });
    open.push(after);
    const admin = (await after.addAgent(tenant, { initials: 'adn', role: 'admin' })).token;
    const harness: RelayHarness = { ...after, tenant };

    const polled = (await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`)).json as unknown as ChannelView;
    expect(polled.status).toBe('failing');
    expect(polled.lastError).toMatch(REFUSED);
    expect(polled.lastError).toMatch(/127\.0\.0\.1/);

    // One mention on a signed webhook channel raises an alert, which is due to the webhook.
    const forum = await createChannel(harness, admin, { kind: 'webhook', name: 'Forum', credentials: { signingSecret: 'whsec-outbound-test-0123456789' } });
    const rule = await adminRequest(harness, admin, 'POST', '/spike-rules', {
      name: 'Any mention',
      watch: 'channels',
      windowMinutes: 1,
      baselineWindows: 1,
      cooldownMinutes: 30,
      levels: [{ severity: 'warning', multiplier: 1, minCount: 1 }],
    });
    expect(rule.status).toBe(201);
    const body = JSON.stringify({ events: [{ id: 'post-1', thread: { id: 'thread-1' }, author: { id: 'user-1', handle: 'fan1' }, text: 'Is the app down?' }] });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = 'v1=' + createHmac('sha256', 'whsec-outbound-test-0123456789').update(`${timestamp}.${body}`).digest('hex');
    const delivered = await fetch(`${after.url}${forum.webhookPath!}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eyelevel-timestamp': String(timestamp), 'x-eyelevel-signature': signature },
      body,
    });
    expect(delivered.status).toBe(200);
    clock += 1_000;
    expect(await after.relay.spikes.tick()).toHaveLength(1);
    await after.relay.webhooks.kick();

    const [hook] = (await adminRequest(harness, admin, 'GET', '/webhooks')).json as unknown as OutboundWebhook[];
    expect(hook?.lastDelivery?.status).toBe('pending');
    expect(hook?.lastDelivery?.error).toMatch(REFUSED);
    expect(receiver.requests).toEqual([]);
    expect(mastodon.requests).toEqual([]);
  });
});
