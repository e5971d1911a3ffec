/**
 * Issue 6, spike alerts, end to end over real sockets, real HTTP and a real SQLite file, with
 * the relay's alert clock in the test's hand (it moves minutes at once, nothing waits).
 *
 * A generic signed webhook channel brings a steady two mentions a minute for 35 minutes: no
 * alert. Then a burst: exactly one warning, shown to every connected console, and POSTed to the
 * workspace's outbound webhook (a local HTTP server) with a valid signature — after one refused
 * attempt, retried with backoff under the same event id. More volume within the cooldown raises
 * nothing at the same severity; reaching the critical level raises one critical alert at once
 * (an escalation, as docs/alerts.md says), and nothing more until the cooldown has passed; after
 * it, a new burst alerts again. A console connecting later gets the alerts in its `alerts` frame.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundEvent, SpikeAlert } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, createChannel } from '../support/channels.js';
import { FakeServer, type RecordedRequest } from '../support/fake-platforms/fake-server.js';

const CHANNEL_SECRET = 'whsec-spike-test-0123456789';
const MINUTE = 60_000;
/** A minute boundary, so minute n of the test is exactly bucket n. */
const START = Date.UTC(2026, 10, 21, 8, 0, 0);

let harness: RelayHarness;
let receiver: FakeServer;
let clock = START;
let admin: string;
let channelPath: string;
let hookSecret: string;
let posted = 0;

beforeEach(async () => {
  clock = START;
  harness = await startRelay({
    routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 },
    // Ticks and delivery passes only when the test asks (kicks after an alert still happen).
    alerts: { now: () => clock, tickMs: 0, delivery: { intervalMs: 3_600_000, firstRetryMs: MINUTE } },
  });
  receiver = await new FakeServer().on('POST', '/hooks/alerts', () => ({ status: 204 })).start();
  admin = await adminToken(harness);
  const channel = await createChannel(harness, admin, {
    kind: 'webhook',
    name: 'Community forum',
    floodCap: { perAuthor: 1000, windowSeconds: 60 },
    credentials: { signingSecret: CHANNEL_SECRET },
  });
  channelPath = channel.webhookPath!;
  const hook = await adminRequest(harness, admin, 'POST', '/webhooks', { url: `${receiver.url}/hooks/alerts`, description: 'Ops pager' });
  expect(hook.status).toBe(201);
  hookSecret = (hook.json as { secret: string }).secret;
  const rule = await adminRequest(harness, admin, 'POST', '/spike-rules', {
    name: 'Forum volume',
    watch: 'channels',
    windowMinutes: 5,
    baselineWindows: 6,
    cooldownMinutes: 30,
    levels: [
      { severity: 'warning', multiplier: 3, minCount: 15 },
      { severity: 'critical', multiplier: 6, minCount: 40 },
    ],
  });
  expect(rule.status).toBe(201);
});
afterEach(async () => {
  await harness?.close();
  await receiver?.close();
});

/** `count` mentions now, each from its own author in its own thread (signed like any source). */
async function mentions(count: number): Promise<void> {
  const events = Array.from({ length: count }, () => {
    posted += 1;
    return { id: `post-${posted}`, thread: { id: `thread-${posted}` }, author: { id: `user-${posted}`, handle: `fan${posted}` }, text: `Is the app down? #${posted}` };
  });
  for (let i = 0; i < events.length; i += 100) {
    const body = JSON.stringify({ events: events.slice(i, i + 100) });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = 'v1=' + createHmac('sha256', CHANNEL_SECRET).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(`${harness.url}${channelPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eyelevel-timestamp': String(timestamp), 'x-eyelevel-signature': signature },
      body,
    });
    expect(response.status).toBe(200);
  }
}

/** Moves the clock to minute `n` of the test. */
const at = (n: number) => (clock = START + n * MINUTE + 1_000);

function signatureValid(request: RecordedRequest, secret: string): boolean {
  const timestamp = String(request.headers['x-eyelevel-timestamp'] ?? '');
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
  return request.headers['x-eyelevel-signature'] === expected;
}

describe('spike alerts', () => {
  it('one alert per burst at the right severity, none in the cooldown but an escalation, delivered signed to the webhook', async () => {
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const { socket: agentA } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const { socket: agentB } = await connectAgent(harness.wsUrl, lead.token);
    const firstList = await agentA.next((f) => f.type === 'alerts');
    expect(firstList.alerts).toEqual([]);

    // Baseline: two a minute for 35 minutes. Never an alert (a window holds 10, under 15).
    for (let minute = 0; minute < 35; minute++) {
      at(minute);
      await mentions(2);
      expect(await harness.relay.spikes.tick()).toEqual([]);
    }

    // Minute 35: the steady two plus a burst of 25. Window (31..35) = 8 + 27 = 35; baseline
    // (buckets 1..30) = 60 / 6 = 10 a window: 35 ≥ 3 × 10 and ≥ 15, but < 6 × 10: a warning.
    receiver.failNext('POST', /^\/hooks\/alerts$/, { status: 503, text: 'busy' });
    at(35);
    await mentions(27);
    const [warning, ...others] = await harness.relay.spikes.tick();
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ severity: 'warning', count: 35, baseline: 10, windowMinutes: 5, ruleName: 'Forum volume', crisisMode: false });
    expect(warning!.series).toMatchObject({ kind: 'channel', label: 'Community forum' });
    // Asking again at once raises nothing: the alert went out once.
    expect(await harness.relay.spikes.tick()).toEqual([]);

    // Every console connected in the workspace shows it.
    for (const socket of [agentA, agentB]) {
      const frame = await socket.next((f) => f.type === 'alert');
      expect((frame.alert as SpikeAlert).id).toBe(warning!.id);
    }

    // The webhook refused the first attempt; the retry is due a minute later (backoff).
    await harness.relay.webhooks.kick();
    expect(receiver.received('POST', /^\/hooks\/alerts$/)).toHaveLength(1);
    clock += 30_000;
    await harness.relay.webhooks.kick();
    expect(receiver.received('POST', /^\/hooks\/alerts$/)).toHaveLength(1);
    clock += 30_000;
    await harness.relay.webhooks.kick();
    const [refused, delivered] = receiver.received('POST', /^\/hooks\/alerts$/);
    expect(delivered).toBeDefined();
    for (const request of [refused!, delivered!]) {
      expect(signatureValid(request, hookSecret)).toBe(true);
      expect(request.headers['x-eyelevel-event']).toBe('spike.alert');
      expect(request.headers['x-eyelevel-delivery']).toBe(warning!.id);
    }
    expect(signatureValid(delivered!, 'whsec_wrong')).toBe(false);
    const body = delivered!.json as OutboundEvent;
    expect(body).toMatchObject({ id: warning!.id, type: 'spike.alert', workspaceId: harness.tenant.workspaceId });
    expect(body.data).toMatchObject({ severity: 'warning', count: 35, series: { kind: 'channel', label: 'Community forum' } });

    // Minute 36, still in the cooldown: 10 more keep it at warning level (window 6 + 27 + 10 =
    // 43 < 60): nothing new.
    at(36);
    await mentions(10);
    expect(await harness.relay.spikes.tick()).toEqual([]);

    // Minute 37: 30 more reach critical (window 4 + 27 + 10 + 30 = 71 ≥ 60 and ≥ 40). A higher
    // severity is not held back by the cooldown: one critical alert, at once.
    at(37);
    await mentions(30);
    const escalated = await harness.relay.spikes.tick();
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ severity: 'critical', count: 71 });
    expect(await harness.relay.spikes.tick()).toEqual([]);
    const critical = await agentB.next((f) => f.type === 'alert' && (f.alert as SpikeAlert).severity === 'critical');
    expect((critical.alert as SpikeAlert).id).toBe(escalated[0]!.id);

    // The rest of the cooldown: the window stays over the warning level for a while, no alert.
    for (let minute = 38; minute < 67; minute++) {
      at(minute);
      if (minute < 41) await mentions(20);
      expect(await harness.relay.spikes.tick()).toEqual([]);
    }

    // After the cooldown (30 minutes from minute 37), a new burst alerts again. The burst of
    // minutes 35..40 is in the baseline now (buckets 36..65: 100 / 6 ≈ 16.7 a window), so it
    // takes 60 (≥ 3 × 16.7, < 6 × 16.7) for a warning.
    at(70);
    await mentions(60);
    const again = await harness.relay.spikes.tick();
    expect(again).toHaveLength(1);
    expect(again[0]!.severity).toBe('warning');

    await harness.relay.webhooks.kick();
    const deliveries = receiver.received('POST', /^\/hooks\/alerts$/).map((r) => (r.json as OutboundEvent).id);
    expect(deliveries).toEqual([warning!.id, warning!.id, escalated[0]!.id, again[0]!.id]);

    // A console connecting now gets the day's alerts, newest first.
    const { socket: late } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const list = await late.next((f) => f.type === 'alerts');
    expect((list.alerts as SpikeAlert[]).map((a) => a.id)).toEqual([again[0]!.id, escalated[0]!.id, warning!.id]);
    for (const socket of [agentA, agentB, late]) socket.close();
  });

  it('counts each site’s web chat, and only admins and leads manage rules; webhooks are admins’', async () => {
    const agent = await harness.login(harness.tenant.agentEmail);
    expect((await adminRequest(harness, agent, 'GET', '/spike-rules')).status).toBe(403);
    const lead = await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' });
    const rule = { name: 'Any volume', windowMinutes: 1, baselineWindows: 2, cooldownMinutes: 5, levels: [{ severity: 'warning', multiplier: 2, minCount: 3 }] };
    expect((await adminRequest(harness, lead.token, 'POST', '/spike-rules', rule)).status).toBe(201);
    expect((await adminRequest(harness, lead.token, 'POST', '/webhooks', { url: `${receiver.url}/x` })).status).toBe(403);
    const listed = await adminRequest(harness, lead.token, 'GET', '/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(hookSecret);
    expect(listed.text).not.toContain('sealed');

    const bad = await adminRequest(harness, lead.token, 'POST', '/spike-rules', {
      ...rule,
      levels: [
        { severity: 'warning', multiplier: 5, minCount: 3 },
        { severity: 'critical', multiplier: 2, minCount: 3 },
      ],
    });
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.text).toContain('critical needs at least');

    // Three visitor messages in one minute on a quiet site: 3 ≥ 2 × 1 and ≥ 3.
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    for (const id of ['m1', 'm2', 'm3']) {
      visitor.send({ type: 'send', id, text: `Hello ${id}` });
      await visitor.next((f) => f.type === 'ack' && f.id === id);
    }
    const raised = await harness.relay.spikes.tick();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ ruleName: 'Any volume', severity: 'warning', count: 3, series: { kind: 'site', id: harness.tenant.siteId, label: 'Acme web' } });
    visitor.close();
  });
  it('a critical alert of a rule that asks for it switches crisis mode on for every console', async () => {
    const { socket: agent } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    await agent.next((f) => f.type === 'alerts');
    const rule = await adminRequest(harness, admin, 'POST', '/spike-rules', {
      name: 'Shitstorm',
      watch: 'channels',
      windowMinutes: 5,
      baselineWindows: 6,
      cooldownMinutes: 30,
      levels: [
        { severity: 'warning', multiplier: 3, minCount: 15 },
        { severity: 'critical', multiplier: 6, minCount: 40 },
      ],
      crisisMode: true,
    });
    expect(rule.status).toBe(201);
    expect((await harness.storage.reviewSettings.get(harness.tenant.workspaceId)).crisis.on).toBe(false);

    // A warning (from both rules) does not switch it on.
    at(0);
    await mentions(20);
    const warnings = await harness.relay.spikes.tick();
    expect(warnings.map((a) => [a.ruleName, a.severity, a.crisisMode])).toEqual([
      ['Forum volume', 'warning', false],
      ['Shitstorm', 'warning', false],
    ]);
    expect((await harness.storage.reviewSettings.get(harness.tenant.workspaceId)).crisis.on).toBe(false);

    // Critical: the crisis rule's alert says so, and crisis mode is on, by the system, for everyone.
    at(1);
    await mentions(30);
    const critical = await harness.relay.spikes.tick();
    expect(critical.map((a) => [a.ruleName, a.severity, a.crisisMode])).toEqual([
      ['Forum volume', 'critical', false],
      ['Shitstorm', 'critical', true],
    ]);
    const settings = await harness.storage.reviewSettings.get(harness.tenant.workspaceId);
    expect(settings.crisis).toMatchObject({ on: true, by: { kind: 'system' } });
    expect(settings.crisis.by?.name).toContain('Shitstorm');
    const frame = await agent.next((f) => f.type === 'review_settings' && (f.crisis as { on: boolean }).on === true);
    expect(frame.crisis).toMatchObject({ on: true });
    agent.close();
  });
});
