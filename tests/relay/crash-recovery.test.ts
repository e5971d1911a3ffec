/**
 * Issue 2: the relay process is killed with SIGKILL while visitors send. After a restart on the
 * same data folder, every message that was acknowledged is stored exactly once, the clients'
 * unacknowledged messages are stored once after they retry, and SQLite's integrity check is ok.
 * Runs the built relay as a real process (see tests/support/relay-process.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, freePort, spawnRelay, type RelayProcess } from '../support/relay-process.js';
import { connectVisitor } from '../support/clients.js';
import { TEST_ORIGIN } from '../support/relay-harness.js';
import type { TestSocket } from '../support/test-socket.js';

let dataDir: string;
let siteKey: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-crash-'));
  const workspace = await cli<{ id: string }>(dataDir, ['workspace', 'create', '--name', 'Crash Co']);
  const site = await cli<{ publicKey: string }>(dataDir, [
    'site', 'create', '--workspace', workspace.id, '--name', 'Crash site', '--origin', TEST_ORIGIN,
  ]);
  siteKey = site.publicKey;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A visitor that keeps sending, keeps an outbox, and remembers what was acked. */
class SendingVisitor {
  socket: TestSocket | null = null;
  token: string | null = null;
  readonly outbox = new Map<string, string>();
  readonly acked = new Map<string, number>();
  private counter = 0;
  private seen = 0;

  constructor(readonly name: string) {}

  async connect(wsUrl: string) {
    const { socket, welcome } = await connectVisitor(wsUrl, siteKey, this.token ? { token: this.token } : {});
    expect(welcome.type).toBe('welcome');
    this.token ??= welcome.token as string;
    this.socket = socket;
    this.seen = 0;
    for (const [id, text] of this.outbox) socket.send({ type: 'send', id, text });
  }

  sendNext() {
    const id = `${this.name}-${++this.counter}`;
    this.outbox.set(id, `message ${this.counter} from ${this.name}`);
    this.socket?.send({ type: 'send', id, text: this.outbox.get(id)! });
  }

  retry() {
    for (const [id, text] of this.outbox) this.socket?.send({ type: 'send', id, text });
  }

  absorb() {
    if (!this.socket) return;
    for (const frame of this.socket.frames.slice(this.seen)) {
      if (frame.type === 'ack') {
        this.acked.set(frame.id as string, frame.seq as number);
        this.outbox.delete(frame.id as string);
      }
    }
    this.seen = this.socket.frames.length;
  }
}

describe('crash recovery', () => {
  it('keeps every acknowledged message exactly once across a SIGKILL', async () => {
    const port = await freePort();
    let relay: RelayProcess = await spawnRelay(dataDir, port);
    const visitors = Array.from({ length: 10 }, (_, i) => new SendingVisitor(`v${i}`));
    for (const visitor of visitors) await visitor.connect(relay.wsUrl);

    // Send steadily (within the per-visitor rate limit) until a good number of acks are in,
    // then kill mid-stream.
    let ackedBeforeKill = 0;
    while (ackedBeforeKill < 300) {
      for (const visitor of visitors) {
        visitor.sendNext();
        visitor.absorb();
      }
      await new Promise((resolve) => setTimeout(resolve, 110));
      ackedBeforeKill = visitors.reduce((sum, v) => sum + v.acked.size, 0);
    }
    for (const visitor of visitors) visitor.sendNext(); // in flight at the moment of the kill
    relay.child.kill('SIGKILL');
    expect((await relay.exited).signal).toBe('SIGKILL');
    for (const visitor of visitors) {
      await visitor.socket!.closedPromise;
      visitor.absorb();
    }
    const ackedAtKill = new Map(visitors.flatMap((v) => [...v.acked]));
    const unacked = visitors.reduce((sum, v) => sum + v.outbox.size, 0);
    expect(unacked).toBeGreaterThan(0);

    relay = await spawnRelay(dataDir, port);
    for (const visitor of visitors) await visitor.connect(relay.wsUrl);
    // Like the widget: resend what is still unacked now and then, until everything is acked.
    for (let i = 0; i < 300 && visitors.some((v) => (v.absorb(), v.outbox.size > 0)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (i % 10 === 9) for (const visitor of visitors) visitor.retry();
    }
    expect(visitors.every((v) => v.outbox.size === 0)).toBe(true);

    relay.child.kill('SIGTERM');
    expect((await relay.exited).code).toBe(0);

    const db = new Database(join(dataDir, 'eyelevel.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = db.prepare('select count(*) as n from events where client_id = ?');
      const seqOf = db.prepare('select seq from events where client_id = ?');
      // Acked before the kill: present exactly once, at the acked seq.
      for (const [clientId, seq] of ackedAtKill) {
        expect((count.get(clientId) as { n: number }).n).toBe(1);
        expect((seqOf.get(clientId) as { seq: number }).seq).toBe(seq);
      }
      // Everything any visitor ever had acked (including retries after restart): exactly once.
      for (const visitor of visitors) {
        for (const clientId of visitor.acked.keys()) expect((count.get(clientId) as { n: number }).n).toBe(1);
      }
      // Each conversation's log is gap-free.
      const gaps = db
        .prepare('select conversation_id, count(*) as n, max(seq) as top from events group by conversation_id')
        .all() as Array<{ n: number; top: number }>;
      for (const row of gaps) expect(row.n).toBe(row.top);
    } finally {
      db.close();
    }
  }, 60_000);
});
