/**
 * Contract: spike alerts and their webhook deliveries happen once across relay nodes (issue 6).
 * Counts several nodes add to the same minute are summed, never overwritten; of nodes racing to
 * raise the same alert one wins (and only its alert and delivery rows are written); a higher
 * severity goes through the cooldown once; a due delivery is claimed by one node per attempt,
 * and a stale claim cannot record an outcome over a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpikeAlert } from '@eyelevel/shared';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { seedWorkspace, type World } from './fixtures.js';

const MINUTE = 60_000;

describe.each(DRIVERS)('spike alerts ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('spike_alerts');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  const alertOf = (id: string, severity: SpikeAlert['severity'], at: number): SpikeAlert => ({
    id,
    ruleId: 'rule1',
    ruleName: 'Volume',
    series: { kind: 'channel', id: 'ch1', label: 'Forum' },
    severity,
    count: 40,
    baseline: 10,
    windowMinutes: 5,
    at,
    crisisMode: false,
  });
  const raise = (node: Storage, id: string, severity: SpikeAlert['severity'], at: number) =>
    node.alerts.raise(
      {
        workspaceId: world.workspaceId,
        alert: alertOf(id, severity, at),
        rank: severity === 'critical' ? 2 : 1,
        cooldownMs: 30 * MINUTE,
        event: { id, type: 'spike.alert', payload: JSON.stringify({ id }) },
      },
      at,
    );

  it.skipIf(!driver.available)('counts added by several nodes to the same minute add up', async () => {
    const bucket = 1_000 * MINUTE;
    await Promise.all(
      nodes.flatMap((node) =>
        Array.from({ length: 5 }, () => node.alerts.addCounts([{ workspaceId: world.workspaceId, series: 'channel:sum', bucketStart: bucket, count: 3 }])),
      ),
    );
    const rows = await nodes[1]!.alerts.counts(world.workspaceId, bucket);
    expect(rows.filter((r) => r.series === 'channel:sum')).toEqual([{ series: 'channel:sum', bucketStart: bucket, count: 45 }]);
  });

  it.skipIf(!driver.available)('nodes racing to raise one alert: raised once, one delivery per webhook; escalation once; cooldown after', async () => {
    await nodes[0]!.webhooks.create({
      id: `hook-${driver.name}`,
      workspaceId: world.workspaceId,
      url: 'https://ops.example/hook',
      description: '',
      events: ['spike.alert'],
      sealedSecret: 'sealed',
      createdAt: 0,
    });
    const t0 = 5_000 * MINUTE;
    const first = await Promise.all(nodes.map((node, i) => raise(node, `w${i}`, 'warning', t0)));
    expect(first.filter(Boolean)).toHaveLength(1);
    // Within the cooldown: the same severity again is refused, a higher one once.
    expect(await Promise.all(nodes.map((node, i) => raise(node, `w2-${i}`, 'warning', t0 + MINUTE)))).toEqual([false, false, false]);
    const escalations = await Promise.all(nodes.map((node, i) => raise(node, `c${i}`, 'critical', t0 + 2 * MINUTE)));
    expect(escalations.filter(Boolean)).toHaveLength(1);
    expect(await raise(nodes[0]!, 'w3', 'warning', t0 + 20 * MINUTE)).toBe(false);
    // The cooldown runs from the critical alert.
    expect(await raise(nodes[2]!, 'w4', 'warning', t0 + 32 * MINUTE)).toBe(true);

    const alerts = await nodes[1]!.alerts.recentAlerts(world.workspaceId, 0, 50);
    expect(alerts.map((a) => a.severity)).toEqual(['warning', 'critical', 'warning']);
    const deliveries = await nodes[0]!.webhooks.deliveries(world.workspaceId, `hook-${driver.name}`);
    expect(deliveries.map((d) => d.eventId).sort()).toEqual(alerts.map((a) => a.id).sort());
  });

  it.skipIf(!driver.available)('a due delivery is claimed by one node per attempt; a stale claim records nothing', async () => {
    const now = 9_000 * MINUTE;
    const claims = await Promise.all(nodes.map((node) => node.webhooks.claimDue(now, MINUTE, 10)));
    const claimed = claims.flat();
    expect(new Set(claimed.map((d) => d.id)).size).toBe(claimed.length);
    expect(claimed).toHaveLength(3);
    // Held: nobody else takes them while the claim lasts.
    expect((await Promise.all(nodes.map((node) => node.webhooks.claimDue(now + 1000, MINUTE, 10)))).flat()).toEqual([]);

    const [one] = claimed;
    // The claim lapsed (the node died) and another node took the delivery over.
    const [takeover] = await nodes[1]!.webhooks.claimDue(now + 2 * MINUTE, MINUTE, 10).then((list) => list.filter((d) => d.id === one!.id));
    expect(takeover?.attempts).toBe(2);
    await nodes[0]!.webhooks.finish(one!, { status: 'failed', nextAttemptAt: now, error: 'stale' }, now + 2 * MINUTE);
    await nodes[1]!.webhooks.finish(takeover!, { status: 'delivered', nextAttemptAt: now, error: null }, now + 2 * MINUTE);
    const stored = (await nodes[2]!.webhooks.deliveries(world.workspaceId, one!.webhookId)).find((d) => d.id === one!.id);
    expect(stored).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });

    // Old history goes; what is still pending stays whatever its age.
    await nodes[0]!.webhooks.pruneDeliveries(now + 3 * MINUTE);
    const left = await nodes[2]!.webhooks.deliveries(world.workspaceId, one!.webhookId);
    expect(left.some((d) => d.id === one!.id)).toBe(false);
    expect(left.every((d) => d.status === 'pending')).toBe(true);
    await nodes[0]!.alerts.pruneAlerts(Number.MAX_SAFE_INTEGER);
    expect(await nodes[1]!.alerts.recentAlerts(world.workspaceId, 0, 50)).toEqual([]);
  });
});
