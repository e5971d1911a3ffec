/**
 * Issue 7: a company outgrowing one node moves from the embedded SQLite file to Postgres with
 * `eyelevel copy-to-postgres`, and nothing is left behind: after the copy, a relay on Postgres
 * lets the same visitor come back to the same conversation with its whole history, and the same
 * agent log in with the same password. Copying into a database that already holds data is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, cli, freePort, spawnRelay, type RelayProcess } from '../support/relay-process.js';
import { connectVisitor, messagesOf } from '../support/clients.js';
import { TEST_ORIGIN } from '../support/relay-harness.js';
import { withPostgres } from '../support/services.js';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';

const runs = await withPostgres();
const PASSWORD = 'copy-test-password-1';

describe.skipIf(!runs)('copying the embedded database to Postgres', () => {
  let dataDir: string;
  let schema: TestSchema;
  let relay: RelayProcess | null = null;
  let siteKey: string;
  const email = 'mover@example.com';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-copy-'));
    schema = await createTestSchema('copy');
    const workspace = await cli<{ id: string }>(dataDir, ['workspace', 'create', '--name', 'Moving Co']);
    siteKey = (await cli<{ publicKey: string }>(dataDir, ['site', 'create', '--workspace', workspace.id, '--name', 'Web', '--origin', TEST_ORIGIN])).publicKey;
    await cli(dataDir, ['agent', 'create', '--workspace', workspace.id, '--email', email, '--name', 'Mo Ver', '--initials', 'mv', '--password', PASSWORD]);
  });
  afterAll(async () => {
    relay?.child.kill('SIGKILL');
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves conversations, sessions and agents, and refuses to copy twice', async () => {
    relay = await spawnRelay(dataDir, await freePort());
    const first = await connectVisitor(relay.wsUrl, siteKey);
    const token = first.welcome.token as string;
    for (const text of ['my order is late', 'it was due Monday']) {
      first.socket.send({ type: 'send', id: text.slice(0, 8).replace(/\W/g, '-'), text });
      await first.socket.next((f) => f.type === 'ack' && f.id === text.slice(0, 8).replace(/\W/g, '-'));
    }
    first.socket.close();
    relay.child.kill('SIGTERM');
    await relay.exited;
    relay = null;

    const report = await cli<{ tables: Array<{ table: string; rows: number }> }>(dataDir, ['copy-to-postgres', '--to', schema.url]);
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({ workspaces: 1, sites: 1, agents: 1, visitors: 1, conversations: 1 });
    expect(rows.events).toBeGreaterThanOrEqual(2);
    // Every table comes after the tables it references.
    expect(report.tables.findIndex((t) => t.table === 'workspaces')).toBeLessThan(report.tables.findIndex((t) => t.table === 'events'));

    const again = await promisify(execFile)(process.execPath, [CLI, 'copy-to-postgres', '--to', schema.url], {
      env: { ...process.env, EYELEVEL_DATA_DIR: dataDir },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(1);
    expect(again?.stderr).toContain('already holds data');

    relay = await spawnRelay(mkdtempSync(join(tmpdir(), 'eyelevel-copy-unused-')), await freePort(), [], { DATABASE_URL: schema.url });
    const back = await connectVisitor(relay.wsUrl, siteKey, { token, lastSeq: 0 });
    expect(back.welcome).toMatchObject({ type: 'welcome', visitorId: first.welcome.visitorId });
    await back.socket.next((f) => f.type === 'event' && (f.event as { text?: string }).text === 'it was due Monday');
    expect(messagesOf(back.socket.frames).map(([, text]) => text)).toEqual(['my order is late', 'it was due Monday']);
    const lastCopied = Math.max(...messagesOf(back.socket.frames).map(([seq]) => seq));
    back.socket.send({ type: 'send', id: 'after-move', text: 'still there?' });
    const ack = await back.socket.next((f) => f.type === 'ack' && f.id === 'after-move');
    expect(ack.seq).toBe(lastCopied + 1);

    const login = await fetch(`${relay.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    back.socket.close();
  });
});
