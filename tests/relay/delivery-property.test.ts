/**
 * Issue 2, the delivery contract as a property: for any sequence of visitor sends, dropped
 * connections, retries, resumes and agent replies, every acked message is stored exactly once
 * with the seq it was acked with, the log's seqs have no gaps, and after a final resume the
 * visitor holds exactly the stored log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConversationEvent } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { TestSocket, Frame } from '../support/test-socket.js';

type Action =
  | { kind: 'send'; text: string }
  | { kind: 'retry' }
  | { kind: 'drop' }
  | { kind: 'resume' }
  | { kind: 'agent'; text: string }
  | { kind: 'pause' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() !== '').map((text) => ({ kind: 'send' as const, text })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'retry' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'drop' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() !== '').map((text) => ({ kind: 'agent' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
);

let harness: RelayHarness;
let agent: TestSocket;

beforeAll(async () => {
  harness = await startRelay({ rateLimits: { visitor: { burst: 1000, perSecond: 1000 }, agent: { burst: 1000, perSecond: 1000 } } });
  agent = (await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail))).socket;
});
afterAll(async () => {
  await harness.close();
});

/** A visitor client that behaves like the widget: outbox, dedupe by seq, resume from what it has. */
class ModelVisitor {
  socket: TestSocket | null = null;
  token: string | null = null;
  conversationId: string | null = null;
  readonly received = new Map<number, ConversationEvent>();
  readonly outbox = new Map<string, string>();
  readonly acked = new Map<string, number>();
  private seen = 0;
  private counter = 0;

  constructor(private readonly id: string) {}

  /** Highest seq such that every seq up to it is held. */
  contiguous(): number {
    let seq = 0;
    while (this.received.has(seq + 1)) seq += 1;
    return seq;
  }

  absorb(): void {
    if (!this.socket) return;
    const frames: Frame[] = this.socket.frames.slice(this.seen);
    this.seen = this.socket.frames.length;
    for (const frame of frames) {
      if (frame.type === 'event') {
        const event = frame.event as ConversationEvent;
        this.received.set(event.seq, event);
      } else if (frame.type === 'ack') {
        this.acked.set(frame.id as string, frame.seq as number);
        this.outbox.delete(frame.id as string);
        this.conversationId = frame.conversationId as string;
      }
    }
  }

  async connect(): Promise<void> {
    const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, {
      ...(this.token ? { token: this.token, lastSeq: this.contiguous() } : {}),
    });
    expect(welcome.type).toBe('welcome');
    if (welcome.token) this.token = welcome.token as string;
    if (welcome.conversationId) this.conversationId = welcome.conversationId as string;
    this.socket = socket;
    this.seen = socket.frames.indexOf(welcome) + 1;
    for (const [id, text] of this.outbox) socket.send({ type: 'send', id, text });
  }

  send(text: string): void {
    const id = `${this.id}-${++this.counter}`;
    this.outbox.set(id, text);
    this.socket?.send({ type: 'send', id, text });
  }

  retry(): void {
    for (const [id, text] of this.outbox) this.socket?.send({ type: 'send', id, text });
  }

  drop(): void {
    this.absorb();
    this.socket?.terminate();
    this.socket = null;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('delivery contract (property)', () => {
  it('stores every acked message once, without gaps, and the visitor ends with the stored log', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 25 }), async (actions) => {
        const visitor = new ModelVisitor(`run${++run}`);
        await visitor.connect();
        let agentCounter = 0;
        for (const action of actions) {
          visitor.absorb();
          switch (action.kind) {
            case 'send':
              visitor.send(action.text);
              break;
            case 'retry':
              visitor.retry();
              break;
            case 'drop':
              visitor.drop();
              break;
            case 'resume':
              if (!visitor.socket) await visitor.connect();
              break;
            case 'agent':
              if (visitor.conversationId) {
                agent.send({ type: 'send', conversationId: visitor.conversationId, id: `ag-${run}-${++agentCounter}`, text: action.text });
              }
              break;
            case 'pause':
              await settle();
              break;
          }
        }

        // Finally the widget comes back if it was dropped (resume), or, still connected, retries
        // its outbox; either way it must converge on the stored log.
        if (!visitor.socket) await visitor.connect();
        else visitor.retry();
        const socket = visitor.socket!;
        for (let i = 0; i < 200 && visitor.outbox.size > 0; i++) {
          await settle();
          visitor.absorb();
        }
        expect(visitor.outbox.size).toBe(0);
        if (!visitor.conversationId) return; // nothing was ever sent

        // Wait for every agent message sent during the run to be stored (their acks).
        const agentIds = Array.from({ length: agentCounter }, (_, i) => `ag-${run}-${i + 1}`);
        for (const id of agentIds) await agent.next((f) => f.type === 'ack' && f.id === id || f.type === 'error' && f.ref === id, 5000);

        const stored = await harness.storage.events.read(harness.tenant.workspaceId, visitor.conversationId, 0, 10_000);
        // Gap-free sequence 1..N.
        expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
        // Every acked message stored exactly once, at the acked seq.
        for (const [clientId, seq] of visitor.acked) {
          const copies = stored.filter((e) => e.kind === 'message' && e.clientId === clientId);
          expect(copies).toHaveLength(1);
          expect(copies[0]!.seq).toBe(seq);
        }
        // The visitor converges on the stored log.
        const last = stored.at(-1)!.seq;
        await socket.next(() => visitor.contiguous() >= last || (visitor.absorb(), visitor.contiguous() >= last), 5000).catch(() => {});
        visitor.absorb();
        expect([...visitor.received.keys()].sort((a, b) => a - b)).toEqual(stored.map((e) => e.seq));
        for (const event of stored) expect(visitor.received.get(event.seq)).toEqual(event);
        socket.close();
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
