/**
 * Contract: a lease has one holder at a time across nodes, is renewed by its holder only, and
 * passes to another node once it runs out (a killed node never releases it) or is released.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';

describe.each(DRIVERS)('leases ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('leases');
    nodes = [await database.node(), await database.node(), await database.node()];
  });
  afterAll(async () => database?.close());

  it.skipIf(!driver.available)('one of many racing nodes gets a free lease', async () => {
    const now = Date.now();
    const results = await Promise.all(
      nodes.flatMap((node, n) => [0, 1, 2, 3].map((i) => node.leases.acquire('race', `node-${n}-${i}`, 10_000, now))),
    );
    const winners = results.filter((lease) => lease !== null);
    expect(winners).toHaveLength(1);
    expect(await nodes[2]!.leases.current('race', now)).toEqual(winners[0]);
  });

  it.skipIf(!driver.available)('the holder renews (same fence); others are refused until it runs out', async () => {
    const t0 = Date.now();
    const first = await nodes[0]!.leases.acquire('poller:ch1', 'a', 1_000, t0);
    expect(first).toMatchObject({ holder: 'a', fence: 1, expiresAt: t0 + 1_000 });
    expect(await nodes[1]!.leases.acquire('poller:ch1', 'b', 1_000, t0 + 500)).toBeNull();
    const renewed = await nodes[0]!.leases.acquire('poller:ch1', 'a', 1_000, t0 + 600);
    expect(renewed).toMatchObject({ holder: 'a', fence: 1, expiresAt: t0 + 1_600 });
    expect(await nodes[1]!.leases.acquire('poller:ch1', 'b', 1_000, t0 + 1_500)).toBeNull();
    // a dies: no renewal; once the lease has run out, b takes it over with a new fence.
    const taken = await nodes[1]!.leases.acquire('poller:ch1', 'b', 1_000, t0 + 1_600);
    expect(taken).toMatchObject({ holder: 'b', fence: 2 });
    // a comes back (it was paused, not dead) and learns it no longer holds the lease.
    expect(await nodes[0]!.leases.acquire('poller:ch1', 'a', 1_000, t0 + 1_700)).toBeNull();
    expect((await nodes[2]!.leases.current('poller:ch1', t0 + 1_700))?.holder).toBe('b');
  });

  it.skipIf(!driver.available)('a released lease is free at once; release by a non-holder does nothing', async () => {
    const now = Date.now();
    expect(await nodes[0]!.leases.acquire('poller:ch2', 'a', 60_000, now)).not.toBeNull();
    await nodes[1]!.leases.release('poller:ch2', 'b');
    expect((await nodes[1]!.leases.current('poller:ch2', now))?.holder).toBe('a');
    await nodes[0]!.leases.release('poller:ch2', 'a');
    expect(await nodes[2]!.leases.current('poller:ch2', now)).toBeNull();
    expect(await nodes[1]!.leases.acquire('poller:ch2', 'b', 60_000, now)).toMatchObject({ holder: 'b' });
  });

  it.skipIf(!driver.available)('a holder whose own lease ran out re-takes it with a new fence', async () => {
    const t0 = Date.now();
    const first = await nodes[0]!.leases.acquire('poller:ch3', 'a', 1_000, t0);
    const again = await nodes[0]!.leases.acquire('poller:ch3', 'a', 1_000, t0 + 5_000);
    expect(again?.fence).toBe(first!.fence + 1);
  });
});
