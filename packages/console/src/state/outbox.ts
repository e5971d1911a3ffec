/**
 * What the agent asked for that the relay has not confirmed yet: replies and status changes.
 * Each carries a client-chosen id so a resend after a reconnect is stored once (DESIGN.md
 * section 4). An entry stays visible as "sending" until its ack, and a reply stays until its
 * event is in the log, so it never blinks out between the ack and the event.
 */
import type { ErrorCode } from '@eyelevel/shared';

export type OutboxState = 'pending' | 'acked' | 'failed';

interface OutboxBase {
  /** The client-chosen id sent with the frame. */
  readonly id: string;
  readonly conversationId: string;
  readonly queuedAt: number;
  readonly state: OutboxState;
  readonly seq: number | null;
  readonly error: { readonly code: ErrorCode; readonly message: string } | null;
  /**
   * The connection epoch (one per welcome) this entry was last sent on; 0 = never. A pending
   * entry from an older epoch is sent again, with the same id, after a reconnect.
   */
  readonly sentEpoch: number;
}

export interface OutboxMessage extends OutboxBase {
  readonly kind: 'message';
  readonly text: string;
}

export interface OutboxStatus extends OutboxBase {
  readonly kind: 'status';
  readonly status: 'open' | 'resolved';
}

export type OutboxEntry = OutboxMessage | OutboxStatus;
export type Outbox = ReadonlyMap<string, OutboxEntry>;

export const emptyOutbox: Outbox = new Map();

function put(outbox: Outbox, entry: OutboxEntry): Outbox {
  const next = new Map(outbox);
  next.set(entry.id, entry);
  return next;
}

export function enqueue(outbox: Outbox, entry: OutboxEntry): Outbox {
  return put(outbox, entry);
}

/**
 * The relay stored it. A status change is done (the status event updates the row); a reply waits
 * for its event unless the log already has it.
 */
export function ack(outbox: Outbox, id: string, seq: number, inLog: boolean): Outbox {
  const entry = outbox.get(id);
  if (!entry) return outbox;
  if (entry.kind === 'status' || inLog) return remove(outbox, id);
  return put(outbox, { ...entry, state: 'acked', seq, error: null });
}

export function fail(
  outbox: Outbox,
  id: string,
  error: { code: ErrorCode; message: string },
): Outbox {
  const entry = outbox.get(id);
  if (!entry) return outbox;
  return put(outbox, { ...entry, state: 'failed', error });
}

/** The agent retries a failed entry with the same id, so a send that did land is not doubled. */
export function retry(outbox: Outbox, id: string): Outbox {
  const entry = outbox.get(id);
  if (!entry || entry.state !== 'failed') return outbox;
  return put(outbox, { ...entry, state: 'pending', error: null, sentEpoch: 0 });
}

export function markSent(outbox: Outbox, id: string, epoch: number): Outbox {
  const entry = outbox.get(id);
  if (!entry || entry.sentEpoch === epoch) return outbox;
  return put(outbox, { ...entry, sentEpoch: epoch });
}

export function remove(outbox: Outbox, id: string): Outbox {
  if (!outbox.has(id)) return outbox;
  const next = new Map(outbox);
  next.delete(id);
  return next;
}

/** Drop replies whose event arrived (matched by client id), however the ack and event raced. */
export function settleDelivered(outbox: Outbox, deliveredClientIds: ReadonlySet<string>): Outbox {
  let next: Map<string, OutboxEntry> | null = null;
  for (const id of deliveredClientIds) {
    const entry = (next ?? outbox).get(id);
    if (entry?.kind !== 'message') continue;
    next ??= new Map(outbox);
    next.delete(id);
  }
  return next ?? outbox;
}

export function entriesFor(outbox: Outbox, conversationId: string): OutboxEntry[] {
  return [...outbox.values()].filter((entry) => entry.conversationId === conversationId);
}
