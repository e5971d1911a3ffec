/**
 * Issue 7, presence across nodes: an agent with consoles on two nodes stays online when one
 * closes; when the node with the other is SIGKILLed, a surviving node sweeps its consoles within
 * the TTL, the agent goes offline (colleagues on a third node are told over Redis), and new cases
 * are no longer routed to them. A logout through one node closes the session's sockets on all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, withPostgres, withRedis } from '../support/services.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectAgent } from '../support/clients.js';
import { ResumingVisitor } from '../support/resuming-visitor.js';
import { waitFor } from '../support/wait.js';

const runs = (await withPostgres()) && (await withRedis());
const TTL_MS = 2_000;

describe.skipIf(!runs)('presence and sessions across nodes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ label: 'presence', nodes: 3, redisUrl: REDIS_URL, env: { EYELEVEL_LEASE_TTL_MS: String(TTL_MS) } });
  }, 120_000);
  afterAll(async () => cluster?.close(), 60_000);

  it('stays online while a console is open anywhere, and goes offline when its node dies', async () => {
    const agent = await cluster.addAgent('pr', 5);
    const observer = await cluster.addAgent('ob', 0);
    const presence = async () => (await cluster.storage.routing.load(cluster.workspaceId, agent.id))?.presence;

    const colleague = (await connectAgent(cluster.nodes[2]!.wsUrl, observer.token)).socket;
    const tabOnA = (await connectAgent(cluster.nodes[0]!.wsUrl, agent.token)).socket;
    const tabOnB = (await connectAgent(cluster.nodes[1]!.wsUrl, agent.token)).socket;
    await waitFor(async () => (await presence()) === 'online', 5_000, 'online');

    tabOnA.close();
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    expect(await presence(), 'the console on node B still counts').toBe('online');

    const seen = colleague.frames.length;
    await cluster.kill(1);
    await waitFor(async () => (await presence()) === 'offline', 4 * TTL_MS, 'offline after its node died');
    await colleague.next((f) => f.type === 'presence' && f.agentId === agent.id && f.status === 'offline', 5_000, seen);

    // New cases no longer go to them.
    const visitor = new ResumingVisitor('after-death', cluster.siteKey);
    await visitor.connect(cluster.nodes[0]!.wsUrl);
    const id = visitor.send('anyone there?');
    const ack = await visitor.socket!.next((f) => f.type === 'ack' && f.id === id, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const conversation = await cluster.storage.conversations.get(cluster.workspaceId, ack.conversationId as string);
    expect(conversation?.assignee?.id ?? null).not.toBe(agent.id);
    tabOnB.close();
    colleague.close();
    visitor.socket!.close();
  }, 60_000);

  it('a logout through one node closes that session’s sockets on every node', async () => {
    const agent = await cluster.addAgent('lo', 5);
    const onA = (await connectAgent(cluster.nodes[0]!.wsUrl, agent.token)).socket;
    const onC = (await connectAgent(cluster.nodes[2]!.wsUrl, agent.token)).socket;
    const response = await fetch(`${cluster.nodes[0]!.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` } });
    expect(response.status).toBe(204);
    expect(await onA.closedPromise).toBe(4011);
    expect(await onC.closedPromise).toBe(4011);
  }, 30_000);
});
