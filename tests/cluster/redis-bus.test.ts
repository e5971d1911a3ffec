/**
 * The Redis bus between two nodes (issue 7): messages cross nodes, a node's own subscribers get
 * its messages once, and while Redis is down delivery degrades to polling storage (the catch-up
 * finds the newest event of what changed) and comes back by itself when Redis returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openBus, openSqliteStorage, silentLogger, type Bus, type BusMessage, type Storage } from '@eyelevel/relay';
import { REDIS_URL, withOwnRedis } from '../support/services.js';
import { startOwnRedis, type OwnRedis } from '../support/redis-server.js';
import { seedConversation, seedWorkspace, visitorAuthorOf, type World } from '../contract/fixtures.js';

const redisRuns = await withOwnRedis();

async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collect(bus: Bus, topic: string): BusMessage[] {
  const received: BusMessage[] = [];
  bus.subscribe(topic, (message) => received.push(message));
  return received;
}

const node = (storage: Storage, url: string, id: string) =>
  openBus({ redisUrl: url, nodeId: `${id}-${randomBytes(3).toString('hex')}`, catchUpIntervalMs: 200 }, storage, silentLogger) as Bus & { up: boolean };

describe.skipIf(!redisRuns)('Redis bus', () => {
  let dir: string;
  let storage: Storage;
  let world: World;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eyelevel-redis-bus-'));
    storage = openSqliteStorage(dir);
    await storage.migrate();
    world = await seedWorkspace(storage);
  });
  afterAll(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries messages between nodes, and a node hears its own message once', async () => {
    const a = node(storage, REDIS_URL, 'a');
    const b = node(storage, REDIS_URL, 'b');
    try {
      const topic = `w:${randomBytes(6).toString('hex')}`;
      const atA = collect(a, topic);
      const atB = collect(b, topic);
      await until(() => a.up && b.up, 5000, 'both buses up');
      await new Promise((resolve) => setTimeout(resolve, 100)); // subscriptions confirmed
      const message: BusMessage = { type: 'directory', workspaceId: 'ws1' };
      a.publish(topic, message);
      await until(() => atB.length === 1, 5000, 'the message on b');
      expect(atB).toEqual([message]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(atA).toEqual([message]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('degrades to polling storage while Redis is down, and recovers by itself', async () => {
    const redis: OwnRedis = await startOwnRedis();
    const a = node(storage, redis.url, 'a');
    const b = node(storage, redis.url, 'b');
    try {
      const conversationId = await seedConversation(storage, world);
      const atB = collect(b, `c:${conversationId}`);
      await until(() => a.up && b.up, 5000, 'both buses up');
      await new Promise((resolve) => setTimeout(resolve, 100));

      let seq = 0;
      const sendOnA = async (text: string) => {
        const [result] = await storage.events.append([
          { workspaceId: world.workspaceId, conversationId, author: visitorAuthorOf(world.visitor), clientId: `m${++seq}`, body: { kind: 'message', text }, at: Date.now() },
        ]);
        if (!result?.ok) throw new Error('append failed');
        a.publish(`c:${conversationId}`, { type: 'event', workspaceId: world.workspaceId, conversationId, event: result.event });
        return result.event.seq;
      };
      const seqsAtB = () => atB.flatMap((m) => (m.type === 'event' ? [m.event.seq] : []));

      const live = await sendOnA('before the outage');
      await until(() => seqsAtB().includes(live), 5000, 'live delivery');

      await redis.stop();
      await until(() => !a.up && !b.up, 10_000, 'both buses down');
      const duringOutage = await sendOnA('while Redis is down');
      // Found by b's poll of storage, not by Redis.
      await until(() => seqsAtB().includes(duringOutage), 5000, 'delivery by polling');

      await redis.start();
      await until(() => a.up && b.up, 15_000, 'both buses up again');
      const after = await sendOnA('after the outage');
      await until(() => seqsAtB().includes(after), 5000, 'live delivery again');
    } finally {
      await a.close();
      await b.close();
      await redis.stop();
    }
  });
});
