/**
 * What the agent asked for that the relay has not confirmed yet: replies, notes and actions
 * (status changes, and in issue 4 claims, transfers, escalations). Every such frame carries a
 * client-chosen id, so the outbox keeps the frame itself and resends it unchanged after a
 * reconnect; the relay stores it once (DESIGN.md section 4). A reply or note stays visible until
 * its event is in the log, so it never blinks out between the ack and the event.
 */
import type { AgentClientFrame, ErrorCode } from '@eyelevel/shared';

/**
 * The agent frames of a conversation that carry a client id and are answered by an ack or an
 * error (the workspace-wide review settings are answered by a `review_settings` frame instead).
 */
export type OutboxFrame = Extract<AgentClientFrame, { id: string; conversationId: string }>;

export type OutboxState = 'pending' | 'acked' | 'failed';

export interface OutboxEntry {
  /** The frame's client id. */
  readonly id: string;
  readonly conversationId: string;
  readonly frame: OutboxFrame;
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

export type Outbox = ReadonlyMap<string, OutboxEntry>;

export const emptyOutbox: Outbox = new Map();

/**
 * Frames whose result is a log entry written by the agent, shown until that entry arrives. A
 * review (issue 6) may carry edited text, but its entry is a decision, not a reply.
 */
export function isWritten(frame: OutboxFrame): frame is Extract<OutboxFrame, { type: 'send' | 'note' }> {
  return frame.type === 'send' || frame.type === 'note';
}

export function newEntry(frame: OutboxFrame, queuedAt: number): OutboxEntry {
  return {
    id: frame.id,
    conversationId: frame.conversationId,
    frame,
    queuedAt,
    state: 'pending',
    seq: null,
    error: null,
    sentEpoch: 0,
  };
}

function put(outbox: Outbox, entry: OutboxEntry): Outbox {
  const next = new Map(outbox);
  next.set(entry.id, entry);
  return next;
}

export function enqueue(outbox: Outbox, entry: OutboxEntry): Outbox {
  return put(outbox, entry);
}

/**
 * The relay stored it. An action is done (its event updates the row); a reply or note waits for
 * its event unless the log already has it.
 */
export function ack(outbox: Outbox, id: string, seq: number, inLog: boolean): Outbox {
  const entry = outbox.get(id);
  if (!entry) return outbox;
  if (!isWritten(entry.frame) || inLog) return remove(outbox, id);
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

/** Drop replies and notes whose event arrived (matched by client id), however ack and event raced. */
export function settleDelivered(outbox: Outbox, deliveredClientIds: ReadonlySet<string>): Outbox {
  let next: Map<string, OutboxEntry> | null = null;
  for (const id of deliveredClientIds) {
    const entry = (next ?? outbox).get(id);
    if (!entry || !isWritten(entry.frame)) continue;
    next ??= new Map(outbox);
    next.delete(id);
  }
  return next ?? outbox;
}

export function entriesFor(outbox: Outbox, conversationId: string): OutboxEntry[] {
  return [...outbox.values()].filter((entry) => entry.conversationId === conversationId);
}
