/**
 * Issue 6, spike alerts on two relay nodes sharing one Postgres and one Redis (in this process,
 * so both take the test's clock). Mentions arrive through either node's webhook endpoint; each
 * node counts what it took in, and the shared counts are what the rules judge: a burst split
 * between the nodes, neither half of which is a spike on its own, raises one alert when both
 * nodes evaluate at the same moment — one stored alert, one webhook delivery, and the console on
 * the other node shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import {
  createRelay,
  openBus,
  openPostgresStorage,
  silentLogger,
  TenantAdmin,
  type Relay,
  type Storage,
} from '@eyelevel/relay';
import type { SpikeAlert } from '@eyelevel/shared';
import { REDIS_URL, withPostgres, withRedis } from '../support/services.js';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';
import { AGENT_PASSWORD, TEST_ORIGIN } from '../support/relay-harness.js';
import { connectAgent } from '../support/clients.js';
import { FakeServer } from '../support/fake-platforms/fake-server.js';

const runs = (await withPostgres()) && (await withRedis());
const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 21, 9, 0, 0);
const CHANNEL_SECRET = 'whsec-two-nodes-0123456789';

describe.skipIf(!runs)('spike alerts across two nodes', () => {
  let schema: TestSchema;
  let seed: Storage;
  const nodes: Array<{ relay: Relay; url: string }> = [];
  let receiver: FakeServer;
  let clock = START;
  let workspaceId = '';
  let token = '';
  let channelPath = '';
  let posted = 0;

  beforeAll(async () => {
    schema = await createTestSchema('spike_nodes');
    seed = openPostgresStorage({ url: schema.url, poolSize: 2 });
    await seed.migrate();
    const admin = new TenantAdmin(seed);
    const workspace = await admin.createWorkspace({ name: 'Two nodes' });
    workspaceId = workspace.id;
    await admin.createSite(workspace.id, { name: 'Web', allowedOrigins: [TEST_ORIGIN] });
    const email = `admin-${workspace.id.toLowerCase()}@example.com`;
    await admin.createAgent(workspace.id, { email, name: 'Ada Admin', initials: 'aa', role: 'admin', password: AGENT_PASSWORD });
    const secretKey = randomBytes(32);
    const prefix = `spike-${randomBytes(4).toString('hex')}`;
    for (const index of [0, 1]) {
      const storage = openPostgresStorage({ url: schema.url, poolSize: 4 });
      const nodeId = `spike-node${index}`;
      const relay = createRelay({
        storage,
        bus: openBus({ redisUrl: REDIS_URL, nodeId, prefix }, storage, silentLogger),
        log: silentLogger,
        channels: { secretKey },
        cluster: { nodeId },
        routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 },
        alerts: { now: () => clock, tickMs: 0, delivery: { intervalMs: 3_600_000 } },
        // The receiver is a local fake on 127.0.0.1.
        outbound: { allowPrivate: true },
      });
      const { port } = await relay.listen(0);
      nodes.push({ relay, url: `http://127.0.0.1:${port}` });
    }
    receiver = await new FakeServer().on('POST', '/hook', () => ({ status: 200, json: { ok: true } })).start();
    const login = await fetch(`${nodes[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: AGENT_PASSWORD }),
    });
    token = ((await login.json()) as { token: string }).token;
    const api = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${nodes[0]!.url}/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Record<string, unknown>;
    };
    const channel = await api('POST', '/channels', {
      kind: 'webhook',
      name: 'Forum',
      floodCap: { perAuthor: 1000, windowSeconds: 60 },
      credentials: { signingSecret: CHANNEL_SECRET },
    });
    channelPath = channel.webhookPath as string;
    await api('POST', '/webhooks', { url: `${receiver.url}/hook` });
    await api('POST', '/spike-rules', {
      name: 'Forum volume',
      windowMinutes: 5,
      baselineWindows: 6,
      cooldownMinutes: 30,
      levels: [{ severity: 'warning', multiplier: 3, minCount: 30 }],
    });
  });
  afterAll(async () => {
    for (const node of nodes) await node.relay.close();
    await seed?.close();
    await receiver?.close();
    await schema?.drop();
  });

  async function mentions(node: number, count: number): Promise<void> {
    const events = Array.from({ length: count }, () => {
      posted += 1;
      return { id: `p${posted}`, thread: { id: `t${posted}` }, author: { id: `u${posted}` }, text: 'Is it down?' };
    });
    const body = JSON.stringify({ events });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = 'v1=' + createHmac('sha256', CHANNEL_SECRET).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(`${nodes[node]!.url}${channelPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eyelevel-timestamp': String(timestamp), 'x-eyelevel-signature': signature },
      body,
    });
    expect(response.status).toBe(200);
  }

  const tickBoth = async () => (await Promise.all(nodes.map((node) => node.relay.spikes.tick()))).flat();

  it('a burst split between the nodes is one spike, raised once and delivered once', async () => {
    const { socket: console } = await connectAgent(nodes[1]!.url.replace('http', 'ws'), token);
    await console.next((f) => f.type === 'alerts');

    // Baseline: one mention a minute through each node (10 a window).
    for (let minute = 0; minute < 35; minute++) {
      clock = START + minute * MINUTE + 1000;
      await mentions(minute % 2, 1);
      await mentions((minute + 1) % 2, 1);
      expect(await tickBoth()).toEqual([]);
    }

    // 13 more through each node: what one node took in puts 4 + 13 = 17 in the window, under
    // 30; the shared counts hold 8 + 26 = 34 ≥ 3 × 10 and ≥ 30.
    clock = START + 35 * MINUTE + 1000;
    await mentions(0, 13);
    await mentions(1, 13);
    await Promise.all(nodes.map((node) => node.relay.spikes.flush()));
    const raised = await tickBoth();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ severity: 'warning', count: 34, baseline: 10 });
    expect(await tickBoth()).toEqual([]);

    expect(await seed.alerts.recentAlerts(workspaceId, 0, 10)).toHaveLength(1);
    await Promise.all(nodes.map((node) => node.relay.webhooks.kick()));
    await Promise.all(nodes.map((node) => node.relay.webhooks.kick()));
    const deliveries = receiver.received('POST', /^\/hook$/);
    expect(deliveries).toHaveLength(1);
    expect((deliveries[0]!.json as { id: string }).id).toBe(raised[0]!.id);

    const frame = await console.next((f) => f.type === 'alert');
    expect((frame.alert as SpikeAlert).id).toBe(raised[0]!.id);
    console.close();
  });
});
