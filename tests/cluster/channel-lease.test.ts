/**
 * Issue 7: a social channel's poll runs on one node of the cluster, under a lease, and moves to
 * another node when that one is SIGKILLed (within about one lease TTL, here 2 s). Three built
 * relays on one Postgres poll FakeX (tests/support/fake-platforms/x.ts); the mention posted after
 * the takeover reaches the queue once. The channel also listens (issue 5, item 9): its X
 * filtered stream is opened by the lease holder only, and again by the node that takes over,
 * which fetches what was posted in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { REDIS_URL, withPostgres, withRedis } from '../support/services.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { FakeX, X_ANN, X_BRAND } from '../support/fake-platforms/x.js';
import { waitFor } from '../support/wait.js';

const runs = (await withPostgres()) && (await withRedis());
const TTL_MS = 2_000;
const POLL_SECONDS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!runs)('channel polls under a lease', () => {
  let cluster: Cluster;
  let x: FakeX;

  beforeAll(async () => {
    x = await new FakeX().start();
    cluster = await startCluster({
      label: 'channel_lease',
      nodes: 3,
      redisUrl: REDIS_URL,
      env: { EYELEVEL_SECRET_KEY: randomBytes(32).toString('hex'), EYELEVEL_LEASE_TTL_MS: String(TTL_MS) },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await x?.close();
  }, 60_000);

  it('polls from one node at a time, and another node takes over when it dies', async () => {
    const admin = await cluster.addAgent('adm', 5, 'admin');
    const created = await fetch(`${cluster.nodes[0]!.url}/api/admin/channels`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'x',
        name: 'X @brand',
        baseUrl: x.url,
        accountId: X_BRAND.id,
        handle: '@brand',
        pollSeconds: POLL_SECONDS,
        listen: ['#BrandRouter'],
        credentials: { accessToken: x.token, consumerSecret: x.consumerSecret, bearerToken: x.appBearer },
      }),
    });
    expect(created.status).toBe(201);
    const channelId = ((await created.json()) as { id: string }).id;
    const lease = `channel:${channelId}`;
    const mentions = () => x.received('GET', /mentions$/).length;
    const streamConnects = () => x.received('GET', /^\/2\/tweets\/search\/stream$/).length;

    await waitFor(async () => (await cluster.storage.leases.current(lease, Date.now())) !== null, 10_000, 'the lease to be taken');
    // Every node has found the channel by now (they look every TTL); still one poller.
    await sleep(3 * TTL_MS);
    const before = mentions();
    await sleep(2 * POLL_SECONDS * 1000 + 1000);
    expect(mentions() - before, 'polls in two intervals, with three nodes knowing the channel').toBeLessThanOrEqual(3);
    expect(streamConnects(), 'filtered-stream connections with three nodes knowing the channel').toBe(1);

    const holder = (await cluster.storage.leases.current(lease, Date.now()))!;
    const holderIndex = cluster.nodes.findIndex((node) => holder.holder === `channel_lease-node${node.index}`);
    expect(holderIndex).toBeGreaterThanOrEqual(0);
    const polledBeforeKill = mentions();
    await cluster.kill(holderIndex);
    const killedAt = Date.now();
    // Posted while no node streams: the new holder fetches it with recent search when it connects.
    x.post(X_ANN, 'posted during the failover #BrandRouter');

    await waitFor(async () => {
      const current = await cluster.storage.leases.current(lease, Date.now());
      return current !== null && current.holder !== holder.holder;
    }, 4 * TTL_MS + 2_000, 'another node to take the lease over');
    await x.waitFor('GET', /mentions$/, polledBeforeKill + 1, 10_000);
    expect(Date.now() - killedAt, 'takeover and first poll after the kill (ms)').toBeLessThan(3 * TTL_MS + 2_000);
    const next = await cluster.storage.leases.current(lease, Date.now());
    expect(next!.fence).toBeGreaterThan(holder.fence);
    await waitFor(() => streamConnects() === 2 && x.streamConnections === 1, 10_000, 'the new holder to open the stream');
    expect([...x.rules.values()].filter((rule) => rule.tag?.startsWith(`eyelevel:${channelId}:`)), 'rules synced once, not per node').toHaveLength(1);
    expect(x.received('POST', /stream\/rules$/)).toHaveLength(1);

    // The new poller continues from the stored cursor: a new mention is queued, once; the post
    // made during the failover is a listening result, once.
    x.post(X_ANN, '@brand is anyone there after the failover?');
    const texts = async () => {
      const queue = await cluster.storage.conversations.listQueue(cluster.workspaceId, 50);
      const logs = await Promise.all(queue.filter((c) => c.channel === 'x').map((c) => cluster.storage.events.read(cluster.workspaceId, c.id, 0, 100)));
      return logs.map((log) => log.flatMap((e) => (e.kind === 'message' ? [e.text] : [])));
    };
    await waitFor(async () => (await texts()).length === 2, 3 * POLL_SECONDS * 1000, 'the mention and the listened post in the queue');
    expect((await texts()).sort()).toEqual([['@brand is anyone there after the failover?'], ['posted during the failover #BrandRouter']]);
  }, 120_000);
});
