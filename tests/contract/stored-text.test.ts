/**
 * Contract: text that one database cannot store never fails a batch. Postgres refuses a NUL
 * character and an unpaired surrogate; one such post from a social network in a batch of
 * visitors' sends used to fail the whole batch. Both drivers store the replacement character,
 * and the sender gets back exactly what was stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendInput, Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { seedConversation, seedWorkspace, visitorAuthorOf, type World } from './fixtures.js';

describe.each(DRIVERS)('stored text ($name)', (driver) => {
  let database: DriverDatabase;
  let storage: Storage;
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('stored_text');
    storage = await database.node();
    world = await seedWorkspace(storage);
  });
  afterAll(async () => database?.close());

  const send = (conversationId: string, clientId: string, text: string): AppendInput => ({
    workspaceId: world.workspaceId,
    conversationId,
    author: visitorAuthorOf(world.visitor),
    clientId,
    body: { kind: 'message', text },
    at: Date.now(),
  });

  it.skipIf(!driver.available)('stores a NUL and an unpaired surrogate as U+FFFD, and the batch around them as sent', async () => {
    const id = await seedConversation(storage, world);
    const results = await storage.events.append([send(id, 't1', 'before'), send(id, 't2', 'nul \u0000 and lone \uD800 here'), send(id, 't3', 'after 😀')]);
    expect(results.every((result) => result.ok && !result.duplicate)).toBe(true);
    const texts = results.map((result) => (result.ok && result.event.kind === 'message' ? result.event.text : null));
    expect(texts).toEqual(['before', 'nul \uFFFD and lone \uFFFD here', 'after 😀']);
    const log = await storage.events.read(world.workspaceId, id, 0, 100);
    expect(log.flatMap((event) => (event.kind === 'message' ? [event.text] : []))).toEqual(texts);
  });
});
