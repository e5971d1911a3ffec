/**
 * Issue 7: Postgres unavailable. A relay whose database connection is cut (by a TCP proxy in
 * this process) reports not-ready, refuses sends with an error frame naming the send instead of
 * acknowledging them, and recovers by itself when the database is back; the retried send is then
 * stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStorage, TenantAdmin, type Storage } from '@eyelevel/relay';
import { POSTGRES_URL, withPostgres } from '../support/services.js';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { freePort, spawnRelay, type RelayProcess } from '../support/relay-process.js';
import { TEST_ORIGIN } from '../support/relay-harness.js';
import { ResumingVisitor } from '../support/resuming-visitor.js';
import { waitFor } from '../support/wait.js';
import type { Frame } from '../support/test-socket.js';

const runs = await withPostgres();

const answerTo = (id: string) => (f: Frame) => (f.type === 'ack' && f.id === id) || (f.type === 'error' && f.ref === id);

describe.skipIf(!runs)('Postgres unavailable', () => {
  let schema: TestSchema;
  let storage: Storage;
  let proxy: TcpProxy;
  let relay: RelayProcess;
  let dataDir: string;
  let siteKey: string;

  beforeAll(async () => {
    schema = await createTestSchema('pg_outage');
    storage = openPostgresStorage({ url: schema.url, poolSize: 2 });
    await storage.migrate();
    const admin = new TenantAdmin(storage);
    const workspace = await admin.createWorkspace({ name: 'Outage Co' });
    siteKey = (await admin.createSite(workspace.id, { name: 'Outage web', allowedOrigins: [TEST_ORIGIN] })).site.publicKey;

    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const throughProxy = new URL(schema.url);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-pg-outage-'));
    relay = await spawnRelay(dataDir, await freePort(), [], { DATABASE_URL: throughProxy.toString() });
  }, 60_000);
  afterAll(async () => {
    relay?.child.kill('SIGTERM');
    await relay?.exited;
    await proxy?.close();
    await storage?.close();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('reports not-ready, refuses sends with an error frame instead of an ack, and recovers', async () => {
    const visitor = new ResumingVisitor('pg', siteKey);
    await visitor.connect(relay.wsUrl);
    const before = visitor.send('stored while the database answers');
    expect((await visitor.socket!.next(answerTo(before), 10_000)).type).toBe('ack');

    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (relay.child.exitCode !== null) throw new Error(`relay died: ${relay.output()}`);
    await waitFor(async () => (await fetch(`${relay.url}/readyz`)).status === 503, 10_000, '/readyz to report not ready');
    expect(await (await fetch(`${relay.url}/readyz`)).json()).toEqual({ status: 'not-ready', storage: 'unreachable' });

    const refused = visitor.send('sent while the database is gone');
    const answer = await visitor.socket!.next(answerTo(refused), 15_000);
    expect(answer).toMatchObject({ type: 'error', code: 'UNAVAILABLE', ref: refused });
    expect(String(answer.message)).toMatch(/retry/);
    // The socket stays open: the widget keeps the message in its outbox and sends it again.
    expect(visitor.connected).toBe(true);

    await proxy.restore();
    await waitFor(async () => (await fetch(`${relay.url}/readyz`)).status === 200, 15_000, '/readyz to report ready again');
    visitor.socket!.send({ type: 'send', id: refused, text: 'sent while the database is gone' });
    const retried = await visitor.socket!.next((f) => f.type === 'ack' && f.id === refused, 10_000);

    visitor.absorb();
    const log = await storage.events.read((await storage.tenants.findSiteByPublicKey(siteKey))!.workspaceId, retried.conversationId as string, 0, 100);
    const messages = log.filter((e) => e.kind === 'message');
    expect(messages.map((m) => (m.kind === 'message' ? m.clientId : null))).toEqual([before, refused]);
    expect(messages[1]!.seq).toBe(retried.seq);
  }, 60_000);
});
