/**
 * The lease keeper on a real (SQLite) lease table: one of two keepers runs the work; stopping it
 * hands the work to the other at its next tick; a keeper whose lease another node took stops.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../storage/sqlite/open-sqlite-storage.js';
import type { KyselyStorage } from '../storage/kysely/kysely-storage.js';
import { silentLogger } from '../logger.js';
import { LeaseKeeper } from './lease-keeper.js';

let dir: string;
let storage: KyselyStorage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eyelevel-lease-'));
  storage = openSqliteStorage(dir);
  await storage.migrate();
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function keeper(holder: string, log: string[], now?: () => number) {
  return new LeaseKeeper({
    leases: storage.leases,
    name: 'poller:1',
    holder,
    ttlMs: 60_000,
    log: silentLogger,
    onGained: () => void log.push(`${holder} start`),
    onLost: () => void log.push(`${holder} stop`),
    ...(now ? { now } : {}),
  });
}

describe('LeaseKeeper', () => {
  it('runs the work on one holder; a clean stop hands it over at the next tick', async () => {
    const log: string[] = [];
    const a = keeper('a', log);
    const b = keeper('b', log);
    await a.tick();
    await b.tick();
    expect(log).toEqual(['a start']);
    expect([a.held, b.held]).toEqual([true, false]);
    await a.stop();
    await b.tick();
    expect(log).toEqual(['a start', 'a stop', 'b start']);
    await b.stop();
  });

  it('stops the work when another holder took the lease over after it ran out', async () => {
    const log: string[] = [];
    let clock = Date.now();
    const a = keeper('a', log, () => clock);
    const b = keeper('b', log, () => clock);
    await a.tick();
    clock += 61_000; // a was paused past its lease
    await b.tick();
    await a.tick();
    expect(log).toEqual(['a start', 'b start', 'a stop']);
    expect(a.held).toBe(false);
    await b.stop();
  });
});
