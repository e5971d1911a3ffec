/**
 * Issue 2: SIGTERM shuts the relay down gracefully — open sockets are closed with 1012 (so
 * clients reconnect and resume), pending writes finish, the process exits 0 — and a restart on
 * the same data folder keeps the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, freePort, spawnRelay } from '../support/relay-process.js';
import { connectVisitor, messagesOf } from '../support/clients.js';
import { TEST_ORIGIN } from '../support/relay-harness.js';

let dataDir: string;
let siteKey: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-shutdown-'));
  const workspace = await cli<{ id: string }>(dataDir, ['workspace', 'create', '--name', 'Shutdown Co']);
  siteKey = (
    await cli<{ publicKey: string }>(dataDir, ['site', 'create', '--workspace', workspace.id, '--name', 's', '--origin', TEST_ORIGIN])
  ).publicKey;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('closes sockets with 1012, exits 0, and keeps the data for the next start', async () => {
    const port = await freePort();
    const relay = await spawnRelay(dataDir, port);
    const visitor = await connectVisitor(relay.wsUrl, siteKey);
    visitor.socket.send({ type: 'send', id: 'before-restart', text: 'see you after the restart' });
    await visitor.socket.next((f) => f.type === 'ack');

    relay.child.kill('SIGTERM');
    expect(await visitor.socket.closedPromise).toBe(1012);
    expect(await relay.exited).toEqual({ code: 0, signal: null });

    const again = await spawnRelay(dataDir, port);
    const back = await connectVisitor(again.wsUrl, siteKey, { token: visitor.welcome.token as string, lastSeq: 0 });
    await back.socket.next((f) => f.type === 'event' && (f.event as { seq: number }).seq === 2);
    expect(messagesOf(back.socket.frames)).toEqual([[2, 'see you after the restart']]);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 30_000);

  it('refuses to start with a clear message when the configuration is invalid', async () => {
    const { execFile } = await import('node:child_process');
    const { CLI } = await import('../support/relay-process.js');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'start'], { env: { ...process.env, PORT: 'eighty', EYELEVEL_DATA_DIR: dataDir } }, (error, _out, stderr) =>
        resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid configuration/);
    expect(result.stderr).toMatch(/PORT/);
  });
});
